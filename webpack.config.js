/* Build of the Excel add-in (task pane, ribbon commands, their dialog), laid out like Microsoft's
 * Office-Addin-TaskPane-React template: one entry per page, HtmlWebpackPlugin per page, CopyWebpackPlugin for the
 * icons and the manifest, an https dev server on port 3000.
 *
 *   npm run build          production build into dist/addin/ (the CLI bundle dist/cli.js is left alone)
 *   npm run build:dev      development build into dist/addin/
 *   npm run dev-server     https://localhost:3000/ from memory, with the office-addin-dev-certs certificates
 *
 * Options (webpack `--env` or environment variables; see README.md):
 *   --env url=https://host/path/      JIXIAO_PUBLIC_URL        production address written into manifest.xml
 *   --env localOfficeJs               JIXIAO_LOCAL_OFFICE_JS=1 serve office.js from the add-in's own origin
 *   --env outDir=/some/dir            JIXIAO_OUT_DIR           output directory (default dist/addin)
 *
 * Type checking is `tsc --noEmit` (npm test, npm run typecheck): ts-loader only transpiles.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DEV_URL, PLACEHOLDER_URL, normalizePublicUrl, toProductionManifest } = require("./scripts/manifest-url");

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Folder of the self-hosted office.js copy inside the output (every page sits at the output's root). */
const LOCAL_OFFICE_JS_DIR = "office-js";
const OFFICE_JS_DIST = path.join(__dirname, "node_modules", "@microsoft", "office-js", "dist");
const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
const CERT_FILES = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

function isOn(value) {
  return value === true || /^(1|true|yes|on)$/i.test(String(value ?? "").trim());
}

function readCertificates() {
  const files = Object.fromEntries(Object.entries(CERT_FILES).map(([k, f]) => [k, path.join(CERT_DIR, f)]));
  if (!Object.values(files).every((f) => fs.existsSync(f))) return null;
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(f)]));
}

/** The dev server's https options: the three office-addin-dev-certs files, read directly (toolchain pitfall 5). */
async function devServerHttpsOptions() {
  let certs = readCertificates();
  if (!certs) {
    console.warn(
      `\njixiao: no development certificates in ${CERT_DIR} (${Object.values(CERT_FILES).join(", ")}).\n` +
        "Generating and trusting them now, as `npx office-addin-dev-certs install` does (it may ask for your password).\n",
    );
    try {
      await require("office-addin-dev-certs").ensureCertificatesAreInstalled();
    } catch (err) {
      console.warn(
        `jixiao: office-addin-dev-certs could not install the certificate authority: ${err && err.message}\n` +
          "Office will refuse https://localhost:3000 until it is trusted: run `npx office-addin-dev-certs install` " +
          "(on Windows or macOS) and restart the dev server.\n",
      );
    }
    certs = readCertificates();
    if (!certs) {
      throw new Error(
        `jixiao: the dev server needs ${Object.values(CERT_FILES).map((f) => path.join(CERT_DIR, f)).join(", ")}. ` +
          "Create them with `npx office-addin-dev-certs install`, then run `npm run dev-server` again.",
      );
    }
  }
  try {
    const notAfter = new Date(new crypto.X509Certificate(certs.cert).validTo);
    if (notAfter.getTime() < Date.now()) {
      console.warn(
        `jixiao: the development certificate expired on ${notAfter.toISOString().slice(0, 10)}; ` +
          "renew it with `npx office-addin-dev-certs uninstall && npx office-addin-dev-certs install`.",
      );
    }
  } catch {
    // An unreadable certificate shows up as a TLS error in the browser; nothing more useful to say here.
  }
  return certs;
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const serving = isOn(env.WEBPACK_SERVE);
  const localOfficeJs = isOn(env.localOfficeJs) || isOn(process.env.JIXIAO_LOCAL_OFFICE_JS);
  const outDir = path.resolve(__dirname, env.outDir || process.env.JIXIAO_OUT_DIR || path.join("dist", "addin"));
  const explicitUrl = env.url || process.env.JIXIAO_PUBLIC_URL;
  const publicUrl = normalizePublicUrl(explicitUrl || PLACEHOLDER_URL);
  if (!dev && !explicitUrl) {
    console.warn(
      `jixiao: production manifest points at the placeholder ${PLACEHOLDER_URL}; ` +
        "set JIXIAO_PUBLIC_URL (or --env url=…) to the address you deploy dist/addin/ to.",
    );
  }
  // Relative: every page is at the root of the output, and office.js finds its other files next to itself.
  const officeJsUrl = localOfficeJs ? `${LOCAL_OFFICE_JS_DIR}/office.js` : CDN_OFFICE_JS;

  const page = (name, template, chunks) =>
    new HtmlWebpackPlugin({ filename: `${name}.html`, template, chunks, templateParameters: { officeJsUrl } });

  const copyPatterns = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform(content) {
        return dev ? content : toProductionManifest(content.toString("utf8"), publicUrl);
      },
    },
  ];
  if (localOfficeJs && !serving) {
    copyPatterns.push({
      from: OFFICE_JS_DIST,
      to: LOCAL_OFFICE_JS_DIR,
      // office.js (the release script) only ever loads release files: the *.debug.js twins (45 MB) and the
      // type definitions are not needed at run time.
      globOptions: { ignore: ["**/*.debug.js", "**/office.d.ts", "**/office-vsdoc.js"] },
      // Microsoft's files as published: without this, the production build runs Terser over 40 MB of them.
      info: { minimized: true },
    });
  }

  return {
    mode: dev ? "development" : "production",
    target: ["web", "es2020"],
    devtool: "source-map", // never an eval devtool: the dialog page's Content-Security-Policy forbids eval
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      dialog: "./src/commands/dialog.ts",
    },
    output: {
      path: outDir,
      filename: "[name].js",
      // Only the add-in's own folder: dist/cli.js (the command line's bundle) lives beside it.
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
      ],
    },
    plugins: [
      page("taskpane", "./src/taskpane/taskpane.html", ["taskpane"]),
      page("commands", "./src/commands/commands.html", ["commands"]),
      page("dialog", "./src/commands/dialog.html", ["dialog"]),
      page("help", "./src/commands/help.html", []),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
    ],
    performance: { hints: dev ? false : "warning", maxAssetSize: 1536 * 1024, maxEntrypointSize: 1536 * 1024 },
    devServer: {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: serving ? await devServerHttpsOptions() : {} },
      port: DEV_PORT,
      static: localOfficeJs ? [{ directory: OFFICE_JS_DIST, publicPath: `/${LOCAL_OFFICE_JS_DIR}` }] : false,
    },
  };
};

module.exports.DEV_URL = DEV_URL;
module.exports.CDN_OFFICE_JS = CDN_OFFICE_JS;
module.exports.LOCAL_OFFICE_JS_DIR = LOCAL_OFFICE_JS_DIR;
