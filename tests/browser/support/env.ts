/**
 * Jest set-up shared by the browser test files: the production build (made once, see build.ts), the static
 * server, one headless Chromium per test file, and the fake's page script.
 */
import type { FakeWorkbookInit } from "../../fakes/excel-fake";
import { ensureProductionBuild, fakePageScript } from "./build";
import { launchChromium, serveStatic, type Chromium, type StaticServer } from "./browser";
import { PanePage, type OpenOptions, type PaneEnv } from "./pane-page";

export interface PaneSession {
  /** Open the pane over a fake built from `init` in a fresh browser context; closed after the test. */
  open(init: FakeWorkbookInit, opts: OpenOptions): Promise<PanePage>;
}

/** Register beforeAll/afterAll hooks that start and stop the browser; use inside a describe or at the top. */
export function usePaneSession(): PaneSession {
  let env: PaneEnv | null = null;
  let chromium: Chromium | null = null;
  let server: StaticServer | null = null;
  const open: PanePage[] = [];

  beforeAll(async () => {
    // Chromium first: when it is missing, say so before spending a minute on the build.
    chromium = await launchChromium();
    const dist = ensureProductionBuild();
    server = await serveStatic(dist);
    env = { browser: chromium.browser, origin: server.origin, fakeScript: await fakePageScript() };
  }, 600_000);

  // Each test's pages are closed after it, so a test never sees another's browser state.
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close().catch(() => undefined);
  });

  afterAll(async () => {
    for (const p of open.splice(0)) await p.close().catch(() => undefined);
    await chromium?.close();
    await server?.close();
  });

  return {
    async open(init, opts) {
      if (!env) throw new Error("the browser session did not start (see the error of beforeAll)");
      const pane = await PanePage.open(env, init, opts);
      open.push(pane);
      return pane;
    },
  };
}
