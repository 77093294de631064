import type { Db } from '../../../db/pool.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import type { RowError } from '../../../platform/import/kinds.js';
import { orgPolicy } from '../policy.js';

/**
 * Look-ups the registry imports share: schools by 学校代码, the current school year and term, classes of the
 * current year by (school, grade, 班号) — each loaded once per import, so 40,000 rows cost a few queries.
 */
export interface SchoolRef {
  id: number;
  code: string;
  name: string;
}

export async function schoolsByCode(db: Db, countyId: number): Promise<Map<string, SchoolRef>> {
  const rows = await db
    .selectFrom('schools')
    .select(['id', 'code', 'name'])
    .where('county_id', '=', countyId)
    .where('archived_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export async function currentPeriod(db: Db, countyId: number) {
  const term = await db
    .selectFrom('terms as t')
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 't.county_id').onRef('y.id', '=', 't.school_year_id'),
    )
    .select(['t.id as termId', 't.name as termName', 'y.id as schoolYearId', 'y.name as schoolYearName'])
    .where('t.county_id', '=', countyId)
    .where('y.is_current', '=', true)
    .orderBy('t.is_current', 'desc')
    .orderBy('t.start_date', 'desc')
    .executeTakeFirst();
  return term ?? null;
}

export const classKey = (schoolId: number, grade: number, classNo: number) => `${schoolId}:${grade}:${classNo}`;

export async function classesOfYear(db: Db, countyId: number, schoolYearId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('classes')
    .select(['id', 'school_id', 'grade_level', 'class_no'])
    .where('county_id', '=', countyId)
    .where('school_year_id', '=', schoolYearId)
    .where('archived_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [classKey(r.school_id, r.grade_level, r.class_no), r.id]));
}

/** Resolves a 学校代码 cell: unknown code and school outside the importer's management are row errors. */
export function resolveSchool(
  auth: AuthContext,
  schools: Map<string, SchoolRef>,
  code: string,
  row: number,
  column: string,
  errors: RowError[],
): SchoolRef | undefined {
  const school = schools.get(code);
  if (!school) {
    errors.push({ row, column, message: `学校代码“${code}”不存在` });
    return undefined;
  }
  if (!orgPolicy.manageSchool(auth, school.id)) {
    errors.push({ row, column, message: `学校“${school.name}”不在您的管理范围内` });
    return undefined;
  }
  return school;
}

/** Runs `fn` over `items` in chunks (bulk statements stay under PostgreSQL's 65,535 parameters). */
export async function inChunks<T>(items: T[], size: number, fn: (chunk: T[], done: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size), Math.min(i + size, items.length));
}
