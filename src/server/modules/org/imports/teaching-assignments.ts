import { sql } from 'kysely';
import { GRADE_LEVELS, labelOf, STAGES, stageOfGrade, TERM_KINDS } from '../../../../common/org/enums.js';
import type { ColumnSpec, ParsedRow } from '../../../../common/tabular/types.js';
import type { Db } from '../../../db/pool.js';
import { audit } from '../../../platform/audit.js';
import type { ImportKind, RowError } from '../../../platform/import/kinds.js';
import { orgPolicy } from '../policy.js';
import { classVisibleAsC } from '../shared.js';
import { classNoColumn, gradeLevelColumn, schoolCodeColumn, schoolYearColumn, termKindColumn } from './columns.js';
import {
  classKey,
  distinctTexts,
  inChunks,
  resolveClass,
  resolveSchool,
  resolveSchoolYear,
  schoolAndYearIdsNamed,
  schoolsByCode,
  schoolYearsByName,
  staffByNo,
  subjectsByName,
  yearKey,
} from './context.js';

/** The replacement rule, as the template's 说明 sheet states it. */
const REPLACE_NOTE = '同一学期、同一班级、同一学科以文件为准：文件中的任课教师替换原有的任课安排；多位教师合教可写多行';

export const assignmentColumns: ColumnSpec[] = [
  schoolYearColumn,
  termKindColumn('termKind'),
  schoolCodeColumn,
  gradeLevelColumn,
  classNoColumn,
  {
    key: 'subject',
    header: '学科',
    headerEn: 'Subject',
    required: true,
    type: 'text',
    maxLength: 20,
    example: '语文',
    note: `学科名称；${REPLACE_NOTE}`,
  },
  {
    key: 'staffNo',
    header: '教师工号',
    headerEn: 'Teacher staff number',
    required: true,
    type: 'text',
    example: 'T2025001',
    note: `本校教职工或局机关人员的工号；${REPLACE_NOTE}`,
  },
];

/** One (term, class, subject) whose teachers change: the stored rows to remove and the teachers to add. */
interface AssignmentGroup {
  termId: number;
  classId: number;
  subjectId: number;
  add: number[];
  remove: { id: number; staffId: number }[];
}

const groupKey = (termId: number, classId: number, subjectId: number) => `${termId}:${classId}:${subjectId}`;

async function loadContext(db: Db, countyId: number, rows: ParsedRow[]) {
  const schools = await schoolsByCode(db, countyId);
  const years = await schoolYearsByName(db, countyId);
  const terms = new Map(
    (
      await db.selectFrom('terms').select(['id', 'school_year_id', 'kind']).where('county_id', '=', countyId).execute()
    ).map((t) => [`${t.school_year_id}:${t.kind}`, t.id]),
  );
  const { schoolIds, yearIds } = schoolAndYearIdsNamed(rows, schools, years);
  const classRows =
    schoolIds.length === 0 || yearIds.length === 0
      ? []
      : await db
          .selectFrom('classes')
          .select(['id', 'school_id', 'school_year_id', 'grade_level', 'class_no'])
          .where('county_id', '=', countyId)
          .where('archived_at', 'is', null)
          .where('school_id', '=', sql<number>`ANY(${schoolIds}::bigint[])`)
          .where('school_year_id', '=', sql<number>`ANY(${yearIds}::bigint[])`)
          .execute();
  const classes = new Map(
    classRows.map((c) => [classKey(c.school_id, c.school_year_id, c.grade_level, c.class_no), c.id]),
  );
  return {
    schools,
    years,
    terms,
    classes,
    subjects: await subjectsByName(db, countyId),
    staff: await staffByNo(db, countyId, distinctTexts(rows, 'staffNo')),
  };
}

/**
 * 任课安排: who teaches which subject in which class in which term. Natural key: every column. Rules:
 * - the term (学年 + 学期) and the class (学校代码, 学年, 年级, 班号; not archived) exist, in a school the importer
 *   manages; the subject exists and is taught in the class's stage; the teacher is a (not archived) staff member
 *   of that school or bureau staff;
 * - REPLACEMENT: the rows of the file for one (term, class, subject) are that class's teachers of that subject in
 *   that term — stored assignments of the same (term, class, subject) whose teacher is not in the file are removed
 *   (the table holds no history: the removal is in the audit log). Teachers of other subjects and classes are
 *   untouched. A row whose teacher is already assigned is "unchanged"; a new teacher is "create" when the
 *   (term, class, subject) had none, else "update" (a replacement). There are no updates in place.
 */
export const assignmentImport: ImportKind<AssignmentGroup> = {
  kind: 'teaching-assignments',
  label: { zh: '任课安排', en: 'Teaching assignments' },
  sheetName: '任课安排',
  columns: assignmentColumns,
  keyColumns: ['schoolYear', 'termKind', 'schoolCode', 'gradeLevel', 'classNo', 'subject', 'staffNo'],
  mayImport: orgPolicy.manageSomeSchool,

  async plan(db, auth, rows, progress) {
    const countyId = auth.user.countyId;
    const errors: RowError[] = [];
    const ctx = await loadContext(db, countyId, rows);
    const groups = new Map<
      string,
      { termId: number; classId: number; subjectId: number; rows: { row: number; staffId: number }[] }
    >();
    for (const row of rows) {
      const v = row.values as {
        schoolYear: string;
        termKind: string;
        schoolCode: string;
        gradeLevel: number;
        classNo: number;
        subject: string;
        staffNo: string;
      };
      const at = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
      const school = resolveSchool(auth, ctx.schools, v.schoolCode, row.rowNumber, '学校代码', errors);
      if (!school) continue;
      const year = resolveSchoolYear(ctx.years, v.schoolYear, row.rowNumber, errors);
      if (!year) continue;
      const termId = ctx.terms.get(`${year.id}:${v.termKind}`);
      if (termId === undefined) {
        at('学期', `${yearKey(year.name)}学年没有${labelOf(TERM_KINDS, v.termKind)}，请先在“学年学期”中建立`);
        continue;
      }
      const classId = resolveClass(
        ctx.classes,
        school,
        { id: year.id, name: yearKey(year.name) },
        v,
        row.rowNumber,
        errors,
      );
      if (classId === undefined) continue;
      const grade = labelOf(GRADE_LEVELS, v.gradeLevel);
      const subject = ctx.subjects.get(v.subject);
      if (!subject) {
        at('学科', `学科“${v.subject}”不存在`);
        continue;
      }
      const stage = stageOfGrade(v.gradeLevel);
      if (!subject.stages.includes(stage)) {
        at('学科', `${labelOf(STAGES, stage)}不开设${subject.name}（${grade}）`);
        continue;
      }
      const teacher = ctx.staff.get(v.staffNo);
      if (!teacher || teacher.archived) {
        at('教师工号', `工号“${v.staffNo}”不存在${teacher ? '（已归档）' : ''}`);
        continue;
      }
      if (teacher.schoolId !== null && teacher.schoolId !== school.id) {
        at('教师工号', `工号“${v.staffNo}”（${teacher.name}）不是${school.name}的教职工，也不是局机关人员`);
        continue;
      }
      const key = groupKey(termId, classId, subject.id);
      const group = groups.get(key) ?? { termId, classId, subjectId: subject.id, rows: [] };
      groups.set(key, group);
      const same = group.rows.find((r) => r.staffId === teacher.id);
      if (same) {
        at(
          '教师工号',
          `第 ${row.rowNumber} 行与第 ${same.row} 行重复：${grade}${v.classNo}班${subject.name}已由${teacher.name}任教`,
        );
        continue;
      }
      group.rows.push({ row: row.rowNumber, staffId: teacher.id });
    }
    await progress(Math.floor(rows.length / 2));

    const stored = await storedAssignments(
      db,
      countyId,
      [...new Set([...groups.values()].map((g) => g.termId))],
      [...new Set([...groups.values()].map((g) => g.classId))],
    );
    const items: AssignmentGroup[] = [];
    const summary = { create: 0, update: 0, unchanged: 0 };
    for (const [key, g] of groups) {
      const before = stored.get(key) ?? [];
      const fileStaff = new Set(g.rows.map((r) => r.staffId));
      const add = g.rows.map((r) => r.staffId).filter((id) => !before.some((b) => b.staffId === id));
      const remove = before.filter((b) => !fileStaff.has(b.staffId));
      if (add.length === 0 && remove.length === 0) {
        summary.unchanged += g.rows.length;
        continue;
      }
      items.push({ termId: g.termId, classId: g.classId, subjectId: g.subjectId, add, remove });
      const kind = before.length === 0 ? 'create' : 'update';
      summary[kind] += add.length;
      // Only removals (fewer teachers than before): the first row stands for the change.
      const changedRows = add.length > 0 ? add.length : 1;
      summary.unchanged += g.rows.length - changedRows;
      if (add.length === 0) summary.update += 1;
    }
    await progress(rows.length);
    return { items, errors, summary };
  },

  async apply(tx, auth, items, progress) {
    const countyId = auth.user.countyId;
    const removed = items.flatMap((g) =>
      g.remove.map((r) => ({ ...r, termId: g.termId, classId: g.classId, subjectId: g.subjectId })),
    );
    await inChunks(removed, 10_000, async (chunk) => {
      await tx
        .deleteFrom('teaching_assignments')
        .where('county_id', '=', countyId)
        .where('id', '=', sql<number>`ANY(${chunk.map((r) => r.id)}::bigint[])`)
        .execute();
    });
    if (removed.length > 0) {
      await audit(
        tx,
        { countyId, userId: auth.user.id, username: auth.user.username },
        {
          action: 'delete',
          entity: 'teaching_assignment',
          before: removed.map(({ id, termId, classId, subjectId, staffId }) => ({
            id,
            termId,
            classId,
            subjectId,
            staffId,
          })),
          summary: `导入任课安排：替换 ${removed.length} 条原任课安排`,
        },
      );
    }
    const added = items.flatMap((g) =>
      g.add.map((staffId) => ({
        county_id: countyId,
        term_id: g.termId,
        class_id: g.classId,
        subject_id: g.subjectId,
        staff_id: staffId,
      })),
    );
    await inChunks(added, 2000, async (chunk, done) => {
      await tx.insertInto('teaching_assignments').values(chunk).execute();
      await progress(done);
    });
  },

  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('teaching_assignments as ta')
      .innerJoin('terms as t', (j) => j.onRef('t.county_id', '=', 'ta.county_id').onRef('t.id', '=', 'ta.term_id'))
      .innerJoin('school_years as y', (j) =>
        j.onRef('y.county_id', '=', 't.county_id').onRef('y.id', '=', 't.school_year_id'),
      )
      .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'ta.county_id').onRef('c.id', '=', 'ta.class_id'))
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
      .innerJoin('subjects as sub', (j) =>
        j.onRef('sub.county_id', '=', 'ta.county_id').onRef('sub.id', '=', 'ta.subject_id'),
      )
      .innerJoin('staff as st', (j) => j.onRef('st.county_id', '=', 'ta.county_id').onRef('st.id', '=', 'ta.staff_id'))
      .select([
        'y.name as schoolYear',
        't.kind as termKind',
        's.code as schoolCode',
        'c.grade_level as gradeLevel',
        'c.class_no as classNo',
        'sub.name as subject',
        'st.staff_no as staffNo',
      ])
      .where('ta.county_id', '=', auth.user.countyId)
      .where(classVisibleAsC(auth.scope));
    if (filters.termId) q = q.where('ta.term_id', '=', Number(filters.termId));
    if (filters.schoolId) q = q.where('c.school_id', '=', Number(filters.schoolId));
    if (filters.classId) q = q.where('ta.class_id', '=', Number(filters.classId));
    if (filters.staffId) q = q.where('ta.staff_id', '=', Number(filters.staffId));
    const rows = await q
      .orderBy('t.start_date')
      .orderBy('s.code')
      .orderBy('c.grade_level')
      .orderBy('c.class_no')
      .orderBy('sub.sort')
      .orderBy('st.staff_no')
      .execute();
    return rows.map((r) => ({ ...r, schoolYear: yearKey(r.schoolYear) }));
  },
};

/** Stored assignments of these terms and classes, grouped by (term, class, subject). */
async function storedAssignments(db: Db, countyId: number, termIds: number[], classIds: number[]) {
  const map = new Map<string, { id: number; staffId: number }[]>();
  if (termIds.length === 0 || classIds.length === 0) return map;
  const rows = await db
    .selectFrom('teaching_assignments')
    .select(['id', 'term_id', 'class_id', 'subject_id', 'staff_id'])
    .where('county_id', '=', countyId)
    .where('term_id', '=', sql<number>`ANY(${termIds}::bigint[])`)
    .where('class_id', '=', sql<number>`ANY(${classIds}::bigint[])`)
    .execute();
  for (const r of rows) {
    const key = groupKey(r.term_id, r.class_id, r.subject_id);
    map.set(key, [...(map.get(key) ?? []), { id: r.id, staffId: r.staff_id }]);
  }
  return map;
}
