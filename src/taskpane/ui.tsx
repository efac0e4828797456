/**
 * What every component of the pane shares: the UI language with its strings, and the severity icons
 * (always shown next to the severity's name: colour is never the only signal).
 */
import { createContext, useContext } from "react";
import {
  Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, mergeClasses, tokens,
} from "@fluentui/react-components";
import { Dismiss16Regular, ErrorCircle16Filled, Info16Filled, Warning16Filled } from "@fluentui/react-icons";
import type { Finding, Severity } from "../core";
import { HostError, type Lang } from "../excel/host";
import { STRINGS, type Strings } from "./i18n";

export interface Ui {
  lang: Lang;
  s: Strings;
}

export const UiContext = createContext<Ui>({ lang: "zh", s: STRINGS.zh });

export function useUi(): Ui {
  return useContext(UiContext);
}

/** A finding's message in the UI language. */
export function messageOf(f: Pick<Finding, "message" | "messageEn">, lang: Lang): string {
  return lang === "zh" ? f.message : f.messageEn;
}

const useIconStyles = makeStyles({
  icon: { flexShrink: 0, verticalAlign: "middle" },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground3 },
  info: { color: tokens.colorBrandForeground1 },
});

const ICONS = { error: ErrorCircle16Filled, warning: Warning16Filled, info: Info16Filled } as const;

/** The severity's icon; decorative (aria-hidden) because its name is always written next to it. */
export function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useIconStyles();
  const Icon = ICONS[severity];
  return <Icon aria-hidden="true" className={mergeClasses(styles.icon, styles[severity])} data-severity={severity} />;
}

export function isHostError(e: unknown): e is HostError {
  if (e instanceof HostError) return true;
  // A HostError from another copy of the module (e.g. another bundle) has the same shape.
  const o = e as { name?: unknown; zh?: unknown; en?: unknown; text?: unknown } | null;
  return !!o && o.name === "HostError" && typeof o.zh === "string" && typeof o.en === "string" && typeof o.text === "function";
}

/** The error's own words (no word on the sheet's state: for reads and previews, which write nothing). */
export function hostMessage(e: unknown, lang: Lang, s: Strings): string {
  if (isHostError(e)) return e.text(lang);
  return s.unexpectedError(e instanceof Error ? e.message : String(e));
}

/** An error as the pane shows it: the host's own words and whether the sheet was left as it was. */
/** Phrases with which a host message already states the sheet's outcome (src/excel/errors.ts, edit.ts, adapter.ts). */
const STATES_OUTCOME = /工作表未作任何更改|未能撤销|sheet was not changed|could not be rolled back/i;

export function errorText(e: unknown, lang: Lang, s: Strings): { title: string; text: string } {
  if (isHostError(e)) {
    const text = e.text(lang);
    // Edit errors already say what became of the sheet (which cells to check after a failed rollback): say it once.
    if (STATES_OUTCOME.test(text)) return { title: s.errorTitle, text };
    return { title: s.errorTitle, text: `${text} ${e.sheetUnchanged ? s.sheetUnchanged : s.sheetMaybeChanged}` };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { title: s.errorTitle, text: s.unexpectedError(detail) };
}

/** The outcome of a write, shown until dismissed: a success text, or an error as `errorText` words it. */
export function OutcomeBar({ success, error, onDismiss }: { success?: string; error?: unknown; onDismiss(): void }) {
  const { lang, s } = useUi();
  const dismiss = (
    <Button appearance="transparent" aria-label={s.dismiss} icon={<Dismiss16Regular aria-hidden="true" />} onClick={onDismiss} />
  );
  if (success !== undefined) {
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>{success}</MessageBarBody>
        <MessageBarActions containerAction={dismiss} />
      </MessageBar>
    );
  }
  const e = errorText(error, lang, s);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{e.title}</MessageBarTitle>
        {e.text}
      </MessageBarBody>
      <MessageBarActions containerAction={dismiss} />
    </MessageBar>
  );
}
