/**
 * The unit a health report or indicator is about — the county, a 学区 (region subtree), a school or a class — as an
 * SQL condition on a table's school_id/class_id, and the check that the caller sees the unit whole.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { healthPolicy } from './policy.js';

export type UnitLevel = 'county' | 'region' | 'school' | 'class';

export interface ReportUnit {
  level: UnitLevel;
  id: number;
}

/** The schools of a region subtree (a 学区 and everything below it). */
const regionSchools = (countyId: number, regionId: number) => sql`(SELECT s.id FROM schools s
  WHERE s.county_id = ${countyId} AND s.region_id IN (WITH RECURSIVE t AS (SELECT id FROM regions WHERE id = ${regionId}
    UNION SELECT r.id FROM regions r JOIN t ON r.parent_id = t.id) SELECT id FROM t))`;

/** Rows of the unit in a table aliased `alias` that has school_id and class_id. */
export function unitSql(countyId: number, unit: ReportUnit, alias: string): RawBuilder<boolean> {
  const school = sql.ref(`${alias}.school_id`);
  switch (unit.level) {
    case 'county':
      return sql<boolean>`true`;
    case 'region':
      return sql<boolean>`${school} IN ${regionSchools(countyId, unit.id)}`;
    case 'school':
      return sql<boolean>`${school} = ${unit.id}`;
    case 'class':
      return sql<boolean>`${sql.ref(`${alias}.class_id`)} = ${unit.id}`;
  }
}

/** Refuses (403/404) a unit the caller may not see whole (a 学区: every one of its schools). */
export async function checkUnit(db: Db, auth: AuthContext, unit: ReportUnit): Promise<void> {
  const countyId = auth.user.countyId;
  if (unit.level === 'county') {
    if (unit.id !== countyId) throw notFound();
    if (!healthPolicy.seesCounty(auth)) throw forbidden();
  } else if (unit.level === 'region') {
    const region = await db
      .selectFrom('regions')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', '=', unit.id)
      .executeTakeFirst();
    if (!region) throw notFound();
    if (auth.scope.allSchools) return;
    const schools = await sql<{ id: number }>`${regionSchools(countyId, unit.id)}`.execute(db);
    if (schools.rows.length === 0 || !schools.rows.every((s) => healthPolicy.seesSchool(auth, s.id))) throw forbidden();
  } else if (unit.level === 'school') {
    const s = await db
      .selectFrom('schools')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', '=', unit.id)
      .executeTakeFirst();
    if (!s) throw notFound();
    if (!healthPolicy.seesSchool(auth, unit.id)) throw forbidden();
  } else {
    const c = await db
      .selectFrom('classes')
      .select(['id', 'school_id as schoolId', 'grade_level as gradeLevel'])
      .where('county_id', '=', countyId)
      .where('id', '=', unit.id)
      .executeTakeFirst();
    if (!c) throw notFound();
    if (!healthPolicy.seesClass(auth, c)) throw forbidden();
  }
}

/** The sub-units a report breaks a unit into: schools of a county or 学区, classes of a school. */
export function subunitOf(level: UnitLevel): 'school' | 'class' | null {
  return level === 'county' || level === 'region' ? 'school' : level === 'school' ? 'class' : null;
}
