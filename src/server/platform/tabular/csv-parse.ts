/** Parsing CSV and tab-separated text (RFC 4180 quoting, embedded line breaks, CRLF / LF / CR). */
import { TabularError } from './errors.js';

/** A record of the text with its row number as a spreadsheet shows it (1-based, blank lines counted). */
export interface TextRecord {
  rowNumber: number;
  cells: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The separator of a text table: a tab when the first non-blank line has more tabs than commas outside quotes,
 * else a comma.
 */
export function detectDelimiter(text: string): ',' | '\t' {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === ',') commas++;
    else if (c === '\t') tabs++;
    else if (c === '\n' || c === '\r') {
      if (seen) break;
    } else if (c.trim() !== '') seen = true;
  }
  return tabs > commas ? '\t' : ',';
}

/**
 * Splits text into records of cells. A field in double quotes may hold separators, quotes written twice ("") and
 * line breaks; characters after a closing quote are kept; a quote inside an unquoted field is an ordinary character.
 * A final line break does not start an empty record. A quote left open is refused naming the row it opens in.
 */
export function parseDelimited(text: string, delimiter: ',' | '\t' = detectDelimiter(text)): TextRecord[] {
  const sep = delimiter.charCodeAt(0);
  const records: TextRecord[] = [];
  const n = text.length;
  let cells: string[] = [];
  let rowNumber = 1;
  let i = 0;
  while (i < n) {
    let value = '';
    if (text.charCodeAt(i) === QUOTE) {
      const openRow = rowNumber;
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw new TabularError(
            'unclosed_quote',
            `第 ${openRow} 行有未闭合的引号，请检查该行`,
            `Row ${openRow} has a quote that is never closed; check that row`,
          );
        }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    // Unquoted field, or what follows a closing quote, up to the separator or line end.
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === sep || c === LF || c === CR) break;
      j++;
    }
    value += text.slice(i, j);
    cells.push(value);
    i = j;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      if (i >= n) cells.push('');
      continue;
    }
    records.push({ rowNumber, cells });
    cells = [];
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    rowNumber++;
  }
  if (cells.length) records.push({ rowNumber, cells });
  return records;
}
