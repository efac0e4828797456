"use strict";
/**
 * The production manifest: manifest.xml points every URL at the dev server (https://localhost:3000/); the
 * production build rewrites that prefix to the address the add-in is served from. Used by webpack.config.js
 * (CopyWebpackPlugin transform) and by tests/manifest.
 */

const DEV_URL = "https://localhost:3000/";
/** Used when no production URL is given: a reserved example domain (RFC 2606), so a forgotten setting never
 * points users at someone else's server. Set JIXIAO_PUBLIC_URL or `--env url=…` for a real deployment. */
const PLACEHOLDER_URL = "https://jixiao.example.com/";

/**
 * Check and normalise a production base URL: absolute https, no query or fragment, ending with "/".
 * Throws an Error that names the bad value.
 */
function normalizePublicUrl(url) {
  const raw = String(url ?? "").trim();
  let parsed;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`jixiao: the production URL "${raw}" is not an absolute URL (expected e.g. https://addins.example.gov.cn/jixiao/)`);
  }
  if (parsed.protocol !== "https:") {
    throw new Error(`jixiao: the production URL "${raw}" must use https (Office loads add-ins only over https)`);
  }
  if (parsed.search || parsed.hash) {
    throw new Error(`jixiao: the production URL "${raw}" must not have a query string or fragment`);
  }
  if (/^(localhost|127\.|\[::1\])/i.test(parsed.host)) {
    throw new Error(`jixiao: the production URL "${raw}" points at this machine; give the address users reach`);
  }
  const href = parsed.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** Escape a string for use inside an XML attribute value. */
function xmlAttr(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/**
 * manifest.xml text with every https://localhost:3000/ replaced by `publicUrl` (normalised). Throws when a
 * "localhost" is left anywhere in the result (a URL written another way), so a build never ships one.
 */
function toProductionManifest(xml, publicUrl) {
  const base = normalizePublicUrl(publicUrl);
  const out = String(xml).split(DEV_URL).join(xmlAttr(base));
  const left = out.match(/.{0,40}localhost.{0,40}/i);
  if (left) {
    throw new Error(`jixiao: manifest.xml still mentions localhost after the production rewrite: "${left[0].trim()}"`);
  }
  return out;
}

module.exports = { DEV_URL, PLACEHOLDER_URL, normalizePublicUrl, toProductionManifest };
