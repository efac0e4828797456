/**
 * What every component of the pane shares: the UI language with its strings, and the severity icons
 * (always shown next to the severity's name: colour is never the only signal).
 */
import { createContext, useContext } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from "@fluentui/react-icons";
import type { Finding, Severity } from "../core";
import type { Lang } from "../excel/host";
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
