/** The committed icons are exactly what scripts/make-icons.ts draws (so they can be regenerated, not hand-edited). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { iconPng } from "../../scripts/make-icons";

const ASSETS = join(__dirname, "..", "..", "assets");

describe("assets/ icons", () => {
  test.each([16, 32, 64, 80, 128])("icon-%i.png (check mark: the add-in and 一键校验)", (size) => {
    expect(readFileSync(join(ASSETS, `icon-${size}.png`)).equals(iconPng(size, "check"))).toBe(true);
  });
  test.each([16, 32, 80])("pane-%i.png (side panel: 打开助手)", (size) => {
    expect(readFileSync(join(ASSETS, `pane-${size}.png`)).equals(iconPng(size, "pane"))).toBe(true);
  });
  test("the two buttons' icons differ", () => {
    expect(iconPng(32, "pane").equals(iconPng(32, "check"))).toBe(false);
  });
});
