/** Turning stored values into what a spreadsheet cell shows: option labels, 是/否, joined lists, ISO dates. */
import { formatYmd, ymdOfDate } from './dates.js';
import { parseNumberText } from './numbers.js';
import type { ColumnSpec } from './types.js';

/** Language of labels in exports. */
export type Lang = 'zh' | 'en';

/**
 * The date of a `Date` as `YYYY-MM-DD`: a UTC midnight (exceljs, ISO strings) is read in UTC, anything else (e.g.
 * node-postgres' local midnights for `date` columns) in local time.
 */
export function ymdOfAnyDate(date: Date): string {
  const utcMidnight =
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0;
  return utcMidnight ? ymdOfDate(date) : formatYmd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** The label of an option value in the language asked for (the value itself when unknown). */
function label(spec: ColumnSpec, value: unknown, lang: Lang): string {
  const found = spec.options?.find((o) => o.value === value || String(o.value) === String(value));
  return found ? found[lang] : String(value);
}

/**
 * The cell of a value in an export: a number for int/number columns, otherwise text (null when empty). Enum values
 * become their label, booleans 是/否 (Yes/No), lists their items joined by 、 (", " in English), dates `YYYY-MM-DD`.
 * The text is not yet neutralised against formulas (the writers do it).
 */
export function formatValue(spec: ColumnSpec, value: unknown, lang: Lang = 'zh'): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  switch (spec.type) {
    case 'int':
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      const n = typeof value === 'string' ? parseNumberText(value, false) : null;
      return n ?? String(value);
    }
    case 'date':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : ymdOfAnyDate(value);
      return /^\d{4}-\d{2}-\d{2}T/.test(String(value)) ? String(value).slice(0, 10) : String(value);
    case 'enum':
      return label(spec, value, lang);
    case 'bool':
      if (typeof value !== 'boolean') return String(value);
      return lang === 'zh' ? (value ? '是' : '否') : value ? 'Yes' : 'No';
    case 'list': {
      if (!Array.isArray(value)) return String(value);
      const items = value.map((v) => (spec.options ? label(spec, v, lang) : String(v)));
      return items.length ? items.join(lang === 'zh' ? '、' : ', ') : null;
    }
    default:
      return value instanceof Date ? ymdOfAnyDate(value) : String(value);
  }
}
