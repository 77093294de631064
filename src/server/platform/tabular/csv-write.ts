/** Writing CSV that Excel and WPS open correctly: UTF-8 with BOM (or GBK), CRLF, quotes where needed. */
import iconv from 'iconv-lite';
import { neutralizeFormula } from '../../../common/tabular/neutralize.js';

/** Encoding of a CSV export. */
export type CsvEncoding = 'utf-8' | 'gbk';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field: numbers as they are, texts neutralised against formulas and quoted when needed. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralizeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its line break). */
export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',');
}

/**
 * Encodes CSV lines into a file: UTF-8 with a byte-order mark (so Excel recognises it), or GBK for old Excel on
 * Chinese Windows (encoded as GB18030, GBK's superset, so characters outside GBK are kept rather than turned
 * into "?"). Lines end with CRLF.
 */
export function encodeCsv(lines: readonly string[], encoding: CsvEncoding = 'utf-8'): Buffer {
  const text = lines.length ? `${lines.join('\r\n')}\r\n` : '';
  if (encoding === 'gbk') return iconv.encode(text, 'gb18030');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
