import { sql } from 'kysely';
import { GUARDIAN_RELATIONS } from '../../../../common/org/enums.js';
import type { ColumnSpec } from '../../../../common/tabular/types.js';
import type { Db } from '../../../db/pool.js';
import { defineUpsertKind } from '../../../platform/import/upsert-kind.js';
import { orgPolicy } from '../policy.js';
import { classVisibleAsC } from '../shared.js';
import { phoneColumn, phoneFor, studentNoColumn } from './columns.js';
import { distinctTexts, hasColumn, inChunks } from './context.js';

export const guardianColumns: ColumnSpec[] = [
  { ...studentNoColumn, note: '须为已导入的学生' },
  {
    key: 'name',
    header: '家长姓名',
    headerEn: 'Guardian name',
    required: true,
    type: 'text',
    maxLength: 30,
    example: '张建国',
  },
  {
    key: 'relation',
    header: '关系',
    headerEn: 'Relation',
    required: true,
    type: 'enum',
    options: GUARDIAN_RELATIONS,
    example: '父亲',
  },
  phoneColumn,
];

interface GuardianValues extends Record<string, unknown> {
  student_id: number;
  name: string;
  relation: string;
  phone: string | null;
  archived_at: null;
}

interface StudentRef {
  id: number;
  studentNo: string;
  schoolId: number | null;
  schoolName: string | null;
  archived: boolean;
}

async function studentsByNo(db: Db, countyId: number, studentNos: string[]) {
  const map = new Map<string, StudentRef>();
  await inChunks(studentNos, 10_000, async (chunk) => {
    const rows = await db
      .selectFrom('students as st')
      .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
      .select([
        'st.id',
        'st.student_no as studentNo',
        'st.school_id as schoolId',
        's.name as schoolName',
        sql<boolean>`st.archived_at IS NOT NULL`.as('archived'),
      ])
      .where('st.county_id', '=', countyId)
      .where('st.student_no', '=', sql<string>`ANY(${chunk}::text[])`)
      .execute();
    for (const r of rows) map.set(r.studentNo, r);
  });
  return map;
}

const keyOfGuardian = (v: { student_id: number; name: string }) => `${v.student_id}:${v.name}`;

async function storedGuardians(db: Db, countyId: number, studentIds: number[]) {
  const map = new Map<string, GuardianValues>();
  await inChunks([...new Set(studentIds)], 10_000, async (chunk) => {
    const rows = await db
      .selectFrom('guardians')
      .select(['student_id', 'name', 'relation', 'phone', 'archived_at'])
      .where('county_id', '=', countyId)
      .where('student_id', '=', sql<number>`ANY(${chunk}::bigint[])`)
      .execute();
    for (const r of rows) map.set(keyOfGuardian(r), r as unknown as GuardianValues);
  });
  return map;
}

/**
 * 家长 (guardians), one per (学籍号, 家长姓名). The student must exist, not archived, in a school the importer
 * manages. 联系电话 left out of the file keeps the stored number; an empty cell clears it. An archived guardian
 * named in the file is restored. Exports carry the full phone number only to users who manage the student's
 * school (who may re-import it); others get it masked, as in the lists (PIPL), and every export is audited.
 */
export const guardianImport = defineUpsertKind({
  kind: 'guardians',
  label: { zh: '家长', en: 'Guardians' },
  sheetName: '家长',
  columns: guardianColumns,
  keyColumns: ['studentNo', 'name'],
  table: 'guardians',
  conflictColumns: ['county_id', 'student_id', 'name'],
  mayImport: orgPolicy.manageSomeSchool,
  async load(db, auth, rows) {
    const countyId = auth.user.countyId;
    const students = await studentsByNo(db, countyId, distinctTexts(rows, 'studentNo'));
    const stored = await storedGuardians(
      db,
      countyId,
      [...students.values()].map((s) => s.id),
    );
    return { students, stored };
  },
  toValues(ctx, row, errors, auth): GuardianValues | undefined {
    const v = row.values as { studentNo: string; name: string; relation: string; phone?: string | null };
    const at = (message: string) => errors.push({ row: row.rowNumber, column: '学籍号', message });
    const student = ctx.students.get(v.studentNo);
    if (!student) {
      at(`学籍号“${v.studentNo}”的学生不存在，请先导入学生`);
      return undefined;
    }
    if (student.archived) {
      at(`学籍号“${v.studentNo}”的学生已归档`);
      return undefined;
    }
    if (student.schoolId == null || !orgPolicy.manageSchool(auth, student.schoolId)) {
      at(`学籍号“${v.studentNo}”的学生在${student.schoolName ?? '其他学校'}，不在您的管理范围内`);
      return undefined;
    }
    const before = ctx.stored.get(keyOfGuardian({ student_id: student.id, name: v.name }));
    return {
      student_id: student.id,
      name: v.name,
      relation: v.relation,
      phone: hasColumn(row, 'phone') ? (v.phone ?? null) : (before?.phone ?? null),
      archived_at: null,
    };
  },
  keyOf: keyOfGuardian,
  existing: (db, auth, values) =>
    storedGuardians(
      db,
      auth.user.countyId,
      values.map((v) => v.student_id),
    ),
  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('guardians as g')
      .innerJoin('students as st', (j) =>
        j.onRef('st.county_id', '=', 'g.county_id').onRef('st.id', '=', 'g.student_id'),
      )
      .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'st.county_id').onRef('c.id', '=', 'st.class_id'))
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
      .select(['st.student_no as studentNo', 'g.name', 'g.relation', 'g.phone', 'st.school_id as schoolId'])
      .where('g.county_id', '=', auth.user.countyId)
      .where('g.archived_at', 'is', null)
      .where('st.archived_at', 'is', null)
      .where(classVisibleAsC(auth.scope));
    if (filters.studentId) q = q.where('g.student_id', '=', Number(filters.studentId));
    if (filters.schoolId) q = q.where('st.school_id', '=', Number(filters.schoolId));
    if (filters.classId) q = q.where('st.class_id', '=', Number(filters.classId));
    const rows = await q
      .orderBy('s.code')
      .orderBy('c.grade_level')
      .orderBy('c.class_no')
      .orderBy('st.student_no')
      .orderBy('g.name')
      .execute();
    return rows.map(({ schoolId, phone, ...r }) => ({ ...r, phone: phoneFor(auth, schoolId, phone) }));
  },
});
