/**
 * Matching a file's header row to column specs and parsing its rows into typed values, reporting every problem
 * with its row and column (imports are all-or-nothing: the caller writes only when `errors` is empty).
 */
import { IssueCollector, MAX_REPORTED_ERRORS } from './issues.js';
import { cleanCell, clip, columnLetter, normalizeHeader } from './text.js';
import type { ColumnSpec, ParsedRow, Table, TabularIssue } from './types.js';
import { parseCell } from './values.js';

/** Which file column holds each spec, and the problems of the header row. */
export interface HeaderMatch {
  /** 0-based index in `cells` of each matched column, by key. Columns absent from the file are absent here. */
  columns: Record<string, number>;
  /** The header as written in the file, by key (for messages). */
  headers: Record<string, string>;
  errors: TabularIssue[];
}

/** Options of header matching and row parsing. */
export interface ParseOptions {
  /** Row number of the header row, for header problems (default: the table's, else 1). */
  headerRowNumber?: number;
  /** Accept columns that match no spec (they are ignored) instead of reporting them. */
  ignoreUnknownHeaders?: boolean;
  /** Cap of reported problems (default 1000); a final note counts the rest. */
  maxErrors?: number;
}

/** Result of parseRows. */
export interface ParseResult {
  /** Every data row with the values that parsed (use them only when `errors` is empty). */
  rows: ParsedRow[];
  /** Problems, in file order, capped, with a final note when capped. */
  errors: TabularIssue[];
  /** How many problems there were in all. */
  errorCount: number;
  /**
   * The header row itself is wrong (a required column missing, an unknown or repeated column): row-level checks
   * against the database are pointless until the file is fixed.
   */
  fatal: boolean;
  /** The header as written in the file, by key. */
  headers: Record<string, string>;
}

/**
 * Matches header texts to specs. A header matches a spec by its Chinese header, English header or key, compared
 * without spaces, full-width folded, case-insensitively, ignoring a `*` (required mark) and a "(必填)" suffix.
 * Problems: a required column missing, a header matching no spec, a column given twice. Blank headers are skipped.
 */
export function matchHeaders(
  headers: readonly string[],
  specs: readonly ColumnSpec[],
  opts: ParseOptions = {},
): HeaderMatch {
  const row = opts.headerRowNumber ?? 1;
  const bySpelling = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const spelling of [spec.key, spec.headerEn, spec.header]) bySpelling.set(normalizeHeader(spelling), spec);
  }
  const columns: Record<string, number> = {};
  const names: Record<string, string> = {};
  const errors: TabularIssue[] = [];
  headers.forEach((raw, i) => {
    const name = cleanCell(raw);
    const normal = normalizeHeader(name);
    if (normal === '') return;
    const spec = bySpelling.get(normal);
    const letter = columnLetter(i);
    if (!spec) {
      if (!opts.ignoreUnknownHeaders) {
        errors.push({
          row,
          column: name,
          message: `无法识别的列“${clip(name)}”（${letter} 列），请使用模板中的列名`,
          messageEn: `Unknown column "${clip(name)}" (column ${letter}); use the template's headers`,
        });
      }
      return;
    }
    const first = columns[spec.key];
    if (first !== undefined) {
      errors.push({
        row,
        column: name,
        message: `列“${clip(name)}”重复（${columnLetter(first)} 列和 ${letter} 列）`,
        messageEn: `Column "${clip(name)}" appears twice (columns ${columnLetter(first)} and ${letter})`,
      });
      return;
    }
    columns[spec.key] = i;
    names[spec.key] = name;
  });
  for (const spec of specs) {
    if (spec.required && columns[spec.key] === undefined) {
      errors.push({
        row,
        column: spec.header,
        message: `缺少必填列“${spec.header}”`,
        messageEn: `Missing required column "${spec.headerEn}"`,
      });
    }
  }
  return { columns, headers: names, errors };
}

/** Indexes of columns whose header is blank or that lie beyond the header row: data there cannot be placed. */
function headerlessColumns(table: Table, width: number): Set<number> {
  const set = new Set<number>();
  table.headers.forEach((h, i) => {
    if (normalizeHeader(h) === '') set.add(i);
  });
  for (let i = table.headers.length; i < width; i++) set.add(i);
  return set;
}

/**
 * Parses the data rows of a table by the specs: matches the headers, then reads every cell of every matched
 * column (see parseCell for the accepted forms). Collects all problems, each with the row number and the
 * header as in the file; data under a blank header is reported once per column. An empty optional cell gives
 * null; a column absent from the file leaves its key out of `values`.
 */
export function parseRows(table: Table, specs: readonly ColumnSpec[], opts: ParseOptions = {}): ParseResult {
  const headerRowNumber = opts.headerRowNumber ?? table.headerRowNumber ?? 1;
  const match = matchHeaders(table.headers, specs, { ...opts, headerRowNumber });
  const issues = new IssueCollector(opts.maxErrors ?? MAX_REPORTED_ERRORS);
  for (const e of match.errors) issues.add(e);

  const used = specs
    .filter((s) => match.columns[s.key] !== undefined)
    .map((spec) => ({ spec, index: match.columns[spec.key], name: match.headers[spec.key] }))
    .sort((a, b) => a.index - b.index);
  const width = table.rows.reduce((w, r) => Math.max(w, r.cells.length), table.headers.length);
  const headerless = headerlessColumns(table, width);
  const reportedHeaderless = new Set<number>();

  const rows: ParsedRow[] = [];
  for (const row of table.rows) {
    for (const i of headerless) {
      if (reportedHeaderless.has(i) || cleanCell(row.cells[i] ?? '') === '') continue;
      reportedHeaderless.add(i);
      const letter = columnLetter(i);
      issues.add({
        row: row.rowNumber,
        column: letter,
        message: `${letter} 列有数据但没有表头，请补充表头或删除该列`,
        messageEn: `Column ${letter} has data but no header; add a header or delete the column`,
      });
    }
    const values: Record<string, unknown> = {};
    for (const { spec, index, name } of used) {
      const parsed = parseCell(spec, row.cells[index] ?? '');
      if (parsed.ok) values[spec.key] = parsed.value;
      else issues.add({ row: row.rowNumber, column: name, message: parsed.error.zh, messageEn: parsed.error.en });
    }
    rows.push({ rowNumber: row.rowNumber, values });
  }
  return {
    rows,
    errors: issues.list(),
    errorCount: issues.count,
    fatal: match.errors.length > 0,
    headers: match.headers,
  };
}

/** Comparable form of a key value; null when the value is empty (empty keys are not compared). */
function keyPart(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? JSON.stringify(value) : null;
  const text = String(value);
  return text === '' ? null : text;
}

/** Header of each key: from ParseResult.headers (as in the file) or from the specs (Chinese header). */
function headerNames(headers: readonly ColumnSpec[] | Readonly<Record<string, string>>): Record<string, string> {
  if (!Array.isArray(headers)) return headers as Record<string, string>;
  return Object.fromEntries((headers as readonly ColumnSpec[]).map((s) => [s.key, s.header]));
}

/**
 * Finds rows of the file that repeat a key (one column or several together): each repeat is reported on its row,
 * naming the row it repeats. Rows with an empty key part are skipped. `headers` names the columns in messages:
 * ParseResult.headers (the header as in the file) or the specs; keys are used otherwise.
 */
export function findDuplicateKeys(
  rows: readonly ParsedRow[],
  keyColumns: readonly string[],
  headers: readonly ColumnSpec[] | Readonly<Record<string, string>> = {},
  maxErrors = MAX_REPORTED_ERRORS,
): TabularIssue[] {
  const byKey = headerNames(headers);
  const names = keyColumns.map((k) => byKey[k] ?? k);
  const column = names.join(' + ');
  const firstRow = new Map<string, number>();
  const issues = new IssueCollector(maxErrors);
  for (const row of rows) {
    const parts = keyColumns.map((k) => keyPart(row.values[k]));
    if (parts.some((p) => p === null)) continue;
    const key = JSON.stringify(parts);
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, row.rowNumber);
      continue;
    }
    const shown = parts.map((p, i) => `${names[i]}“${clip(p ?? '')}”`).join('，');
    const shownEn = parts.map((p, i) => `${names[i]} "${clip(p ?? '')}"`).join(', ');
    issues.add({
      row: row.rowNumber,
      column,
      message: `第 ${row.rowNumber} 行与第 ${first} 行重复：${shown}`,
      messageEn: `Row ${row.rowNumber} repeats row ${first}: ${shownEn}`,
    });
  }
  return issues.list();
}
