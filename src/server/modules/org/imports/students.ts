import { sql } from 'kysely';
import { GENDERS, STUDENT_STATUSES } from '../../../../common/org/enums.js';
import type { ColumnSpec } from '../../../../common/tabular/types.js';
import type { Db } from '../../../db/pool.js';
import type { ImportKind, RowError } from '../../../platform/import/kinds.js';
import { orgPolicy } from '../policy.js';
import { classVisibleAsC } from '../shared.js';
import { classNoColumn, gradeLevelColumn, schoolCodeColumn, studentNoColumn } from './columns.js';
import {
  classesOfYear,
  currentPeriod,
  hasColumn,
  inChunks,
  resolveClass,
  resolveSchool,
  schoolsByCode,
} from './context.js';

export const studentColumns: ColumnSpec[] = [
  studentNoColumn,
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, type: 'text', maxLength: 30, example: '张小明' },
  { key: 'gender', header: '性别', headerEn: 'Gender', required: true, type: 'enum', options: GENDERS, example: '男' },
  { key: 'birthDate', header: '出生日期', headerEn: 'Birth date', type: 'date', example: '2015-04-01' },
  schoolCodeColumn,
  gradeLevelColumn,
  { ...classNoColumn, note: '本学年该年级的第几班' },
  {
    key: 'status',
    header: '学籍状态',
    headerEn: 'Status',
    type: 'enum',
    options: STUDENT_STATUSES,
    example: '在读',
    note: '不填为“在读”',
  },
];

interface StudentPlan {
  op: 'create' | 'update';
  id?: number;
  studentNo: string;
  name: string;
  gender: string;
  birthDate: string | null;
  schoolId: number;
  classId: number;
  status: string;
  /** The placement changes: close the open enrollment and open a new one. */
  moved: boolean;
}

export const studentImport: ImportKind<StudentPlan> = {
  kind: 'students',
  label: { zh: '学生', en: 'Students' },
  sheetName: '学生',
  columns: studentColumns,
  keyColumns: ['studentNo'],
  mayImport: orgPolicy.manageSomeSchool,

  async plan(db, auth, rows, progress) {
    const countyId = auth.user.countyId;
    const errors: RowError[] = [];
    const items: StudentPlan[] = [];
    let unchanged = 0;
    const period = await currentPeriod(db, countyId);
    if (!period) {
      return {
        items,
        errors: [{ row: 0, column: '', message: '尚未设置当前学年和学期，请先在“学年学期”中设置' }],
        summary: { create: 0, update: 0, unchanged: 0 },
      };
    }
    const schools = await schoolsByCode(db, countyId);
    const classes = await classesOfYear(db, countyId, period.schoolYearId);
    const existing = await existingStudents(
      db,
      countyId,
      rows.map((r) => String(r.values.studentNo)),
    );
    for (const [i, row] of rows.entries()) {
      const v = row.values as {
        studentNo: string;
        name: string;
        gender: string;
        birthDate?: string;
        schoolCode: string;
        gradeLevel: number;
        classNo: number;
        status?: string;
      };
      if (i % 2000 === 0) await progress(i);
      const school = resolveSchool(auth, schools, v.schoolCode, row.rowNumber, '学校代码', errors);
      if (!school) continue;
      const year = { id: period.schoolYearId, name: period.schoolYearName };
      const classId = resolveClass(classes, school, year, v, row.rowNumber, errors);
      if (classId === undefined) continue;
      const before = existing.get(v.studentNo);
      if (
        before &&
        before.school_id != null &&
        before.school_id !== school.id &&
        !orgPolicy.manageSchool(auth, before.school_id)
      ) {
        errors.push({
          row: row.rowNumber,
          column: '学籍号',
          message: `学籍号“${v.studentNo}”的学生在其他学校（${before.school_name}），请办理转学`,
        });
        continue;
      }
      // An optional column left out of the file keeps the stored value (an empty cell clears it / means 在读).
      const next = {
        studentNo: v.studentNo,
        name: v.name,
        gender: v.gender,
        birthDate: hasColumn(row, 'birthDate') ? (v.birthDate ?? null) : (before?.birth_date ?? null),
        schoolId: school.id,
        classId,
        status: hasColumn(row, 'status') ? (v.status ?? 'active') : (before?.status ?? 'active'),
      };
      if (!before) {
        items.push({ op: 'create', ...next, moved: true });
        continue;
      }
      const moved = before.class_id !== classId;
      const same =
        !moved &&
        before.name === next.name &&
        before.gender === next.gender &&
        (before.birth_date ?? null) === next.birthDate &&
        before.school_id === next.schoolId &&
        before.status === next.status;
      if (same) unchanged++;
      else items.push({ op: 'update', id: before.id, ...next, moved });
    }
    await progress(rows.length);
    const create = items.filter((p) => p.op === 'create').length;
    return { items, errors, summary: { create, update: items.length - create, unchanged } };
  },

  async apply(tx, auth, items, progress) {
    const countyId = auth.user.countyId;
    const period = (await currentPeriod(tx, countyId))!;
    const today = new Date().toISOString().slice(0, 10);
    const creates = items.filter((p) => p.op === 'create');
    const updates = items.filter((p) => p.op === 'update');
    const newIds = new Map<string, number>();
    await inChunks(creates, 2000, async (chunk, done) => {
      const rows = await tx
        .insertInto('students')
        .values(
          chunk.map((p) => ({
            county_id: countyId,
            student_no: p.studentNo,
            name: p.name,
            gender: p.gender,
            birth_date: p.birthDate,
            school_id: p.schoolId,
            class_id: p.classId,
            status: p.status,
          })),
        )
        .returning(['id', 'student_no'])
        .execute();
      for (const r of rows) newIds.set(r.student_no, r.id);
      await progress(done);
    });
    await inChunks(updates, 2000, async (chunk, done) => {
      // One statement per chunk: UPDATE … FROM unnest(arrays) instead of 2,000 round trips.
      await sql`
        UPDATE students s SET name = u.name, gender = u.gender, birth_date = u.birth_date::date,
          school_id = u.school_id, class_id = u.class_id, status = u.status, updated_at = now()
        FROM unnest(${chunk.map((p) => p.id)}::bigint[], ${chunk.map((p) => p.name)}::text[], ${chunk.map((p) => p.gender)}::text[],
          ${chunk.map((p) => p.birthDate)}::text[], ${chunk.map((p) => p.schoolId)}::bigint[], ${chunk.map((p) => p.classId)}::bigint[],
          ${chunk.map((p) => p.status)}::text[]) AS u(id, name, gender, birth_date, school_id, class_id, status)
        WHERE s.county_id = ${countyId} AND s.id = u.id`.execute(tx);
      await progress(creates.length + done);
    });
    // Placement history: a moved student's open enrollment ends today and a new one starts.
    const moved = items.filter((p) => p.moved);
    const movedIds = moved.map((p) => p.id ?? newIds.get(p.studentNo)!);
    await inChunks(movedIds, 5000, async (ids) => {
      await tx
        .updateTable('student_enrollments')
        .set({ end_date: today })
        .where('county_id', '=', countyId)
        .where('student_id', 'in', ids)
        .where('end_date', 'is', null)
        .execute();
    });
    await inChunks(moved, 2000, async (chunk) => {
      await tx
        .insertInto('student_enrollments')
        .values(
          chunk.map((p) => ({
            county_id: countyId,
            student_id: p.id ?? newIds.get(p.studentNo)!,
            term_id: period.termId,
            school_id: p.schoolId,
            class_id: p.classId,
            start_date: today,
            reason: 'import',
          })),
        )
        .execute();
    });
  },

  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('students as st')
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
      .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'st.county_id').onRef('c.id', '=', 'st.class_id'))
      .select([
        'st.student_no',
        'st.name',
        'st.gender',
        'st.birth_date',
        's.code',
        'c.grade_level',
        'c.class_no',
        'st.status',
      ])
      .where('st.county_id', '=', auth.user.countyId)
      .where('st.archived_at', 'is', null)
      .where(classVisibleAsC(auth.scope));
    if (filters.schoolId) q = q.where('st.school_id', '=', Number(filters.schoolId));
    if (filters.classId) q = q.where('st.class_id', '=', Number(filters.classId));
    if (filters.gradeLevel) q = q.where('c.grade_level', '=', Number(filters.gradeLevel));
    if (filters.status) q = q.where('st.status', '=', String(filters.status));
    const rows = await q
      .orderBy('s.code')
      .orderBy('c.grade_level')
      .orderBy('c.class_no')
      .orderBy('st.student_no')
      .execute();
    return rows.map((r) => ({
      studentNo: r.student_no,
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
      schoolCode: r.code,
      gradeLevel: r.grade_level,
      classNo: r.class_no,
      status: r.status,
    }));
  },
};

async function existingStudents(db: Db, countyId: number, studentNos: string[]) {
  const map = new Map<
    string,
    {
      id: number;
      name: string;
      gender: string;
      birth_date: string | null;
      school_id: number | null;
      school_name: string | null;
      class_id: number | null;
      status: string;
    }
  >();
  await inChunks(studentNos, 10_000, async (chunk) => {
    const rows = await db
      .selectFrom('students as st')
      .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
      .select([
        'st.id',
        'st.student_no',
        'st.name',
        'st.gender',
        'st.birth_date',
        'st.school_id',
        's.name as school_name',
        'st.class_id',
        'st.status',
      ])
      .where('st.county_id', '=', countyId)
      .where('st.student_no', 'in', chunk)
      .execute();
    for (const r of rows) map.set(r.student_no, r);
  });
  return map;
}
