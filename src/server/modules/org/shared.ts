import { type RawBuilder, sql } from 'kysely';
import { Type } from 'typebox';
import { classVisible } from '../../platform/auth/scope-sql.js';
import type { Scope } from '../../platform/auth/types.js';

/** Pieces several registry entities share. */

/** `column IN (the region and every region below it)`. */
export function inRegionSubtree(column: string, regionId: number): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} IN (
    WITH RECURSIVE t AS (SELECT id FROM regions WHERE id = ${regionId}
      UNION SELECT r.id FROM regions r JOIN t ON r.parent_id = t.id)
    SELECT id FROM t)`;
}

/** `column` is a school of the region's subtree (the org picker's 学区 narrows school-level lists this way). */
export function schoolInRegion(column: string, countyId: number, regionId: number): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} IN (SELECT s.id FROM schools s WHERE s.county_id = ${countyId} AND ${inRegionSubtree('s.region_id', regionId)})`;
}

export const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const IdRef = Type.Integer({ minimum: 1 });
export const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });

/** Removes keys whose value is undefined, so a PATCH only touches the fields it sends. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A real calendar date written YYYY-MM-DD (the schema's pattern lets 2025-02-30 through). */
export function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Today's date where the schools are: China has one time zone, whatever the server's is. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** classVisible for a query that joins `classes as c`, as the class lists, assignments and their exports do. */
export function classVisibleAsC(scope: Scope): RawBuilder<boolean> {
  return classVisible(scope, { school: 'c.school_id', grade: 'c.grade_level', classId: 'c.id' });
}

/**
 * The order of classes people expect — by school, then school year, grade and class number — as columns of the
 * classes alias `c`, matching the unique key (county_id, school_id, school_year_id, grade_level, class_no), so a
 * sorted page is an index walk (see paginate).
 */
export const CLASS_ORDER = ['c.school_id', 'c.school_year_id', 'c.grade_level', 'c.class_no'] as const;
