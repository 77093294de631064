/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with = + - @ (or a tab, carriage
 * return or line feed; or the full-width ＝ ＋ － ＠) may be run as a formula by Excel or WPS. Exports prefix such cells with a single quote; imports remove
 * that quote again so a round trip keeps the value.
 */

const TRIGGER = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEUTRALISED = /^'[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes `'` to a text that a spreadsheet could take for a formula; other texts are returned unchanged. */
export function neutralizeFormula(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/** Removes the `'` that `neutralizeFormula` added (an import of a file we exported). */
export function unneutralizeFormula(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
