/** Types of scripts/manifest-url.js (plain CommonJS so that webpack.config.js can require it). */
export declare const DEV_URL: string;
export declare const PLACEHOLDER_URL: string;
export declare function normalizePublicUrl(url: string): string;
export declare function toProductionManifest(xml: string, publicUrl: string): string;
