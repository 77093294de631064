/** The text a user sees in an xlsx cell: numbers by their format, dates as YYYY-MM-DD, rich text flattened. */
import { formatNumber, ymdOfDate } from '../../../common/tabular/index.js';

/** Rounds half away from zero to `digits` decimals and writes them all (as Excel's "0.00" shows). */
function toFixedHalfUp(n: number, digits: number): string {
  const factor = 10 ** digits;
  const rounded = (Math.sign(n) * Math.round(Math.abs(n) * factor + 1e-9)) / factor;
  return rounded.toFixed(digits);
}

/**
 * A number as its cell format shows it, for the formats schools use: zero-padded codes ("000000" → 000123),
 * fixed decimals ("0", "0.00", "#,##0.00"; thousands separators are left out), percentages ("0.0%").
 * Other formats (General, "@", currencies, …) give the number in full without binary noise.
 */
export function formatNumberAs(value: number, numFmt: string | undefined): string {
  const fmt = (numFmt ?? '').split(';')[0].trim();
  if (/^0{2,}$/.test(fmt) && Number.isInteger(value) && value >= 0)
    return formatNumber(value).padStart(fmt.length, '0');
  const fixed = /^(?:#,##)?0(?:\.(0+))?(%?)$/.exec(fmt);
  if (fixed) {
    const digits = fixed[1]?.length ?? 0;
    return fixed[2] ? `${toFixedHalfUp(value * 100, digits)}%` : toFixedHalfUp(value, digits);
  }
  return formatNumber(value);
}

/** A date cell's text: YYYY-MM-DD, with HH:mm[:ss] when it has a time; a time alone (1899-12-30) as HH:mm[:ss]. */
export function formatDateCell(date: Date): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  const d = new Date(ms);
  const ymd = ymdOfDate(d);
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${s ? `:${String(s).padStart(2, '0')}` : ''}`;
  if (ymd === '1899-12-30') return time;
  return h || m || s ? `${ymd} ${time}` : ymd;
}

type RichText = { richText: { text: string }[] };

/** Whether a value is a non-null object. */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** The plain text of a rich-text value. */
function richText(v: RichText): string {
  return v.richText.map((r) => r.text ?? '').join('');
}

/** The text of a cell value as exceljs gives it (formulas are refused before this is asked). */
export function cellValueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumberAs(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDateCell(value);
  if (isObject(value)) {
    if (Array.isArray(value.richText)) return richText(value as RichText);
    if ('text' in value) return cellValueText(value.text, numFmt);
    if (typeof value.error === 'string') return value.error;
    if ('result' in value) return cellValueText(value.result, numFmt);
  }
  return String(value);
}
