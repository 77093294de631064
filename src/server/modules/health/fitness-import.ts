/**
 * 体质健康测试成绩 import (kind `health-fitness`): one row per student of one school year, through the platform's
 * ImportKind framework (dry run as a job, every error by row and column in Chinese, all-or-nothing commit).
 *
 * The student is found by 学籍号; their class in the school year (学年 column, default the current year) gives the
 * school, class and 年级, so a file may hold one class, a school, or several schools the importer manages. 性别 and
 * 年级, when given, must agree with the registry (the wrong table would be used otherwise). Times as seconds or
 * 分'秒". Measurements are checked by the engine's validateStudent (items that do not apply to the grade or sex,
 * implausible values, 免测 with results, missing items), then scored with the county's standard; a missing
 * standard cell is not an error: the result is stored with its score null and the note "no standard value".
 */
import { sql } from 'kysely';
import { parseItemCell, validateStudent } from '../../../common/health/fitness.js';
import { ITEM_INFO } from '../../../common/health/ranges.js';
import { ITEM_KEYS, type ItemKey } from '../../../common/health/standard.js';
import { GENDERS, GRADE_ALIASES, GRADE_LEVELS, labelOf } from '../../../common/org/enums.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import type { Db } from '../../db/pool.js';
import { managesAnySchool, managesSchool } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';
import type { ImportKind, RowError } from '../../platform/import/kinds.js';
import { STUDENT_NO_PATTERN } from '../org/imports/columns.js';
import { currentPeriod } from '../org/imports/context.js';
import { fitnessResultsQuery } from './fitness-queries.js';
import {
  GRADUATION_LEVELS,
  gradeCodeOfLevel,
  graduationOf,
  type Measurements,
  type ScoredColumns,
  scoreMeasurements,
  totalsOfStudents,
} from './fitness-scoring.js';
import { groupRowsByPeriod } from './group-rows.js';
import { countyStandard } from './standard-store.js';

const TIME_NOTE = `秒或 分'秒"，如 3'17" 或 197`;

export const fitnessColumns: ColumnSpec[] = [
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
  {
    key: 'gradeLevel',
    header: '年级',
    headerEn: 'Grade',
    type: 'enum',
    options: GRADE_LEVELS,
    aliases: GRADE_ALIASES,
    example: '三年级',
    note: '填写时须与学生该学年所在班级的年级一致',
  },
  { key: 'gender', header: '性别', headerEn: 'Gender', type: 'enum', options: GENDERS, example: '男' },
  { key: 'schoolYear', header: '学年', headerEn: 'School year', type: 'text', maxLength: 20, note: '不填为当前学年' },
  { key: 'exempt', header: '免测', headerEn: 'Exempt', type: 'bool', note: '是/否；免测学生不填成绩' },
  { key: 'height', header: '身高', headerEn: 'Height', type: 'text', example: '135.5', note: '厘米' },
  { key: 'weight', header: '体重', headerEn: 'Weight', type: 'text', example: '30.2', note: '千克' },
  ...ITEM_KEYS.map(
    (k): ColumnSpec => ({
      key: k,
      header: ITEM_INFO[k].cn,
      headerEn: k,
      type: 'text',
      note: ITEM_INFO[k].time
        ? `${ITEM_INFO[k].unit}：${TIME_NOTE}；只填本年级适用的项目`
        : `${ITEM_INFO[k].unit}；只填本年级适用的项目`,
    }),
  ),
];

export interface FitnessPlan {
  op: 'create' | 'update';
  schoolYearId: number;
  studentId: number;
  schoolId: number;
  classId: number;
  m: Measurements;
  s: ScoredColumns;
  graduation: number | null;
}

/** The student's class in a school year: the current placement for the current year, else the enrollments. */
async function placements(db: Db, countyId: number, schoolYearId: number, studentNos: string[]) {
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
      WHERE c.county_id = s.county_id AND c.school_year_id = ${schoolYearId}
        AND (c.id = s.class_id OR c.id IN (SELECT e.class_id FROM student_enrollments e
                                           WHERE e.county_id = s.county_id AND e.student_id = s.id))
      ORDER BY (c.id = s.class_id) DESC, c.id DESC LIMIT 1
    ) p ON true
    WHERE s.county_id = ${countyId} AND s.student_no = ANY(${studentNos}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.student_no, r]));
}

/** The column a validation problem is about (its first item or body measure named), for the error list. */
function columnOf(problem: string): string {
  for (const k of ITEM_KEYS) if (problem.includes(ITEM_INFO[k].cn)) return ITEM_INFO[k].cn;
  for (const h of ['身高', '体重', '免测', '年级', '性别']) if (problem.includes(h)) return h;
  return problem.includes('BMI') ? '身高' : '';
}

export const fitnessImport: ImportKind<FitnessPlan> = {
  kind: 'health-fitness',
  label: { zh: '体质健康测试成绩', en: 'Physical fitness test results' },
  sheetName: '体质健康测试',
  columns: fitnessColumns,
  keyColumns: ['studentNo'],
  mayImport: (auth) => managesAnySchool(auth),

  async plan(db, auth, rows, progress) {
    const countyId = auth.user.countyId;
    const errors: RowError[] = [];
    const items: FitnessPlan[] = [];
    let unchanged = 0;
    const period = await currentPeriod(db, countyId);
    const years = await db
      .selectFrom('school_years')
      .select(['id', 'name'])
      .where('county_id', '=', countyId)
      .execute();
    const yearByName = new Map(years.map((y) => [y.name, y.id]));
    const std = await countyStandard(db, countyId);
    const byYear = groupRowsByPeriod(
      rows,
      {
        label: '学年',
        nameOf: (r) => r.values.schoolYear as string | null,
        idOf: (name) => yearByName.get(name),
        current: period?.schoolYearId,
      },
      errors,
    );
    let done = 0;
    for (const [yearId, yearRows] of byYear) {
      const found = await placements(
        db,
        countyId,
        yearId,
        yearRows.map((r) => String(r.values.studentNo)),
      );
      const existing = new Map(
        (
          await db
            .selectFrom('health_fitness_results')
            .select(['student_id', 'class_id', 'exempt', 'height_cm', 'weight_kg', 'items'])
            .where('county_id', '=', countyId)
            .where('school_year_id', '=', yearId)
            .where('student_id', 'in', [...found.values()].map((f) => f.student_id).concat([0]))
            .execute()
        ).map((r) => [r.student_id, r]),
      );
      const gradTotals = await totalsOfStudents(
        db,
        countyId,
        [...found.values()].filter((f) => GRADUATION_LEVELS.includes(f.grade_level ?? 0)).map((f) => f.student_id),
      );
      for (const row of yearRows) {
        if (++done % 1000 === 0) await progress(done);
        const v = row.values as Record<string, unknown>;
        const errorsBefore = errors.length;
        const err = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
        const student = found.get(String(v.studentNo));
        if (!student) {
          err('学籍号', `学籍号“${v.studentNo}”的学生不存在`);
          continue;
        }
        if (student.class_id === null || student.school_id === null || student.grade_level === null) {
          err('学籍号', `学生${student.name}在该学年没有班级，请先在学籍中分班`);
          continue;
        }
        if (!managesSchool(auth, student.school_id)) {
          err('学籍号', `学生${student.name}不在您管理的学校`);
          continue;
        }
        if (v.name && v.name !== student.name) err('姓名', `姓名“${v.name}”与学籍（${student.name}）不符`);
        if (v.gender && v.gender !== student.gender) {
          err(
            '性别',
            `性别“${labelOf(GENDERS, v.gender as string)}”与学籍（${labelOf(GENDERS, student.gender)}）不符，会用错评分表`,
          );
        }
        if (v.gradeLevel != null && v.gradeLevel !== student.grade_level) {
          err(
            '年级',
            `年级“${labelOf(GRADE_LEVELS, v.gradeLevel as number)}”与学生所在班级（${labelOf(GRADE_LEVELS, student.grade_level)}）不符`,
          );
        }
        const m: Measurements = {
          gradeLevel: student.grade_level,
          sex: student.gender as 'M' | 'F',
          exempt: v.exempt === true,
          heightCm: null,
          weightKg: null,
          items: {},
        };
        let cellProblems = false;
        for (const [key, label] of [
          ['height', '身高'],
          ['weight', '体重'],
        ] as const) {
          const text = (v[key] as string | null) ?? '';
          if (text === '') continue;
          const parsed = parseItemCell('sit_and_reach', text); // a plain number
          if ('problem' in parsed) {
            err(label, `${label}“${text}”不是数字`);
            cellProblems = true;
          } else if (key === 'height') m.heightCm = parsed.value;
          else m.weightKg = parsed.value;
        }
        for (const k of ITEM_KEYS) {
          const text = (v[k] as string | null) ?? '';
          const parsed = parseItemCell(k as ItemKey, text);
          if ('problem' in parsed) {
            err(ITEM_INFO[k].cn, parsed.problem);
            cellProblems = true;
          } else if (parsed.value !== null) m.items[k] = parsed.value;
        }
        if (cellProblems) continue;
        const problems = validateStudent(
          {
            grade: gradeCodeOfLevel(m.gradeLevel),
            sex: m.sex,
            heightCm: m.heightCm,
            weightKg: m.weightKg,
            items: m.items,
            exempt: m.exempt,
          },
          std,
        );
        for (const p of problems) err(columnOf(p), p);
        if (errors.length > errorsBefore) continue;
        const s = scoreMeasurements(std, m);
        const others = (gradTotals.get(student.student_id) ?? []).filter((o) => o.schoolYearId !== yearId);
        const plan: FitnessPlan = {
          op: existing.has(student.student_id) ? 'update' : 'create',
          schoolYearId: yearId,
          studentId: student.student_id,
          schoolId: student.school_id,
          classId: student.class_id,
          m,
          s,
          graduation: graduationOf(std, m.gradeLevel, s.total, others),
        };
        const before = existing.get(student.student_id);
        if (
          before &&
          before.class_id === plan.classId &&
          before.exempt === m.exempt &&
          before.height_cm === m.heightCm &&
          before.weight_kg === m.weightKg &&
          sameItems(before.items, m.items)
        ) {
          unchanged++;
          continue;
        }
        items.push(plan);
      }
    }
    await progress(rows.length);
    const create = items.filter((p) => p.op === 'create').length;
    return { items, errors, summary: { create, update: items.length - create, unchanged } };
  },

  async apply(tx, auth, items, progress) {
    const countyId = auth.user.countyId;
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      await tx
        .insertInto('health_fitness_results')
        .values(
          chunk.map((p) => ({
            county_id: countyId,
            school_year_id: p.schoolYearId,
            student_id: p.studentId,
            school_id: p.schoolId,
            class_id: p.classId,
            grade_level: p.m.gradeLevel,
            sex: p.m.sex,
            exempt: p.m.exempt,
            height_cm: p.m.heightCm,
            weight_kg: p.m.weightKg,
            items: JSON.stringify(p.m.items),
            bmi: p.s.bmi,
            bmi_category: p.s.bmi_category,
            scores: JSON.stringify(p.s.scores),
            standard_score: p.s.standard_score,
            bonus: p.s.bonus,
            total: p.s.total,
            grade: p.s.grade,
            graduation_score: p.graduation,
            notes: JSON.stringify(p.s.notes),
            updated_at: new Date(),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['county_id', 'school_year_id', 'student_id']).doUpdateSet((eb) => ({
            school_id: eb.ref('excluded.school_id'),
            class_id: eb.ref('excluded.class_id'),
            grade_level: eb.ref('excluded.grade_level'),
            sex: eb.ref('excluded.sex'),
            exempt: eb.ref('excluded.exempt'),
            height_cm: eb.ref('excluded.height_cm'),
            weight_kg: eb.ref('excluded.weight_kg'),
            items: eb.ref('excluded.items'),
            bmi: eb.ref('excluded.bmi'),
            bmi_category: eb.ref('excluded.bmi_category'),
            scores: eb.ref('excluded.scores'),
            standard_score: eb.ref('excluded.standard_score'),
            bonus: eb.ref('excluded.bonus'),
            total: eb.ref('excluded.total'),
            grade: eb.ref('excluded.grade'),
            graduation_score: eb.ref('excluded.graduation_score'),
            notes: eb.ref('excluded.notes'),
            updated_at: new Date(),
          })),
        )
        .execute();
      await progress(i + chunk.length);
    }
  },

  async exportRows(db, auth, filters) {
    return fitnessExportRows(db, auth, filters);
  },
};

function sameItems(a: Record<string, number>, b: Record<string, number>): boolean {
  return ITEM_KEYS.every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/**
 * Export in the import's own layout (a re-import changes nothing): the results of a school year (default current)
 * in the caller's scope, optionally one school or class.
 */
async function fitnessExportRows(
  db: Db,
  auth: AuthContext,
  filters: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const rows = await fitnessResultsQuery(db, auth, filters).execute();
  return rows.map((r) => {
    const out: Record<string, unknown> = {
      studentNo: r.studentNo,
      name: r.studentName,
      gradeLevel: r.gradeLevel,
      gender: r.sex,
      schoolYear: r.schoolYearName,
      exempt: r.exempt,
      height: r.heightCm == null ? null : String(r.heightCm),
      weight: r.weightKg == null ? null : String(r.weightKg),
    };
    for (const k of ITEM_KEYS) out[k] = r.items[k] == null ? null : String(r.items[k]);
    return out;
  });
}
