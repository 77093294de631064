import { sql } from 'kysely';
import type { ColumnSpec, ParsedRow } from '../../../common/tabular/types.js';
import type { Db } from '../../db/pool.js';
import type { Database } from '../../db/types.js';
import type { AuthContext } from '../auth/types.js';
import type { ImportKind, RowError } from './kinds.js';

/**
 * An ImportKind for the common case: each file row becomes one row of one table, identified by a natural key
 * that is a unique key of the table. The kind states how a parsed row becomes column values (resolving codes,
 * checking scope); the factory plans create/update/unchanged by comparing those values with the stored row and
 * writes with INSERT … ON CONFLICT (key) DO UPDATE in chunks.
 */
export interface UpsertKindDef<Ctx, V extends Record<string, unknown>> {
  kind: string;
  label: { zh: string; en: string };
  sheetName: string;
  columns: ColumnSpec[];
  keyColumns: string[];
  table: keyof Database;
  /** The table's unique key the natural key maps to, e.g. ['county_id', 'code']. */
  conflictColumns: string[];
  mayImport: (auth: AuthContext) => boolean;
  /**
   * Look-ups loaded once per import (schools by code, …). `rows` are the file's rows that passed the cell checks,
   * so a kind can load just the records the file names (e.g. the students of the 学籍号 in a guardian file).
   */
  load: (db: Db, auth: AuthContext, rows: ParsedRow[]) => Promise<Ctx>;
  /** The row's column values (without county_id), or undefined after pushing errors for the row. */
  toValues: (ctx: Ctx, row: ParsedRow, errors: RowError[], auth: AuthContext) => V | undefined;
  /** Identity of a values object: the conflict columns' values, as a string. */
  keyOf: (values: V) => string;
  /** The stored rows (same shape as toValues) whose keys appear in `keys`. */
  existing: (db: Db, auth: AuthContext, values: V[]) => Promise<Map<string, V>>;
  /** Extra check of a row against the stored one (e.g. moving a record out of the importer's scope). */
  checkExisting?: (ctx: Ctx, before: V, after: V, row: ParsedRow, errors: RowError[], auth: AuthContext) => boolean;
  exportRows: ImportKind['exportRows'];
}

interface Planned<V> {
  op: 'create' | 'update';
  values: V;
}

export function defineUpsertKind<Ctx, V extends Record<string, unknown>>(
  def: UpsertKindDef<Ctx, V>,
): ImportKind<Planned<V>> {
  return {
    kind: def.kind,
    label: def.label,
    sheetName: def.sheetName,
    columns: def.columns,
    keyColumns: def.keyColumns,
    mayImport: def.mayImport,
    exportRows: def.exportRows,

    async plan(db, auth, rows, progress) {
      const ctx = await def.load(db, auth, rows);
      const errors: RowError[] = [];
      const resolved: { row: ParsedRow; values: V }[] = [];
      // Two rows spelled differently can name one record (2025-2026 and 2025-2026学年): one upsert statement
      // cannot write a row twice, and the file would be ambiguous, so the later row is an error.
      const firstRow = new Map<string, number>();
      const keyHeaders = def.keyColumns.map((k) => def.columns.find((c) => c.key === k)?.header ?? k).join(' + ');
      for (const row of rows) {
        const values = def.toValues(ctx, row, errors, auth);
        if (!values) continue;
        const key = def.keyOf(values);
        const first = firstRow.get(key);
        if (first !== undefined) {
          errors.push({
            row: row.rowNumber,
            column: keyHeaders,
            message: `第 ${row.rowNumber} 行与第 ${first} 行是同一条记录`,
          });
          continue;
        }
        firstRow.set(key, row.rowNumber);
        resolved.push({ row, values });
      }
      await progress(Math.floor(rows.length / 2));
      const stored = await def.existing(
        db,
        auth,
        resolved.map((r) => r.values),
      );
      const items: Planned<V>[] = [];
      let unchanged = 0;
      for (const { row, values } of resolved) {
        const before = stored.get(def.keyOf(values));
        if (!before) {
          items.push({ op: 'create', values });
          continue;
        }
        if (def.checkExisting && !def.checkExisting(ctx, before, values, row, errors, auth)) continue;
        if (sameValues(before, values)) unchanged++;
        else items.push({ op: 'update', values });
      }
      await progress(rows.length);
      const create = items.filter((i) => i.op === 'create').length;
      return { items, errors, summary: { create, update: items.length - create, unchanged } };
    },

    async apply(tx, auth, items, progress) {
      const countyId = auth.user.countyId;
      for (let i = 0; i < items.length; i += 1000) {
        const chunk = items.slice(i, i + 1000).map((it) => ({ county_id: countyId, ...it.values }));
        const columns = Object.keys(chunk[0]).filter((c) => !def.conflictColumns.includes(c));
        await tx
          // biome-ignore lint/suspicious/noExplicitAny: the table is chosen by the kind; values match it
          .insertInto(def.table as any)
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns(def.conflictColumns as never)
              .doUpdateSet(
                Object.fromEntries([
                  ...columns.map((c) => [c, sql.ref(`excluded.${c}`)]),
                  ['updated_at', sql`now()`],
                ]) as never,
              ),
          )
          .execute();
        await progress(Math.min(i + 1000, items.length));
      }
    },
  };
}

/** Compares the values a row would write with the stored ones (null and undefined alike; arrays by content). */
export function sameValues(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) return false;
  }
  return true;
}
