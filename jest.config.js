/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2020", parser: { syntax: "typescript", tsx: true } } }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
