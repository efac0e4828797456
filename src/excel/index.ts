/** The Office.js side of the add-in: the host contract and its implementation over Excel. */
export * from "./host";
export { createExcelHost, luminance, MIN_API, MERGES_API } from "./adapter";
export type { ExcelEnv } from "./adapter";
export { toHostError, hostError, isPayloadError } from "./errors";
export { MARKER, STYLES, markerFormula, isOwn, planHighlights, runsOf, chunkAddresses, ADDRESS_LIMIT } from "./highlight";
export { SETTINGS_KEY, parseSettings } from "./settings";
