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
/** The CDN folder office.js loads its other files from (host scripts, locale strings, AgaveErrorUX). */
const CDN_OFFICE_JS_DIR = CDN_OFFICE_JS.slice(0, CDN_OFFICE_JS.lastIndexOf("/") + 1);
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

/**
 * The Content-Security-Policy of every page of the add-in (taskpane, commands, dialog, help), built here only and
 * written into each page by ContentSecurityPolicyPlugin below, so the pages cannot drift apart.
 *
 * - default-src 'none': anything not listed is refused (fonts, media, workers, manifests, plugins…).
 * - script-src: the add-in's own bundles and lazily loaded chunks ('self'), and office.js with the files it loads
 *   next to itself (host scripts, locale strings), limited to its CDN folder; the self-hosted build lists no
 *   other origin. No 'unsafe-inline' (no inline script, no on* attribute runs) and no 'unsafe-eval' (eval,
 *   new Function and string timers throw).
 * - style-src 'self' 'unsafe-inline': Fluent UI's Griffel inserts <style> elements at run time, and the pages
 *   have their own <style>. Styles cannot run code or, with the other directives, fetch anything.
 * - img-src 'self': the add-in's icons (Fluent's icons are inline SVG elements, not images; nothing uses data:).
 * - connect-src 'self': the pane asks no server for anything. office.js talks to Office through postMessage or
 *   the host's native bridge, which CSP does not govern; what it could fetch itself is telemetry (Aria collectors
 *   *.pipe.aria.microsoft.com on a few old builds) and the single-sign-on library (alcdn.msauth.net), which this
 *   add-in does not use: both are refused, and office.js carries on without them.
 * - frame-src: only office.js's own folder, for the trust prompt office.js shows (AgaveErrorUX/index.html) when
 *   the pane is framed by a page that is not Office. Its old telemetry frame (telemetryservice.firstpartyapps.
 *   oaspapps.com) is refused: office.js creates it only for Office 2013/2016 hosts, which cannot run this add-in
 *   (ExcelApi 1.9), and outside Office.
 * - object-src 'none', base-uri 'none', form-action 'none': no plugins, no <base> redirecting relative URLs,
 *   no form posting anywhere.
 * - The dev server (`npm run dev-server`) adds only its hot-reload websocket (wss://localhost:<port>) to
 *   connect-src; it needs no eval (devtool is "source-map").
 *
 * A <meta> policy cannot carry frame-ancestors, report-uri or sandbox; hosting with HTTP headers can add them.
 */
function contentSecurityPolicy({ localOfficeJs = false, devServerPort = null } = {}) {
  const officeJs = localOfficeJs ? [] : [CDN_OFFICE_JS_DIR];
  const directives = [
    ["default-src", "'none'"],
    ["script-src", "'self'", ...officeJs],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'"],
    ["connect-src", "'self'", ...(devServerPort ? [`wss://localhost:${devServerPort}`] : [])],
    ["frame-src", ...(localOfficeJs ? ["'self'"] : officeJs)],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Every Content-Security-Policy <meta> of a page, whatever its quoting (the production build minifies HTML). */
function cspMetas(html) {
  return [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["'\s>][^>]*>/gi)];
}

/** Escape a string for a double-quoted HTML attribute. */
function htmlAttr(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Writes the Content-Security-Policy <meta> into every page HtmlWebpackPlugin emits, right after <meta charset>
 * (before any script, style or link, so it governs all of them), and fails the build when a page template has a
 * policy of its own, has no <meta charset>, or the emitted page does not carry exactly this policy first.
 */
class ContentSecurityPolicyPlugin {
  constructor(policy) {
    this.policy = policy;
  }

  apply(compiler) {
    const name = "JixiaoContentSecurityPolicy";
    const meta = `<meta http-equiv="Content-Security-Policy" content="${htmlAttr(this.policy)}" />`;
    compiler.hooks.compilation.tap(name, (compilation) => {
      const hooks = HtmlWebpackPlugin.getCompilationHooks(compilation);
      hooks.afterTemplateExecution.tap(name, (data) => {
        if (cspMetas(data.html).length > 0) {
          throw new Error(`jixiao: ${data.outputName} has a Content-Security-Policy of its own; the policy comes from webpack.config.js only`);
        }
        const charset = /<meta\s+charset\s*=\s*["']?utf-8["']?\s*\/?>/i.exec(data.html);
        if (!charset) throw new Error(`jixiao: ${data.outputName} has no <meta charset="UTF-8" /> to put the Content-Security-Policy after`);
        const at = charset.index + charset[0].length;
        data.html = `${data.html.slice(0, at)}${meta}${data.html.slice(at)}`;
        return data;
      });
      hooks.beforeEmit.tap(name, (data) => {
        const found = cspMetas(data.html);
        const content = found.length === 1 ? /\bcontent\s*=\s*"([^"]*)"/i.exec(found[0][0]) : null;
        const first = data.html.search(/<(script|style|link)\b/i);
        if (!content || content[1].replace(/&#39;/g, "'") !== this.policy || (first >= 0 && first < found[0].index)) {
          throw new Error(`jixiao: ${data.outputName} does not start with the add-in's Content-Security-Policy (found ${found.length} policies)`);
        }
        return data;
      });
    });
  }
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

  const policy = contentSecurityPolicy({ localOfficeJs, devServerPort: serving ? DEV_PORT : null });

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
    devtool: "source-map", // never an eval devtool: the pages' Content-Security-Policy forbids eval
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
      // webpack's runtime reaches the global object through globalThis, never `new Function("return this")`,
      // which the pages' Content-Security-Policy (no 'unsafe-eval') would refuse (tests/build checks it).
      environment: { globalThis: true },
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
      new ContentSecurityPolicyPlugin(policy),
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
module.exports.DEV_PORT = DEV_PORT;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
