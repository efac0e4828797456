/**
 * `npm run lint`: the rules of Microsoft's office-addin-lint (eslint-plugin-office-addins: Office.js load/sync
 * mistakes, plus eslint's and typescript-eslint's recommended checks), on the repository's own formatting.
 *
 * Differences from office-addin-lint's default config, on purpose:
 * - the office-addins rules apply to the add-in's *.ts and *.tsx (the plugin's recommended block lists only *.ts),
 *   not to the command line (its exceljs objects look like Office.js objects to them);
 * - no prettier/prettier rule: the code base is formatted at 120 columns by hand, not by prettier;
 * - no-undef is off: TypeScript already reports undefined names (typescript-eslint's advice), and the Office,
 *   Excel and DOM globals come from the type definitions.
 * It is a separate file (not eslint.config.mjs at the root) so that `npx office-addin-lint check` still runs
 * Microsoft's unmodified config for anyone who wants the stricter formatting check.
 *
 * Added for security (issue 6), everywhere in src/: no string ever becomes code (eval, new Function, string
 * timers, javascript: URLs) and no string becomes markup (dangerouslySetInnerHTML, innerHTML/outerHTML writes,
 * insertAdjacentHTML, document.write, createContextualFragment, srcdoc). Cell text reaches the page as React
 * text only. The pages' Content-Security-Policy (webpack.config.js) refuses eval and inline script at run time
 * as well; tests/build scans the production bundles for the same constructs.
 */
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// The plugin's recommended block: its plugins and its office-addins/* rules, reused for *.tsx below.
const officeBlock = officeAddins.configs.recommended.find((c) => c.rules && c.rules["office-addins/call-sync-after-load"]);
const officeRules = Object.fromEntries(Object.entries(officeBlock.rules).filter(([name]) => name.startsWith("office-addins/")));

/** Ways a string becomes markup in the DOM. */
const HTML_SINKS = "innerHTML|outerHTML|srcdoc";
const noStringToCode = {
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-script-url": "error",
  "no-restricted-properties": [
    "error",
    { object: "document", property: "write", message: "Never write markup into the page: render text with React." },
    { object: "document", property: "writeln", message: "Never write markup into the page: render text with React." },
  ],
  "no-restricted-syntax": [
    "error",
    {
      selector: `AssignmentExpression > MemberExpression.left[property.name=/^(${HTML_SINKS})$/]`,
      message: "Never assign markup (innerHTML, outerHTML, srcdoc): set textContent or render text with React.",
    },
    {
      selector: `AssignmentExpression > MemberExpression.left[computed=true][property.value=/^(${HTML_SINKS})$/]`,
      message: "Never assign markup (innerHTML, outerHTML, srcdoc): set textContent or render text with React.",
    },
    {
      selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe)$/]",
      message: "Never turn a string into markup: render text with React.",
    },
    {
      selector: "JSXAttribute[name.name='srcDoc']",
      message: "No srcDoc: a frame made of a string is markup made of a string.",
    },
  ],
};

export default [
  { ignores: ["dist/**", "node_modules/**", "bench-out/**", "coverage/**"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: officeBlock.plugins,
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      "no-unused-vars": "off", // the TypeScript-aware rule below replaces it (type signatures name parameters)
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "prettier/prettier": "off",
      "no-undef": "off",
      "react/react-in-jsx-scope": "off", // the automatic JSX runtime
      "react/prop-types": "off", // TypeScript types the props
    },
  },
  {
    files: ["src/excel/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}", "src/commands/**/*.{ts,tsx}"],
    rules: officeRules,
  },
  {
    // Security (issue 6): see the header. no-eval and no-implied-eval look for these globals by name (TypeScript,
    // not ESLint, knows the DOM's globals here), so they are declared for them.
    files: ["**/*.{ts,tsx,js,cjs,mjs}"],
    languageOptions: {
      globals: Object.fromEntries(["window", "self", "globalThis", "setTimeout", "setInterval", "execScript"].map((g) => [g, "readonly"])),
    },
    rules: {
      ...noStringToCode,
      "react/no-danger": "error",
      "react/jsx-no-script-url": "error",
    },
  },
  {
    // The build's own CommonJS files (webpack.config.js, scripts/*.js), run by Node.
    files: ["**/*.{js,cjs}"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: Object.fromEntries(
        ["require", "module", "exports", "__dirname", "__filename", "process", "console", "Buffer", "URL"].map((g) => [g, "readonly"]),
      ),
    },
    rules: { "prettier/prettier": "off" },
  },
  {
    files: ["src/cli/**", "src/core/**"],
    rules: Object.fromEntries(Object.keys(officeRules).map((r) => [r, "off"])),
  },
];
