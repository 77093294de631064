/** Reads one cell's text into the typed value of its column, or says what is wrong with it. */
import { MAX_YEAR, MIN_YEAR, parseDateText } from './dates.js';
import { type Message, MSG } from './messages.js';
import { unneutralizeFormula } from './neutralize.js';
import { parseNumberText } from './numbers.js';
import { charLength, cleanCell, looseKey, toHalfWidth } from './text.js';
import type { ColumnSpec } from './types.js';

/** A parsed cell: its value (null when empty and allowed), or the problem. */
export type CellParse = { ok: true; value: unknown } | { ok: false; error: Message };

const TRUE_WORDS = ['是', 'y', 'yes', 'true', '1', '√', '对'];
const FALSE_WORDS = ['否', 'n', 'no', 'false', '0', '×', '错'];
const BOOL_WORDS = new Map<string, boolean>([
  ...TRUE_WORDS.map((w) => [w, true] as const),
  ...FALSE_WORDS.map((w) => [w, false] as const),
]);

/** Separators of a list cell: 、 , ， ; ； and line breaks. */
export const LIST_SEPARATORS = /[、,，;；\n]+/;

const optionIndexes = new WeakMap<ColumnSpec, Map<string, string | number>>();

/** Lookup of a column's options by Chinese label, English label, value and aliases (compared loosely). */
function optionIndex(spec: ColumnSpec): Map<string, string | number> {
  let index = optionIndexes.get(spec);
  if (!index) {
    index = new Map();
    for (const [alias, value] of Object.entries(spec.aliases ?? {})) index.set(looseKey(alias), value);
    for (const o of spec.options ?? []) {
      index.set(looseKey(String(o.value)), o.value);
      index.set(looseKey(o.en), o.value);
      index.set(looseKey(o.zh), o.value);
    }
    optionIndexes.set(spec, index);
  }
  return index;
}

/** The text of a cell as parsed: trimmed, line breaks unified, an export's anti-formula quote removed. */
export function prepareCell(raw: string): string {
  return cleanCell(unneutralizeFormula(cleanCell(raw)));
}

/** Finds the option value of a text (Chinese label, English label, value or alias). */
export function matchOption(spec: ColumnSpec, text: string): string | number | undefined {
  return optionIndex(spec).get(looseKey(text));
}

/** A failed parse with its message. */
function fail(error: Message): CellParse {
  return { ok: false, error };
}

/** Checks a number against the column's min and max. */
function checkRange(spec: ColumnSpec, n: number): CellParse {
  if (spec.min !== undefined && n < spec.min) return fail(MSG.tooSmall(n, spec.min));
  if (spec.max !== undefined && n > spec.max) return fail(MSG.tooLarge(n, spec.max));
  return { ok: true, value: n };
}

/** A text cell: length and pattern (patterns are checked on the full-width-folded text). */
function parseText(spec: ColumnSpec, text: string): CellParse {
  const value = spec.pattern ? toHalfWidth(text) : text;
  const length = charLength(value);
  if (spec.maxLength !== undefined && length > spec.maxLength) return fail(MSG.tooLong(length, spec.maxLength));
  if (spec.pattern && !spec.pattern.regex.test(value)) {
    return fail({ zh: spec.pattern.message, en: spec.pattern.messageEn ?? spec.pattern.message });
  }
  return { ok: true, value };
}

/** An int cell: a whole number (12 and 12.0), within min/max. */
function parseInteger(spec: ColumnSpec, text: string): CellParse {
  const n = parseNumberText(text, false);
  if (n === null || !Number.isSafeInteger(n)) return fail(MSG.notInt(text));
  return checkRange(spec, n);
}

/** A number cell: any number, 95.3% read as 0.953, within min/max. */
function parseNumber(spec: ColumnSpec, text: string): CellParse {
  const n = parseNumberText(text, true);
  return n === null ? fail(MSG.notNumber(text)) : checkRange(spec, n);
}

/** A date cell, as YYYY-MM-DD. */
function parseDate(text: string): CellParse {
  const d = parseDateText(text);
  if (d.ok) return { ok: true, value: d.value };
  if (d.reason === 'impossible') return fail(MSG.impossibleDate(text));
  if (d.reason === 'range') return fail(MSG.dateRange(text, MIN_YEAR, MAX_YEAR));
  return fail(MSG.notDate(text));
}

/** An enum cell: the option value of a label, English label, value or alias. */
function parseEnum(spec: ColumnSpec, text: string): CellParse {
  const value = matchOption(spec, text);
  return value === undefined ? fail(MSG.notOption(text, spec.options ?? [])) : { ok: true, value };
}

/** A bool cell: 是/否, Y/N, yes/no, true/false, 1/0, √/×, 对/错. */
function parseBool(text: string): CellParse {
  const value = BOOL_WORDS.get(looseKey(text));
  return value === undefined ? fail(MSG.notBool(text)) : { ok: true, value };
}

/** A list cell: items split on the list separators, each a text or an option; repeats dropped. */
function parseList(spec: ColumnSpec, text: string): CellParse {
  const items = text
    .split(LIST_SEPARATORS)
    .map((s) => cleanCell(s))
    .filter((s) => s !== '');
  const values: unknown[] = [];
  for (const [i, item] of items.entries()) {
    const parsed = spec.options ? parseEnum(spec, item) : parseText(spec, item);
    if (!parsed.ok) return fail(MSG.listItem(i + 1, parsed.error));
    if (!values.includes(parsed.value)) values.push(parsed.value);
  }
  if (values.length === 0) return spec.required ? fail(MSG.required()) : { ok: true, value: null };
  return { ok: true, value: values };
}

/**
 * Parses the raw text of a cell for a column. An empty cell gives null, or a "required" problem.
 * Values: text → string (full-width folded when the column has a pattern), int/number → number, date →
 * 'YYYY-MM-DD', enum → the option's value, bool → boolean, list → array of strings (or option values).
 */
export function parseCell(spec: ColumnSpec, raw: string): CellParse {
  const text = prepareCell(raw);
  if (text === '') return spec.required ? fail(MSG.required()) : { ok: true, value: null };
  switch (spec.type) {
    case 'text':
      return parseText(spec, text);
    case 'int':
      return parseInteger(spec, text);
    case 'number':
      return parseNumber(spec, text);
    case 'date':
      return parseDate(text);
    case 'enum':
      return parseEnum(spec, text);
    case 'bool':
      return parseBool(text);
    case 'list':
      return parseList(spec, text);
  }
}
