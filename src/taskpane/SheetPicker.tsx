/**
 * Which sheet the pane checks. With exactly one visible target-table sheet (the usual case) it just names it;
 * when several or none match, or the user chose another sheet before, a dropdown lets the user choose.
 */
import {
  Button,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Text,
  Tooltip,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwise16Regular } from "@fluentui/react-icons";
import type { SheetCandidate } from "../excel/host";
import { useUi } from "./ui";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  row: { display: "flex", alignItems: "flex-end", gap: "4px", minWidth: 0 },
  field: { flexGrow: 1, minWidth: 0 },
  dropdown: { minWidth: 0, width: "100%" },
  current: { flexGrow: 1, minWidth: 0, overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
  note: { color: tokens.colorNeutralForeground3 },
});

/** True when the pane should let the user choose rather than just name the sheet. */
export function needsPicker(sheets: readonly SheetCandidate[], sheet: string | null): boolean {
  const withTable = sheets.filter((s) => s.hasTable && s.visible);
  return !(withTable.length === 1 && withTable[0].name === sheet);
}

export interface SheetPickerProps {
  sheets: readonly SheetCandidate[];
  sheet: string | null;
  onPick(name: string): void;
  onRefresh(): void;
  disabled: boolean;
}

export function SheetPicker({ sheets, sheet, onPick, onRefresh, disabled }: SheetPickerProps) {
  const { s } = useUi();
  const styles = useStyles();
  const withTable = sheets.filter((c) => c.hasTable && c.visible).length;
  const refresh = (
    <Tooltip content={s.refreshSheets} relationship="label">
      <Button
        appearance="subtle"
        icon={<ArrowClockwise16Regular aria-hidden="true" />}
        onClick={onRefresh}
        disabled={disabled}
      />
    </Tooltip>
  );

  if (!needsPicker(sheets, sheet)) {
    return (
      <div className={styles.row}>
        <Text className={styles.current}>{s.sheetCurrent(sheet ?? "")}</Text>
        {refresh}
      </div>
    );
  }

  const none = sheet === null && withTable === 0;
  const hint = sheet === null && !none ? s.sheetPickSeveral(withTable) : undefined;
  return (
    <div className={styles.stack}>
    {none && (
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>{s.noTableTitle}</MessageBarTitle>
          {s.sheetPickNone}
        </MessageBarBody>
      </MessageBar>
    )}
    <div className={styles.row}>
      <Field className={styles.field} label={s.sheetLabel} hint={hint}>
        <Dropdown
          className={styles.dropdown}
          placeholder={s.sheetPlaceholder}
          value={sheet ?? ""}
          selectedOptions={sheet ? [sheet] : []}
          disabled={disabled}
          onOptionSelect={(_, data) => {
            if (data.optionValue && data.optionValue !== sheet) onPick(data.optionValue);
          }}
        >
          {sheets.map((c) => {
            const notes: string[] = [];
            if (c.hasTable) notes.push(s.sheetHasTable);
            if (!c.visible) notes.push(s.sheetHidden);
            return (
              <Option key={c.name} value={c.name} text={c.name}>
                {c.name}
                {notes.length > 0 && <span className={styles.note}>{s.sheetNotes(notes)}</span>}
              </Option>
            );
          })}
        </Dropdown>
      </Field>
      {refresh}
    </div>
    </div>
  );
}
