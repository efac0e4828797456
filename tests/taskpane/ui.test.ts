/** errorText: what the pane shows for a HostError, stating the sheet's outcome exactly once. */
import { HostError } from "../../src/excel/host";
import { errorText } from "../../src/taskpane/ui";
import { STRINGS } from "../../src/taskpane/i18n";

describe("errorText", () => {
  const zh = STRINGS.zh;
  const en = STRINGS.en;

  test("a read error gets the pane's sentence about the sheet", () => {
    const e = new HostError("busy", "Excel 正忙，请稍后再试。", "Excel is busy: try again in a moment.");
    expect(errorText(e, "zh", zh).text).toBe(`Excel 正忙，请稍后再试。 ${zh.sheetUnchanged}`);
    expect(errorText(e, "en", en).text).toBe(`Excel is busy: try again in a moment. ${en.sheetUnchanged}`);
  });

  test("an edit error that already says the sheet was not changed is not repeated", () => {
    const e = new HostError("protected", "工作表“绩效目标表”受保护，无法写入。工作表未作任何更改。", 'Sheet "绩效目标表" is protected. The sheet was not changed.');
    const zhText = errorText(e, "zh", zh).text;
    const enText = errorText(e, "en", en).text;
    expect(zhText).toBe(e.zh);
    expect(enText).toBe(e.en);
    expect(zhText).not.toContain(zh.sheetUnchanged);
    expect(enText.match(/not changed/g)).toHaveLength(1);
  });

  test("a failed rollback names the cells once and adds no contradicting sentence", () => {
    const e = new HostError("unknown", "写入失败。部分更改可能已写入而未能撤销：G7（可按 Ctrl+Z 或手动恢复）。", "The write failed. Part of the change may have been written and could not be rolled back: G7.", false);
    expect(errorText(e, "zh", zh).text).toBe(e.zh);
    expect(errorText(e, "en", en).text).toBe(e.en);
  });
});
