/** Numbers as people type them: full-width digits, thousands separators, a percent sign. */
import { toHalfWidth } from './text.js';

const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$/;
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads a number: `12`, `-3.5`, `１２`, `1,234.5`, `1e3`, and with `percent` also `95.3%` (→ 0.953).
 * Returns null when the text is not a number.
 */
export function parseNumberText(input: string, percent = true): number | null {
  let text = toHalfWidth(input)
    .replace(/\s+/g, '')
    .replace(/\u2212/g, '-');
  if (GROUPED.test(text)) text = text.replace(/,/g, '');
  let isPercent = false;
  if (percent && text.endsWith('%')) {
    isPercent = true;
    text = text.slice(0, -1);
  }
  if (!PLAIN.test(text)) return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  return isPercent ? roundSignificant(n / 100) : n;
}

/** Rounds to 15 significant digits, removing binary noise such as 0.30000000000000004. */
export function roundSignificant(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : n;
}

/**
 * The text of a number as Excel shows it at most (15 significant digits), without binary noise or exponent for
 * everyday magnitudes: 1234.5, 0.3 (not 0.30000000000000004), 430103200001011000 (not …008).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) >= 1e15 && Math.abs(n) < 1e21) {
    const [mantissa, exponent] = n.toExponential(14).split('e');
    const digits = mantissa.replace(/[-.]/g, '');
    return (n < 0 ? '-' : '') + digits.padEnd(Number(exponent) + 1, '0');
  }
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  return String(roundSignificant(n));
}
