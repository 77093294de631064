/**
 * Reading stored fitness results: the list (and the 补测 list) in the caller's scope, and the counts behind the
 * reports — one GROUP BY per question, rates computed from the counts by src/common/health/rates.ts.
 */
import { sql } from 'kysely';
import { type FitnessCounts, fitnessRates, itemRates } from '../../../common/health/rates.js';
import { ITEM_KEYS } from '../../../common/health/standard.js';
import type { Db } from '../../db/pool.js';
import { classVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { type ReportUnit, unitSql } from './units.js';

/** The current school year of the county (reports and lists default to it). */
export async function currentSchoolYearId(db: Db, countyId: number): Promise<number | null> {
  const y = await db
    .selectFrom('school_years')
    .select('id')
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  return y?.id ?? null;
}

/** Results of a school year with the student's name, in the caller's scope; filters schoolId, classId, grade. */
export function fitnessResultsQuery(db: Db, auth: AuthContext, filters: Record<string, unknown>) {
  const countyId = auth.user.countyId;
  let q = db
    .selectFrom('health_fitness_results as r')
    .innerJoin('students as s', (j) => j.onRef('s.county_id', '=', 'r.county_id').onRef('s.id', '=', 'r.student_id'))
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 'r.county_id').onRef('y.id', '=', 'r.school_year_id'),
    )
    .innerJoin('schools as sc', (j) => j.onRef('sc.county_id', '=', 'r.county_id').onRef('sc.id', '=', 'r.school_id'))
    .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'r.county_id').onRef('c.id', '=', 'r.class_id'))
    .select([
      'r.id',
      'r.student_id as studentId',
      's.student_no as studentNo',
      's.name as studentName',
      'r.school_year_id as schoolYearId',
      'y.name as schoolYearName',
      'r.school_id as schoolId',
      'sc.name as schoolName',
      'r.class_id as classId',
      'c.name as className',
      'r.grade_level as gradeLevel',
      'r.sex',
      'r.exempt',
      'r.height_cm as heightCm',
      'r.weight_kg as weightKg',
      'r.items',
      'r.bmi',
      'r.bmi_category as bmiCategory',
      'r.scores',
      'r.standard_score as standardScore',
      'r.bonus',
      'r.total',
      'r.grade',
      'r.graduation_score as graduationScore',
      'r.notes',
    ])
    .where('r.county_id', '=', countyId)
    .where(classVisible(auth.scope, { school: 'r.school_id', grade: 'r.grade_level', classId: 'r.class_id' }));
  const num = (k: string) => (filters[k] == null || filters[k] === '' ? null : Number(filters[k]));
  const year = num('schoolYearId');
  if (year !== null) q = q.where('r.school_year_id', '=', year);
  else q = q.where('y.is_current', '=', true);
  const schoolId = num('schoolId');
  if (schoolId !== null) q = q.where('r.school_id', '=', schoolId);
  const classId = num('classId');
  if (classId !== null) q = q.where('r.class_id', '=', classId);
  const grade = num('gradeLevel');
  if (grade !== null) q = q.where('r.grade_level', '=', grade);
  if (filters.retest === true || filters.retest === 'true') q = q.where('r.grade', '=', '不及格');
  return q;
}

/** The count columns of FitnessCounts over `r`. */
const COUNT_COLUMNS = sql<FitnessCounts>`
  count(*)::int AS students,
  count(*) FILTER (WHERE r.exempt)::int AS exempt,
  count(*) FILTER (WHERE NOT r.exempt AND r.grade IS NULL)::int AS unscored,
  count(*) FILTER (WHERE r.grade = '优秀')::int AS excellent,
  count(*) FILTER (WHERE r.grade = '良好')::int AS good,
  count(*) FILTER (WHERE r.grade = '及格')::int AS pass,
  count(*) FILTER (WHERE r.grade = '不及格')::int AS fail,
  count(r.bmi_category)::int AS "bmiMeasured",
  count(*) FILTER (WHERE r.bmi_category = '低体重')::int AS underweight,
  count(*) FILTER (WHERE r.bmi_category = '超重')::int AS overweight,
  count(*) FILTER (WHERE r.bmi_category = '肥胖')::int AS obese`;

type Keyed<K> = K & FitnessCounts;

/** Counts of a unit in a school year grouped by the given result columns (none = one row for the unit). */
export async function fitnessCounts<K extends Record<string, unknown>>(
  db: Db,
  countyId: number,
  unit: ReportUnit,
  schoolYearId: number | null,
  groupBy: { column: string; as: keyof K & string }[],
): Promise<Keyed<K>[]> {
  const keys = groupBy.map((g) => sql`${sql.ref(g.column)} AS ${sql.ref(g.as)}`);
  const yearSql = schoolYearId === null ? sql`true` : sql`r.school_year_id = ${schoolYearId}`;
  const groupSql = groupBy.length === 0 ? sql`` : sql`GROUP BY ${sql.join(groupBy.map((g) => sql.ref(g.column)))}`;
  const orderSql = groupBy.length === 0 ? sql`` : sql`ORDER BY ${sql.join(groupBy.map((g) => sql.ref(g.column)))}`;
  const rows = await sql<Keyed<K>>`
    SELECT ${sql.join([...keys, COUNT_COLUMNS])}
    FROM health_fitness_results r
    WHERE r.county_id = ${countyId} AND ${unitSql(countyId, unit, 'r')} AND ${yearSql}
    ${groupSql} ${orderSql}`.execute(db);
  return rows.rows;
}

/** Item-level weak points of a unit in a year, per grade: mean item score and share below 60, weakest first. */
export async function itemWeakPoints(db: Db, countyId: number, unit: ReportUnit, schoolYearId: number) {
  const rows = await db
    .selectFrom('health_fitness_results as r')
    .innerJoin(sql<{ key: string; value: { score: number | null } }>`jsonb_each(r.scores)`.as('e'), (j) => j.onTrue())
    .select([
      'r.grade_level as gradeLevel',
      'e.key as item',
      sql<number>`count((e.value->>'score')::numeric)::int`.as('scored'),
      sql<number>`coalesce(sum((e.value->>'score')::numeric), 0)::float8`.as('scoreSum'),
      sql<number>`count(*) FILTER (WHERE (e.value->>'score')::numeric < 60)::int`.as('below60'),
    ])
    .where('r.county_id', '=', countyId)
    .where('r.school_year_id', '=', schoolYearId)
    .where(unitSql(countyId, unit, 'r'))
    .groupBy(['r.grade_level', 'e.key'])
    .execute();
  return rows
    .filter((r) => (ITEM_KEYS as readonly string[]).includes(r.item))
    .map((r) => ({ ...r, ...itemRates(r) }))
    .sort((a, b) => (b.failRate ?? -1) - (a.failRate ?? -1) || a.gradeLevel - b.gradeLevel);
}

/** Counts plus rates, for the report's rows. */
export function withRates<T extends FitnessCounts>(row: T) {
  return { ...row, ...fitnessRates(row) };
}
