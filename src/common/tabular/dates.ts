/** Dates as schools type them, read into ISO `YYYY-MM-DD` strings (no time zone, no `Date` drift). */
import { toHalfWidth } from './text.js';

/** Earliest and latest year accepted in a date cell. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** Result of reading a date: the ISO date, or why it is not one. */
export type DateParse =
  | { ok: true; value: string }
  | { ok: false; reason: 'format' | 'impossible' | 'range'; text: string };

const SEPARATED = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^(\d{5})(?:\.\d+)?$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD` of a year, month and day (no checks). */
export function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of a `Date`, read in UTC (exceljs gives dates as UTC midnights). */
export function ymdOfDate(date: Date): string {
  return formatYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * Date of an Excel serial number (days since 1899-12-30, the 1900 date system; the fractional part is the time and
 * is dropped). Serials below 61 fall before Excel's fictitious 1900-02-29 and are not supported.
 */
export function excelSerialToYmd(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return ymdOfDate(new Date(ms));
}

/**
 * Reads a date cell. Accepts 2023-02-03, 2023-2-3, 2023/02/03, 2023.2.3, 2023年2月3日, 20230203, an Excel serial
 * number of five digits (44960 = 2023-02-03), full-width digits, and a time after the date (dropped).
 * Refuses impossible dates (2023-02-30) and years outside 1900–2100.
 */
export function parseDateText(input: string): DateParse {
  const text = toHalfWidth(input).trim();
  let m = SEPARATED.exec(text) ?? CHINESE.exec(text) ?? COMPACT.exec(text);
  if (!m) {
    const serial = SERIAL.exec(text);
    if (!serial) return { ok: false, reason: 'format', text: input };
    const ymd = excelSerialToYmd(Number(text));
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
    if (!m) return { ok: false, reason: 'format', text: input };
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'impossible', text: input };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: 'range', text: input };
  return { ok: true, value: formatYmd(year, month, day) };
}
