/**
 * Reading one score cell of an import: a number (full-width digits ９０ and a decimal comma 8,5 accepted), a status
 * marker (缺考/作弊/免考, which keep the student out of every denominator — never a 0), or blank.
 */
import { parseNumberText } from '../tabular/numbers.js';
import { cleanCell, toHalfWidth } from '../tabular/text.js';

export type ScoreMarker = 'absent' | 'cheated' | 'exempt';
export type ScoreCell =
  | { kind: 'blank' }
  | { kind: 'marker'; status: ScoreMarker }
  | { kind: 'value'; value: number }
  | { kind: 'invalid'; text: string };

const MARKERS: [RegExp, ScoreMarker][] = [
  [/^(缺考|缺|absent)$/i, 'absent'],
  [/^(作弊|违纪|cheated)$/i, 'cheated'],
  [/^(免考|exempt)$/i, 'exempt'],
];

export function readScoreCell(raw: string | null | undefined): ScoreCell {
  let text = cleanCell(toHalfWidth(raw ?? ''));
  if (text === '') return { kind: 'blank' };
  for (const [pattern, status] of MARKERS) if (pattern.test(text)) return { kind: 'marker', status };
  if (/^[+-]?\d+[,，]\d{1,2}$/.test(text)) text = text.replace(/[,，]/, '.');
  const value = parseNumberText(text, false);
  return value === null ? { kind: 'invalid', text } : { kind: 'value', value };
}

/** A chosen option of an objective item: letters A–Z (several for multiple choice), upper-cased; blank = none. */
export function readOptionCell(raw: string | null | undefined): string | null | undefined {
  const text = cleanCell(toHalfWidth(raw ?? '')).toUpperCase();
  if (text === '') return null;
  return /^[A-Z]{1,6}$/.test(text) ? text : undefined;
}
