import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../auth/types.js';
import type { ColumnSpec, ParsedRow } from '../tabular/columns.js';

/** One problem in an uploaded file, as the dry run shows it: spreadsheet row, column header, Chinese message. */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** Reports how many rows are done, for the progress bar (throttled by the caller). */
export type Progress = (done: number, total?: number) => Promise<void>;

export interface ImportSummary {
  create: number;
  update: number;
  unchanged: number;
}

/**
 * A kind may take a parameter from its job's kind string `<kind>:<param>` (e.g. `exam-scores:42`, the exam the
 * scores are for); `columns` may then depend on it (`columnsFor`). Kinds without a parameter ignore this.
 */
export interface ImportContext {
  param: string | null;
}

export interface ImportPlan<P> {
  items: P[];
  errors: RowError[];
  summary: ImportSummary;
}

/**
 * What a module provides to make a table importable and exportable. The platform does the rest: upload,
 * reading (xlsx/CSV, UTF-8/GBK), header and cell checks from `columns`, duplicate keys inside the file,
 * the dry run as a background job, the all-or-nothing commit, templates and exports.
 */
export interface ImportKind<P = unknown> {
  kind: string;
  label: { zh: string; en: string };
  sheetName: string;
  columns: ColumnSpec[];
  /** Natural key columns (e.g. 学籍号): a key twice in one file is an error naming both rows. */
  keyColumns: string[];
  mayImport: (auth: AuthContext) => boolean;
  /**
   * Resolves references (codes → ids), checks scope and business rules, and decides per row whether it
   * creates, updates or changes nothing — without writing. Runs again inside the commit transaction.
   */
  plan: (
    db: Db,
    auth: AuthContext,
    rows: ParsedRow[],
    progress: Progress,
    ctx: ImportContext,
  ) => Promise<ImportPlan<P>>;
  /** Writes a plan in the caller's transaction (upserts on the natural key, so a re-import changes nothing). */
  apply: (tx: Db, auth: AuthContext, items: P[], progress: Progress, ctx: ImportContext) => Promise<void>;
  /** The columns of a parameterised job (e.g. one per subject and item of an exam); a string refuses the job. */
  columnsFor?: (db: Db, auth: AuthContext, ctx: ImportContext) => Promise<ColumnSpec[] | string>;
  /** Rows to export, keyed by column key, filtered by the caller's scope and the list filters. */
  exportRows: (db: Db, auth: AuthContext, filters: Record<string, unknown>) => Promise<Record<string, unknown>[]>;
}

const registry = new Map<string, ImportKind>();

export function registerImportKind<P>(kind: ImportKind<P>): void {
  registry.set(kind.kind, kind as ImportKind);
}

/** The kind of a job's kind string: `<kind>` or `<kind>:<param>`. */
export function importKind(name: string): ImportKind | undefined {
  return registry.get(name) ?? registry.get(name.split(':')[0]);
}

export function importContextOf(name: string): ImportContext {
  const at = name.indexOf(':');
  return { param: at < 0 ? null : name.slice(at + 1) };
}

export function importKinds(): ImportKind[] {
  return [...registry.values()];
}
