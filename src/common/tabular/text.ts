/** Small text helpers for cells and headers as people type them in Chinese spreadsheets. */

/** Turns full-width ASCII (０-９, Ａ-Ｚ, ＋, ．, …) and the ideographic space into their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0);
  });
}

const EDGE_SPACE = /^[\s\u200B-\u200D\u2060]+|[\s\u200B-\u200D\u2060]+$/g;

/** Trims spaces of every kind (including full-width spaces and zero-width characters) and turns CRLF/CR into LF. */
export function cleanCell(text: string): string {
  return text.replace(EDGE_SPACE, '').replace(/\r\n?/g, '\n');
}

/**
 * The form of a header used to compare it: full-width folded (NFKC), spaces removed, lower case, a `*` marking
 * a required column and a "(必填)"/"(选填)" suffix removed.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '')
    .replace(/\((必填|选填|可选)\)$/, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

/** The form of a value used to compare it with option labels: full-width folded, spaces removed, lower case. */
export function looseKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '')
    .toLowerCase();
}

/** Spreadsheet column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Shortens a value quoted in a message to at most `max` characters. */
export function clip(text: string, max = 30): string {
  const chars = Array.from(text.replace(/\n/g, ' '));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

/** Length in characters (code points, so 𠮷 counts once). */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
