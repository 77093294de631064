import { sql } from 'kysely';
import {
  GRADE_LEVELS,
  GRADES_OF_SCHOOL_TYPE,
  labelOf,
  SCHOOL_TYPES,
  type SchoolType,
} from '../../../../common/org/enums.js';
import type { ColumnSpec } from '../../../../common/tabular/types.js';
import type { Db } from '../../../db/pool.js';
import { defineUpsertKind } from '../../../platform/import/upsert-kind.js';
import { defaultClassName } from '../classes.js';
import { orgPolicy } from '../policy.js';
import { classVisibleAsC } from '../shared.js';
import { classNoColumn, gradeLevelColumn, schoolCodeColumn, schoolYearColumn } from './columns.js';
import {
  classKey,
  distinctTexts,
  hasColumn,
  resolveSchool,
  resolveSchoolYear,
  schoolAndYearIdsNamed,
  schoolsByCode,
  schoolYearsByName,
  staffByNo,
} from './context.js';

export const classColumns: ColumnSpec[] = [
  schoolCodeColumn,
  { ...schoolYearColumn, note: '已建立的学年，如 2025-2026' },
  { ...gradeLevelColumn, note: '须为该校学段开设的年级' },
  classNoColumn,
  {
    key: 'name',
    header: '班级名称',
    headerEn: 'Class name',
    type: 'text',
    maxLength: 30,
    example: '三年级(2)班',
    note: '不填则按年级和班号生成，如 三年级(2)班',
  },
  {
    key: 'headTeacherNo',
    header: '班主任工号',
    headerEn: 'Class teacher staff number',
    type: 'text',
    example: 'T2025001',
    note: '须为本校教职工；不填表示暂无班主任',
  },
];

interface ClassValues extends Record<string, unknown> {
  school_id: number;
  school_year_id: number;
  grade_level: number;
  class_no: number;
  name: string;
  head_teacher_id: number | null;
  archived_at: null;
}

const keyOfClass = (v: { school_id: number; school_year_id: number; grade_level: number; class_no: number }) =>
  classKey(v.school_id, v.school_year_id, v.grade_level, v.class_no);

/** Stored classes of these schools and years, by keyOfClass. */
async function storedClasses(db: Db, countyId: number, schoolIds: number[], yearIds: number[]) {
  if (schoolIds.length === 0 || yearIds.length === 0) return new Map<string, ClassValues>();
  const rows = await db
    .selectFrom('classes')
    .select(['school_id', 'school_year_id', 'grade_level', 'class_no', 'name', 'head_teacher_id', 'archived_at'])
    .where('county_id', '=', countyId)
    .where('school_id', '=', sql<number>`ANY(${schoolIds}::bigint[])`)
    .where('school_year_id', '=', sql<number>`ANY(${yearIds}::bigint[])`)
    .execute();
  return new Map(rows.map((r) => [keyOfClass(r), r as unknown as ClassValues]));
}

/**
 * 班级, one per (学校代码, 学年, 年级, 班号). A school's 校长/管理员 imports their school's classes, the county's
 * 教育局管理员 any. Rules:
 * - the school is one the importer manages; the school year exists; the grade is taught by the school's type
 *   (a 初中 has no 三年级);
 * - 班级名称 empty → 三年级(2)班 from grade and number; the column left out of the file keeps stored names;
 * - 班主任工号 is a (not archived) staff member of the same school; empty = no class teacher; the column left
 *   out keeps the stored class teacher;
 * - an archived class named in the file is restored.
 */
export const classImport = defineUpsertKind({
  kind: 'classes',
  label: { zh: '班级', en: 'Classes' },
  sheetName: '班级',
  columns: classColumns,
  keyColumns: ['schoolCode', 'schoolYear', 'gradeLevel', 'classNo'],
  table: 'classes',
  conflictColumns: ['county_id', 'school_id', 'school_year_id', 'grade_level', 'class_no'],
  mayImport: orgPolicy.manageSomeSchool,
  async load(db, auth, rows) {
    const countyId = auth.user.countyId;
    const schools = await schoolsByCode(db, countyId);
    const years = await schoolYearsByName(db, countyId);
    const { schoolIds, yearIds } = schoolAndYearIdsNamed(rows, schools, years);
    return {
      schools,
      years,
      teachers: await staffByNo(db, countyId, distinctTexts(rows, 'headTeacherNo')),
      stored: await storedClasses(db, countyId, schoolIds, yearIds),
    };
  },
  toValues(ctx, row, errors, auth): ClassValues | undefined {
    const v = row.values as {
      schoolCode: string;
      schoolYear: string;
      gradeLevel: number;
      classNo: number;
      name?: string | null;
      headTeacherNo?: string | null;
    };
    const at = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
    const school = resolveSchool(auth, ctx.schools, v.schoolCode, row.rowNumber, '学校代码', errors);
    if (!school) return undefined;
    const year = resolveSchoolYear(ctx.years, v.schoolYear, row.rowNumber, errors);
    if (!year) return undefined;
    const grades = GRADES_OF_SCHOOL_TYPE[school.type as SchoolType] ?? [];
    if (!grades.includes(v.gradeLevel)) {
      const type = labelOf(SCHOOL_TYPES, school.type);
      at('年级', `${school.name}是${type}，没有${labelOf(GRADE_LEVELS, v.gradeLevel)}`);
      return undefined;
    }
    const key = { school_id: school.id, school_year_id: year.id, grade_level: v.gradeLevel, class_no: v.classNo };
    const before = ctx.stored.get(keyOfClass(key));
    const name = hasColumn(row, 'name')
      ? v.name || defaultClassName(v.gradeLevel, v.classNo)
      : (before?.name ?? defaultClassName(v.gradeLevel, v.classNo));
    let headTeacherId = before?.head_teacher_id ?? null;
    if (hasColumn(row, 'headTeacherNo')) {
      headTeacherId = null;
      if (v.headTeacherNo) {
        const teacher = ctx.teachers.get(v.headTeacherNo);
        if (!teacher || teacher.archived) {
          at('班主任工号', `工号“${v.headTeacherNo}”不存在${teacher ? '（已归档）' : ''}`);
          return undefined;
        }
        if (teacher.schoolId !== school.id) {
          at('班主任工号', `工号“${v.headTeacherNo}”（${teacher.name}）不是${school.name}的教职工`);
          return undefined;
        }
        headTeacherId = teacher.id;
      }
    }
    return { ...key, name, head_teacher_id: headTeacherId, archived_at: null };
  },
  keyOf: keyOfClass,
  async existing(db, auth, values) {
    const schoolIds = [...new Set(values.map((v) => v.school_id))];
    const yearIds = [...new Set(values.map((v) => v.school_year_id))];
    return storedClasses(db, auth.user.countyId, schoolIds, yearIds);
  },
  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('classes as c')
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
      .innerJoin('school_years as y', (j) =>
        j.onRef('y.county_id', '=', 'c.county_id').onRef('y.id', '=', 'c.school_year_id'),
      )
      .leftJoin('staff as t', (j) => j.onRef('t.county_id', '=', 'c.county_id').onRef('t.id', '=', 'c.head_teacher_id'))
      .select([
        's.code as schoolCode',
        'y.name as schoolYear',
        'c.grade_level as gradeLevel',
        'c.class_no as classNo',
        'c.name',
        't.staff_no as headTeacherNo',
      ])
      .where('c.county_id', '=', auth.user.countyId)
      .where('c.archived_at', 'is', null)
      .where(classVisibleAsC(auth.scope));
    if (filters.schoolId) q = q.where('c.school_id', '=', Number(filters.schoolId));
    if (filters.schoolYearId) q = q.where('c.school_year_id', '=', Number(filters.schoolYearId));
    if (filters.gradeLevel) q = q.where('c.grade_level', '=', Number(filters.gradeLevel));
    return q.orderBy('s.code').orderBy('y.start_date').orderBy('c.grade_level').orderBy('c.class_no').execute();
  },
});
