/* Minimal start: the task pane and commands entries, the https dev server and the production URL
 * rewrite of manifest.xml arrive with the add-in issue (webpack is not a dependency yet). */
const path = require("path");

module.exports = (_env, argv = {}) => ({
  mode: argv.mode === "development" ? "development" : "production",
  entry: { taskpane: "./src/taskpane/index.ts" },
  output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
  resolve: { extensions: [".ts", ".tsx", ".js"] },
  module: { rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: "ts-loader" }] },
});
