/**
 * The settings panel, opened by the gear button of the 校验结果 tab's toolbar: the 自动检查 switch, the profile
 * (广州市默认 / 财预〔2021〕101号) and the four thresholds, whose defaults come from the profile. Values are
 * validated as typed; only valid ones reach `onThresholds`.
 */
import { useEffect, useId, useState } from "react";
import { Button, Dropdown, Field, Input, makeStyles, Option, Switch, tokens } from "@fluentui/react-components";
import { listProfiles, type Profile, type Thresholds } from "../core";
import type { ThresholdKey } from "./i18n";
import { useUi } from "./ui";

interface Limit {
  min: number;
  max: number;
  integer: boolean;
}

export const THRESHOLD_LIMITS: Record<ThresholdKey, Limit> = {
  satisfactionFloor: { min: 0, max: 100, integer: false },
  minIndicators: { min: 1, max: 50, integer: true },
  amountTolerance: { min: 0, max: 100, integer: false },
  maxDecimals: { min: 0, max: 6, integer: true },
};

const THRESHOLD_KEYS = Object.keys(THRESHOLD_LIMITS) as ThresholdKey[];

const useStyles = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "8px",
    minWidth: 0,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
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
  legend: { padding: "0 4px", fontWeight: tokens.fontWeightSemibold },
  dropdown: { minWidth: 0, width: "100%" },
  wrap: { overflowWrap: "anywhere" },
  reset: { alignSelf: "flex-start" },
});

export interface SettingsPanelProps {
  /** The panel's id (the gear button's aria-controls). */
  id?: string;
  autoCheck: boolean;
  onAutoCheck(on: boolean): void;
  profileId: string;
  /** The user's overrides; the fields show `{...profile.thresholds, ...overrides}`. */
  overrides: Partial<Thresholds>;
  onProfile(id: string): void;
  onThresholds(overrides: Partial<Thresholds>): void;
}

/** The profile with this id, or the first (default) one when the stored id is unknown. */
export function profileById(id: string): Profile {
  const all = listProfiles();
  return all.find((p) => p.id === id) ?? all[0];
}

export function SettingsPanel({ id, autoCheck, onAutoCheck, profileId, overrides, onProfile, onThresholds }: SettingsPanelProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const headingId = useId();
  const autoHintId = useId();
  const profiles = listProfiles();
  const profile = profileById(profileId);
  const effective: Thresholds = { ...profile.thresholds, ...overrides };

  return (
    <section id={id} aria-labelledby={headingId} className={styles.panel}>
      <h2 id={headingId} className={styles.heading}>
        {s.settings}
      </h2>
      <div>
        <Switch
          checked={autoCheck}
          label={s.autoCheck}
          aria-describedby={autoHintId}
          onChange={(_, data) => onAutoCheck(data.checked)}
        />
        <div id={autoHintId} className={styles.hint}>
          {s.autoCheckHint}
        </div>
      </div>
      <Field label={s.profile} hint={<span className={styles.wrap}>{profile.description[lang]}</span>}>
        <Dropdown
          className={styles.dropdown}
          value={profile.name[lang]}
          selectedOptions={[profile.id]}
          onOptionSelect={(_, data) => {
            if (data.optionValue && data.optionValue !== profile.id) onProfile(data.optionValue);
          }}
        >
          {profiles.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.name[lang]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{s.thresholdsHeading}</legend>
        {THRESHOLD_KEYS.map((key) => (
          <ThresholdField
            key={key}
            name={key}
            value={effective[key]}
            defaultValue={profile.thresholds[key]}
            onValid={(v) => {
              const next = { ...overrides };
              if (v === profile.thresholds[key]) delete next[key];
              else next[key] = v;
              onThresholds(next);
            }}
          />
        ))}
        <Button
          className={styles.reset}
          disabled={Object.keys(overrides).length === 0}
          onClick={() => onThresholds({})}
        >
          {s.resetThresholds}
        </Button>
      </fieldset>
    </section>
  );
}

/** A threshold as typed: the number when it is a plain decimal within the limits, else null. */
export function parseThreshold(text: string, limit: Limit): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const v = Number(t);
  if (!Number.isFinite(v) || v < limit.min || v > limit.max) return null;
  if (limit.integer && !Number.isInteger(v)) return null;
  return v;
}

function ThresholdField(props: { name: ThresholdKey; value: number; defaultValue: number; onValid(v: number): void }) {
  const { name, value, defaultValue, onValid } = props;
  const { s } = useUi();
  const limit = THRESHOLD_LIMITS[name];
  const [text, setText] = useState(String(value));
  // Follow outside changes (another profile, defaults restored) unless the text already says the same.
  useEffect(() => {
    setText((t) => (parseThreshold(t, limit) === value ? t : String(value)));
  }, [value, limit]);
  const parsed = parseThreshold(text, limit);
  const invalid = parsed === null;
  return (
    <Field
      label={s.thresholdLabels[name]}
      hint={s.defaultValue(defaultValue)}
      validationState={invalid ? "error" : "none"}
      validationMessage={invalid ? (limit.integer ? s.integerError : s.rangeError)(limit.min, limit.max) : undefined}
    >
      <Input
        type="text"
        inputMode={limit.integer ? "numeric" : "decimal"}
        value={text}
        onChange={(_, data) => {
          setText(data.value);
          const v = parseThreshold(data.value, limit);
          if (v !== null && v !== value) onValid(v);
        }}
      />
    </Field>
  );
}
