/**
 * Shared shapes of the spreadsheet layer: what a column of an import/export looks like, a table read from a file,
 * and a problem found in it. Pure types, used by the server (read/parse/write) and the web (import wizard).
 */
import type { EnumOption } from '../org/enums.js';

/** How a cell of a column is read and written. */
export type ColumnType = 'text' | 'int' | 'number' | 'date' | 'enum' | 'bool' | 'list';

/** One column of an import or export. */
export interface ColumnSpec {
  /** Key of the parsed value (`values[key]`); also accepted as a header. */
  key: string;
  /** Chinese header, as written in templates and exports. */
  header: string;
  /** English header, also accepted on import. */
  headerEn: string;
  /** The column must be present and every cell of it filled. */
  required?: boolean;
  type: ColumnType;
  /** Allowed values of an `enum` column, or of each item of a `list` column. */
  options?: readonly EnumOption<string | number>[];
  /** Other accepted spellings of an option, e.g. GRADE_ALIASES (初一 → 7). */
  aliases?: Readonly<Record<string, string | number>>;
  /** Longest text in characters (text and list items). */
  maxLength?: number;
  /** Smallest value (int and number). */
  min?: number;
  /** Largest value (int and number). */
  max?: number;
  /** A text must match `regex`; `message` (Chinese) is the error shown otherwise. */
  pattern?: { regex: RegExp; message: string; messageEn?: string };
  /** Example value shown in the template's 说明 sheet. */
  example?: string;
  /** Explanation shown in the template's 说明 sheet. */
  note?: string;
}

/** A data row read from a file; `rowNumber` is the row number the user sees in the spreadsheet. */
export interface TableRow {
  rowNumber: number;
  cells: string[];
}

/** A table read from a file: the header row's texts and the non-empty data rows below it. */
export interface Table {
  headers: string[];
  rows: TableRow[];
  /** Row number of the header row (1 when omitted). */
  headerRowNumber?: number;
  /** Encoding a CSV file was decoded with. */
  encoding?: string;
}

/** One problem of an import, located by row and column as the user sees them. */
export interface TabularIssue {
  /** Spreadsheet row number; 0 for a note that concerns no row. */
  row: number;
  /** The column's header as written in the file (or the expected header when it is missing). */
  column: string;
  /** Chinese message. */
  message: string;
  /** English message. */
  messageEn: string;
}

/** A data row after parsing: typed values by column key. */
export interface ParsedRow {
  rowNumber: number;
  values: Record<string, unknown>;
}
