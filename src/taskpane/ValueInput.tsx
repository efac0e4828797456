/**
 * One indicator value (实施周期指标值 or 年度指标值): quantitative (comparator, number, unit) or qualitative
 * (comparator, text). Every control's accessible name starts with the value's name ("实施周期指标值数值"),
 * while the visible labels stay short so the group fits a 320 px pane.
 */
import { useId } from "react";
import { Field, Input, makeStyles, Radio, RadioGroup, Select, tokens } from "@fluentui/react-components";
import { COMPARATORS, draftProblem, type ValueDraft, type ValueMode } from "./specs";
import { useUi } from "./ui";
import type { Strings } from "./i18n";

const useStyles = makeStyles({
  fieldset: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    margin: 0,
    padding: "8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { padding: "0 4px", fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-start", minWidth: 0 },
  comparator: { flex: "0 1 auto", minWidth: "5.5em" },
  number: { flex: "1 1 6em", minWidth: 0 },
  unit: { flex: "1 1 5em", minWidth: 0 },
  text: { flex: "1 1 100%", minWidth: 0 },
  control: { width: "100%", minWidth: 0 },
  radios: { display: "flex", flexWrap: "wrap" },
});

export const visuallyHiddenStyle = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: 0,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

/** A visible short label whose accessible name is prefixed with the value's name. */
function label(prefix: string, text: string) {
  return (
    <>
      <span style={visuallyHiddenStyle}>{prefix}</span>
      {text}
    </>
  );
}

export function problemText(d: ValueDraft, s: Strings): string | undefined {
  const p = draftProblem(d);
  return p === null ? undefined : s[p];
}

export interface ValueInputProps {
  /** 实施周期指标值 / 年度指标值 in the UI language. */
  legend: string;
  value: ValueDraft;
  onChange(value: ValueDraft): void;
  /** Show the problem of an incomplete value (after the user has touched the form). */
  showProblems: boolean;
}

export function ValueInput({ legend, value, onChange, showProblems }: ValueInputProps) {
  const { s } = useUi();
  const styles = useStyles();
  const legendId = useId();
  const problem = showProblems ? problemText(value, s) : undefined;
  const short = (text: string) => label(s.valuePrefix(legend), text);
  const kinds: [ValueMode, string][] = [
    ["quantitative", s.quantitative],
    ["qualitative", s.qualitative],
  ];
  return (
    <fieldset className={styles.fieldset} aria-labelledby={legendId}>
      <legend id={legendId} className={styles.legend}>
        {legend}
      </legend>
      <RadioGroup
        layout="horizontal"
        className={styles.radios}
        aria-label={s.valueKindLabel(legend)}
        value={value.mode}
        onChange={(_, data) => onChange({ ...value, mode: data.value as ValueMode })}
      >
        {kinds.map(([mode, text]) => (
          <Radio key={mode} value={mode} label={text} />
        ))}
      </RadioGroup>
      <div className={styles.row}>
        <Field className={styles.comparator} label={short(s.comparatorShort)}>
          <Select
            className={styles.control}
            value={value.comparator}
            onChange={(_, data) => onChange({ ...value, comparator: data.value as ValueDraft["comparator"] })}
          >
            <option value="">{s.comparatorNone}</option>
            {COMPARATORS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </Field>
        {value.mode === "quantitative" ? (
          <>
            <Field
              className={styles.number}
              label={short(s.numberShort)}
              validationState={problem ? "error" : "none"}
              validationMessage={problem}
            >
              <Input
                className={styles.control}
                inputMode="decimal"
                value={value.number}
                onChange={(_, data) => onChange({ ...value, number: data.value })}
              />
            </Field>
            <Field className={styles.unit} label={short(s.unitShort)}>
              <Input className={styles.control} value={value.unit} onChange={(_, data) => onChange({ ...value, unit: data.value })} />
            </Field>
          </>
        ) : (
          <Field
            className={styles.text}
            label={short(s.textShort)}
            validationState={problem ? "error" : "none"}
            validationMessage={problem}
          >
            <Input
              className={styles.control}
              placeholder={s.textPlaceholder}
              value={value.text}
              onChange={(_, data) => onChange({ ...value, text: data.value })}
            />
          </Field>
        )}
      </div>
    </fieldset>
  );
}
