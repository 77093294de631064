import { sql } from 'kysely';
import { GRADE_LEVELS, labelOf } from '../../../../common/org/enums.js';
import type { ParsedRow } from '../../../../common/tabular/types.js';
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
  type: string;
}

export async function schoolsByCode(db: Db, countyId: number): Promise<Map<string, SchoolRef>> {
  const rows = await db
    .selectFrom('schools')
    .select(['id', 'code', 'name', 'type'])
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

/** A class's natural key (school, school year, 年级, 班号) as the imports' look-up maps key it. */
export const classKey = (schoolId: number, schoolYearId: number, gradeLevel: number, classNo: number) =>
  `${schoolId}:${schoolYearId}:${gradeLevel}:${classNo}`;

/** The classes (not archived) of one school year in the county, by classKey. */
export async function classesOfYear(db: Db, countyId: number, schoolYearId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('classes')
    .select(['id', 'school_id', 'school_year_id', 'grade_level', 'class_no'])
    .where('county_id', '=', countyId)
    .where('school_year_id', '=', schoolYearId)
    .where('archived_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [classKey(r.school_id, r.school_year_id, r.grade_level, r.class_no), r.id]));
}

/**
 * Resolves the class a row names (school, school year, 年级, 班号) to its id; a class that does not exist is a
 * row error on 班号 asking to create it first. `year.name` is the school year as the message should name it.
 */
export function resolveClass(
  classes: Map<string, number>,
  school: SchoolRef,
  year: { id: number; name: string },
  cell: { gradeLevel: number; classNo: number },
  row: number,
  errors: RowError[],
): number | undefined {
  const classId = classes.get(classKey(school.id, year.id, cell.gradeLevel, cell.classNo));
  if (classId === undefined) {
    const grade = labelOf(GRADE_LEVELS, cell.gradeLevel);
    errors.push({
      row,
      column: '班号',
      message: `${school.name}${year.name}学年没有${grade}${cell.classNo}班，请先建立班级`,
    });
  }
  return classId;
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

/** The cell of `key` was in the file (its column exists): an absent optional column leaves stored values alone. */
export function hasColumn(row: ParsedRow, key: string): boolean {
  return Object.hasOwn(row.values, key);
}

/** The distinct non-empty texts of one column of the rows (e.g. the 工号 a file names). */
export function distinctTexts(rows: readonly ParsedRow[], key: string): string[] {
  const set = new Set<string>();
  for (const r of rows) {
    const v = r.values[key];
    if (typeof v === 'string' && v !== '') set.add(v);
  }
  return [...set];
}

/** A school year's name as compared: 2025-2026 and 2025-2026学年 are the same year. */
export function yearKey(name: string): string {
  return name.trim().replace(/\s*学年$/, '');
}

export interface SchoolYearRef {
  id: number;
  name: string;
  startDate: string;
  endDate: string;
  isCurrent: boolean;
}

/** Resolves a 学年 cell: a school year that does not exist is a row error (the terms import creates them). */
export function resolveSchoolYear(
  years: Map<string, SchoolYearRef>,
  name: string,
  row: number,
  errors: RowError[],
): SchoolYearRef | undefined {
  const year = years.get(yearKey(name));
  if (!year) errors.push({ row, column: '学年', message: `学年“${name}”不存在，请先在“学年学期”中建立` });
  return year;
}

/** The ids of the known schools and school years a file names, to load only their classes (unknown names are row errors later). */
export function schoolAndYearIdsNamed(
  rows: readonly ParsedRow[],
  schools: Map<string, SchoolRef>,
  years: Map<string, SchoolYearRef>,
): { schoolIds: number[]; yearIds: number[] } {
  const schoolIds = distinctTexts(rows, 'schoolCode')
    .map((c) => schools.get(c)?.id)
    .filter((id) => id !== undefined);
  const yearIds = distinctTexts(rows, 'schoolYear')
    .map((n) => years.get(yearKey(n))?.id)
    .filter((id) => id !== undefined);
  return { schoolIds, yearIds };
}

/** The county's school years by yearKey of their name. */
export async function schoolYearsByName(db: Db, countyId: number): Promise<Map<string, SchoolYearRef>> {
  const rows = await db
    .selectFrom('school_years')
    .select(['id', 'name', 'start_date as startDate', 'end_date as endDate', 'is_current as isCurrent'])
    .where('county_id', '=', countyId)
    .execute();
  return new Map(rows.map((r) => [yearKey(r.name), r]));
}

export interface StaffRef {
  id: number;
  staffNo: string;
  name: string;
  schoolId: number | null;
  schoolName: string | null;
  archived: boolean;
}

/** The staff of the county with these 工号 (archived ones too, flagged). */
export async function staffByNo(db: Db, countyId: number, staffNos: string[]): Promise<Map<string, StaffRef>> {
  const map = new Map<string, StaffRef>();
  await inChunks(staffNos, 10_000, async (chunk) => {
    const rows = await db
      .selectFrom('staff as st')
      .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
      .select([
        'st.id',
        'st.staff_no as staffNo',
        'st.name',
        'st.school_id as schoolId',
        's.name as schoolName',
        sql<boolean>`st.archived_at IS NOT NULL`.as('archived'),
      ])
      .where('st.county_id', '=', countyId)
      .where('st.staff_no', '=', sql<string>`ANY(${chunk}::text[])`)
      .execute();
    for (const r of rows) map.set(r.staffNo, r);
  });
  return map;
}

export interface SubjectRef {
  id: number;
  code: string;
  name: string;
  stages: string[];
}

/** The county's subjects (not archived), found by name or by code. */
export async function subjectsByName(db: Db, countyId: number): Promise<Map<string, SubjectRef>> {
  const rows = await db
    .selectFrom('subjects')
    .select(['id', 'code', 'name', 'stages'])
    .where('county_id', '=', countyId)
    .where('archived_at', 'is', null)
    .orderBy('sort')
    .execute();
  const map = new Map<string, SubjectRef>();
  for (const r of rows) map.set(r.code, r);
  for (const r of rows) map.set(r.name, r); // a name wins over a code spelled the same
  return map;
}
