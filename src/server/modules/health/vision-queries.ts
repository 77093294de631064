/** Reading vision screenings: the list (students to refer) in the caller's scope and the myopia counts. */
import { sql } from 'kysely';
import { myopiaRate, rateChange } from '../../../common/health/rates.js';
import { VISION_RULE } from '../../../common/health/vision.js';
import type { Db } from '../../db/pool.js';
import { classVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { type ReportUnit, unitSql } from './units.js';

/** Screenings of a term (default current) in the caller's scope; `refer` keeps the students to refer. */
export function visionListQuery(db: Db, auth: AuthContext, filters: Record<string, unknown>) {
  let q = db
    .selectFrom('health_vision_screenings as v')
    .innerJoin('students as s', (j) => j.onRef('s.county_id', '=', 'v.county_id').onRef('s.id', '=', 'v.student_id'))
    .innerJoin('terms as t', (j) => j.onRef('t.county_id', '=', 'v.county_id').onRef('t.id', '=', 'v.term_id'))
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 't.county_id').onRef('y.id', '=', 't.school_year_id'),
    )
    .innerJoin('schools as sc', (j) => j.onRef('sc.county_id', '=', 'v.county_id').onRef('sc.id', '=', 'v.school_id'))
    .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'v.county_id').onRef('c.id', '=', 'v.class_id'))
    .select([
      'v.id',
      's.student_no as studentNo',
      's.name as studentName',
      'v.term_id as termId',
      't.name as termName',
      'y.name as schoolYearName',
      'v.school_id as schoolId',
      'sc.name as schoolName',
      'v.class_id as classId',
      'c.name as className',
      'v.grade_level as gradeLevel',
      'v.sex',
      'v.left_acuity as left',
      'v.right_acuity as right',
      'v.myopia',
    ])
    .where('v.county_id', '=', auth.user.countyId)
    .where(classVisible(auth.scope, { school: 'v.school_id', grade: 'v.grade_level', classId: 'v.class_id' }));
  const num = (k: string) => (filters[k] == null || filters[k] === '' ? null : Number(filters[k]));
  const termId = num('termId');
  if (termId !== null) q = q.where('v.term_id', '=', termId);
  else q = q.where('t.is_current', '=', true);
  const schoolId = num('schoolId');
  if (schoolId !== null) q = q.where('v.school_id', '=', schoolId);
  const classId = num('classId');
  if (classId !== null) q = q.where('v.class_id', '=', classId);
  if (filters.refer === true || filters.refer === 'true') {
    q = q.where((eb) =>
      eb.or([eb('v.left_acuity', '<', VISION_RULE.referBelow), eb('v.right_acuity', '<', VISION_RULE.referBelow)]),
    );
  }
  return q;
}

/** The term of the same kind in the previous school year (for "change against last year"), or null. */
export async function sameTermLastYear(db: Db, countyId: number, termId: number): Promise<number | null> {
  const r = await sql<{ id: number }>`
    SELECT p.id FROM terms t
    JOIN school_years y ON y.county_id = t.county_id AND y.id = t.school_year_id
    JOIN school_years py ON py.county_id = y.county_id AND py.start_date < y.start_date
    JOIN terms p ON p.county_id = py.county_id AND p.school_year_id = py.id AND p.kind = t.kind
    WHERE t.county_id = ${countyId} AND t.id = ${termId}
    ORDER BY py.start_date DESC LIMIT 1`.execute(db);
  return r.rows[0]?.id ?? null;
}

export async function currentTermId(db: Db, countyId: number): Promise<number | null> {
  const t = await db
    .selectFrom('terms')
    .select('id')
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  return t?.id ?? null;
}

/** Screened and 近视 counts of a unit in a term, grouped by `group` ('grade' or the sub-unit) or whole. */
export async function myopiaCounts(
  db: Db,
  countyId: number,
  unit: ReportUnit,
  termId: number,
  group: 'none' | 'grade' | 'school' | 'class',
): Promise<{ key: number; screened: number; myopic: number }[]> {
  const key =
    group === 'none'
      ? sql`0`
      : group === 'grade'
        ? sql`v.grade_level`
        : group === 'school'
          ? sql`v.school_id`
          : sql`v.class_id`;
  const r = await sql<{ key: number; screened: number; myopic: number }>`
    SELECT ${key}::bigint AS key, count(*)::int AS screened, count(*) FILTER (WHERE v.myopia)::int AS myopic
    FROM health_vision_screenings v
    WHERE v.county_id = ${countyId} AND v.term_id = ${termId} AND ${unitSql(countyId, unit, 'v')}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows;
}

/** Rows with the rate this term and last year's, and the change (see rates.ts myopiaRate, rateChange). */
export function withChange(
  now: { key: number; screened: number; myopic: number }[],
  before: { key: number; screened: number; myopic: number }[],
) {
  const prev = new Map(before.map((b) => [b.key, myopiaRate(b.myopic, b.screened)]));
  return now.map((r) => {
    const rate = myopiaRate(r.myopic, r.screened);
    const lastYearRate = prev.get(r.key) ?? null;
    return { ...r, rate, lastYearRate, change: rateChange(rate, lastYearRate) };
  });
}
