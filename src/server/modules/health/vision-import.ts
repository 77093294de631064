/**
 * 视力筛查 import (kind `health-vision`): one row per student of one term (学期 column, default the current term),
 * uncorrected acuity of both eyes on the 5-point scale; 近视 set by the screening rule (vision-rule.json). The class
 * is the student's class in the term's school year; the importer must manage its school. All-or-nothing.
 */
import { sql } from 'kysely';
import { acuityProblem, isMyopic } from '../../../common/health/vision.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import type { Db } from '../../db/pool.js';
import { managesAnySchool, managesSchool } from '../../platform/auth/roles.js';
import type { ImportKind, RowError } from '../../platform/import/kinds.js';
import { STUDENT_NO_PATTERN } from '../org/imports/columns.js';
import { currentPeriod } from '../org/imports/context.js';
import { groupRowsByPeriod } from './group-rows.js';
import { visionListQuery } from './vision-queries.js';

export const visionColumns: ColumnSpec[] = [
  {
    key: 'studentNo',
    header: '学籍号',
    headerEn: 'Student number',
    required: true,
    type: 'text',
    pattern: { regex: STUDENT_NO_PATTERN, message: '学籍号应为 6–30 位字母或数字' },
    example: 'G330100201504011234',
  },
  { key: 'name', header: '姓名', headerEn: 'Name', type: 'text', maxLength: 30, note: '填写时须与学籍一致' },
  { key: 'term', header: '学期', headerEn: 'Term', type: 'text', maxLength: 40, note: '不填为当前学期' },
  { key: 'left', header: '左眼裸眼视力', headerEn: 'Left eye', required: true, type: 'number', example: '4.9' },
  { key: 'right', header: '右眼裸眼视力', headerEn: 'Right eye', required: true, type: 'number', example: '5.0' },
];

export interface VisionPlan {
  op: 'create' | 'update';
  termId: number;
  studentId: number;
  schoolId: number;
  classId: number;
  gradeLevel: number;
  sex: string;
  left: number;
  right: number;
  myopia: boolean;
}

/** Students by 学籍号 with their class in the term's school year. */
async function placements(db: Db, countyId: number, termId: number, studentNos: string[]) {
  const rows = await sql<{
    student_no: string;
    student_id: number;
    name: string;
    gender: string;
    class_id: number | null;
    school_id: number | null;
    grade_level: number | null;
  }>`
    SELECT s.student_no, s.id AS student_id, s.name, s.gender, p.class_id, p.school_id, p.grade_level
    FROM students s
    LEFT JOIN LATERAL (
      SELECT c.id AS class_id, c.school_id, c.grade_level FROM classes c
      JOIN terms t ON t.county_id = c.county_id AND t.school_year_id = c.school_year_id AND t.id = ${termId}
      WHERE c.county_id = s.county_id
        AND (c.id = s.class_id OR c.id IN (SELECT e.class_id FROM student_enrollments e
                                           WHERE e.county_id = s.county_id AND e.student_id = s.id))
      ORDER BY (c.id = s.class_id) DESC, c.id DESC LIMIT 1
    ) p ON true
    WHERE s.county_id = ${countyId} AND s.student_no = ANY(${studentNos}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.student_no, r]));
}

export const visionImport: ImportKind<VisionPlan> = {
  kind: 'health-vision',
  label: { zh: '视力筛查结果', en: 'Vision screening results' },
  sheetName: '视力筛查',
  columns: visionColumns,
  keyColumns: ['studentNo'],
  mayImport: (auth) => managesAnySchool(auth),

  async plan(db, auth, rows, progress) {
    const countyId = auth.user.countyId;
    const errors: RowError[] = [];
    const items: VisionPlan[] = [];
    let unchanged = 0;
    const period = await currentPeriod(db, countyId);
    const terms = await db
      .selectFrom('terms as t')
      .innerJoin('school_years as y', (j) =>
        j.onRef('y.county_id', '=', 't.county_id').onRef('y.id', '=', 't.school_year_id'),
      )
      .select(['t.id', 't.name', 'y.name as yearName'])
      .where('t.county_id', '=', countyId)
      .execute();
    const termByName = new Map<string, number>();
    for (const t of terms) {
      termByName.set(t.name, t.id);
      termByName.set(`${t.yearName}${t.name}`, t.id);
    }
    const byTerm = groupRowsByPeriod(
      rows,
      {
        label: '学期',
        nameOf: (r) => r.values.term as string | null,
        idOf: (name) => termByName.get(name.replace(/\s+/g, '')),
        current: period?.termId,
      },
      errors,
    );
    for (const [termId, termRows] of byTerm) {
      const found = await placements(
        db,
        countyId,
        termId,
        termRows.map((r) => String(r.values.studentNo)),
      );
      const existing = new Map(
        (
          await db
            .selectFrom('health_vision_screenings')
            .select(['student_id', 'left_acuity', 'right_acuity', 'class_id'])
            .where('county_id', '=', countyId)
            .where('term_id', '=', termId)
            .where('student_id', 'in', [...found.values()].map((f) => f.student_id).concat([0]))
            .execute()
        ).map((r) => [r.student_id, r]),
      );
      for (const row of termRows) {
        const v = row.values as { studentNo: string; name?: string | null; left: number; right: number };
        const before = errors.length;
        const err = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
        const s = found.get(v.studentNo);
        if (!s) {
          err('学籍号', `学籍号“${v.studentNo}”的学生不存在`);
          continue;
        }
        if (s.class_id === null || s.school_id === null || s.grade_level === null) {
          err('学籍号', `学生${s.name}在该学年没有班级，请先在学籍中分班`);
          continue;
        }
        if (!managesSchool(auth, s.school_id)) {
          err('学籍号', `学生${s.name}不在您管理的学校`);
          continue;
        }
        if (v.name && v.name !== s.name) err('姓名', `姓名“${v.name}”与学籍（${s.name}）不符`);
        const lp = acuityProblem('左眼裸眼视力', v.left);
        if (lp) err('左眼裸眼视力', lp);
        const rp = acuityProblem('右眼裸眼视力', v.right);
        if (rp) err('右眼裸眼视力', rp);
        if (errors.length > before) continue;
        const old = existing.get(s.student_id);
        if (old && old.left_acuity === v.left && old.right_acuity === v.right && old.class_id === s.class_id) {
          unchanged++;
          continue;
        }
        items.push({
          op: old ? 'update' : 'create',
          termId,
          studentId: s.student_id,
          schoolId: s.school_id,
          classId: s.class_id,
          gradeLevel: s.grade_level,
          sex: s.gender,
          left: v.left,
          right: v.right,
          myopia: isMyopic(v.left, v.right),
        });
      }
    }
    await progress(rows.length);
    const create = items.filter((p) => p.op === 'create').length;
    return { items, errors, summary: { create, update: items.length - create, unchanged } };
  },

  async apply(tx, auth, items, progress) {
    for (let i = 0; i < items.length; i += 1000) {
      const chunk = items.slice(i, i + 1000);
      await insertScreenings(tx, auth.user.countyId, chunk);
      await progress(i + chunk.length);
    }
  },

  async exportRows(db, auth, filters) {
    const rows = await visionListQuery(db, auth, filters).execute();
    return rows.map((r) => ({
      studentNo: r.studentNo,
      name: r.studentName,
      term: `${r.schoolYearName}${r.termName}`,
      left: r.left,
      right: r.right,
    }));
  },
};

/** Upserts screenings on (county, term, student). */
export async function insertScreenings(tx: Db, countyId: number, items: Omit<VisionPlan, 'op'>[]) {
  if (items.length === 0) return;
  await tx
    .insertInto('health_vision_screenings')
    .values(
      items.map((p) => ({
        county_id: countyId,
        term_id: p.termId,
        student_id: p.studentId,
        school_id: p.schoolId,
        class_id: p.classId,
        grade_level: p.gradeLevel,
        sex: p.sex,
        left_acuity: p.left,
        right_acuity: p.right,
        myopia: p.myopia,
        updated_at: new Date(),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['county_id', 'term_id', 'student_id']).doUpdateSet((eb) => ({
        school_id: eb.ref('excluded.school_id'),
        class_id: eb.ref('excluded.class_id'),
        grade_level: eb.ref('excluded.grade_level'),
        left_acuity: eb.ref('excluded.left_acuity'),
        right_acuity: eb.ref('excluded.right_acuity'),
        myopia: eb.ref('excluded.myopia'),
        updated_at: new Date(),
      })),
    )
    .execute();
}
