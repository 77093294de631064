/**
 * Reading a test result from a spreadsheet cell: a plain number, or a time written as 分'秒" (3'17", 3′17″, 3’17”,
 * 3分17秒). The transcription stores timed items in total seconds (rules.json `item_score_lookup.units`: 分'秒" →
 * seconds, 3'17" → 197).
 */

/** Parses a number written in a cell (half- or full-width digits, optional sign and decimals); null if not one. */
export function parseNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/**
 * Parses a time in seconds: "197", "197.5", "3'17\"", "3′17″", "3'17", "3分17秒", "3'05.5\"". Seconds after the
 * minutes must be below 60. Returns null if the text is not a time.
 */
export function parseTimeSeconds(text: string): number | null {
  const t = text.trim().replace(/\s+/g, '');
  const m = /^(\d+)['′’‘＇:：分](\d+(?:\.\d+)?)(?:["″”“＂]|秒|'')?$/.exec(t);
  if (m) {
    const sec = Number(m[2]);
    if (sec >= 60) return null;
    return Math.round((Number(m[1]) * 60 + sec) * 100) / 100;
  }
  const s = /^(\d+(?:\.\d+)?)(?:["″”秒]|s)?$/i.exec(t);
  return s ? Number(s[1]) : null;
}
