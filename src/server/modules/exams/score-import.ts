import { sql } from 'kysely';
import { readOptionCell, readScoreCell, type ScoreCell, type ScoreMarker } from '../../../common/exams/score-cell.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import type { ImportContext, ImportKind, RowError } from '../../platform/import/kinds.js';
import { examsPolicy, managesExam } from './access.js';
import { requestAnalysis } from './analysis-queue.js';
import type { ScoreStatus } from './tables.js';

/**
 * Score import (`exam-scores:<examId>`), through the platform's ImportKind pipeline (dry run as a job, every error by
 * row and column, all-or-nothing commit with its audit row). Two layouts, told apart by a 科目 column:
 * - wide: 学籍号, then per subject a column named by the subject (its score, or 缺考/作弊/免考), item columns
 *   `<科目>-<题号>` and chosen options `<科目>-<题号>选项`, and for a 赋分 subject `<科目>原始分`;
 * - long: 学籍号, 科目, 成绩, item columns `<题号>` and `<题号>选项` (one row per student and subject).
 * Item scores given without a score make the score their sum; given with one, they must add up to it. A blank item
 * cell of a student who sat counts 0. Re-importing a subject replaces all its scores (students left out of the file
 * are then absent from the subject). Columns 姓名/学校/班级/总分 are accepted and ignored: the student's school and
 * class come from the registry.
 */
export interface ScoreRow {
  examSubjectId: number;
  studentId: number;
  schoolId: number;
  classId: number | null;
  status: ScoreStatus;
  total: number | null;
  rawTotal: number | null;
  items: number[] | null;
  options: (string | null)[] | null;
}
interface ScorePlanItem {
  examId: number;
  subjects: number[];
  rows: ScoreRow[];
}

interface PaperItem {
  position: number;
  label: string;
  fullMarks: number;
}
interface ExamSubjectInfo {
  id: number;
  name: string;
  fullMarks: number;
  scaled: boolean;
  items: PaperItem[];
}

const text = (key: string, header: string, headerEn: string, required = false): ColumnSpec => ({
  key,
  header,
  headerEn,
  type: 'text',
  required,
  maxLength: 40,
});

async function examOf(db: Db, auth: AuthContext, ctx: ImportContext) {
  const id = Number(ctx.param);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const exam = await db
    .selectFrom('exams')
    .select(['id', 'owner_school_id', 'school_ids', 'archived_at'])
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exam || exam.archived_at || !managesExam(auth, exam)) return null;
  return exam;
}

export async function examSubjectInfos(db: Db, countyId: number, examId: number): Promise<ExamSubjectInfo[]> {
  const subjects = await db
    .selectFrom('exam_subjects as es')
    .innerJoin('subjects as s', (j) => j.onRef('s.county_id', '=', 'es.county_id').onRef('s.id', '=', 'es.subject_id'))
    .select(['es.id', 's.name', 'es.full_marks', 'es.scaled'])
    .where('es.county_id', '=', countyId)
    .where('es.exam_id', '=', examId)
    .orderBy('es.sort')
    .orderBy('es.id')
    .execute();
  const items = subjects.length
    ? await db
        .selectFrom('exam_items')
        .select(['exam_subject_id', 'position', 'label', 'full_marks'])
        .where('county_id', '=', countyId)
        .where(
          'exam_subject_id',
          'in',
          subjects.map((s) => s.id),
        )
        .orderBy('exam_subject_id')
        .orderBy('position')
        .execute()
    : [];
  return subjects.map((s) => ({
    id: s.id,
    name: s.name,
    fullMarks: s.full_marks,
    scaled: s.scaled,
    items: items
      .filter((i) => i.exam_subject_id === s.id)
      .map((i) => ({ position: i.position, label: i.label, fullMarks: i.full_marks })),
  }));
}

/** The columns a score file of this exam may have (both layouts). */
export function scoreColumns(subjects: ExamSubjectInfo[]): ColumnSpec[] {
  const cols: ColumnSpec[] = [
    text('studentNo', '学籍号', 'Student No', true),
    text('name', '姓名', 'Name'),
    text('school', '学校', 'School'),
    text('class', '班级', 'Class'),
    text('sum', '总分', 'Total'),
    text('subject', '科目', 'Subject'),
    text('score', '成绩', 'Score'),
  ];
  const labels = new Set<string>();
  for (const s of subjects) {
    cols.push(text(`t:${s.id}`, s.name, `${s.name} score`));
    if (s.scaled) cols.push(text(`r:${s.id}`, `${s.name}原始分`, `${s.name} raw`));
    for (const it of s.items) {
      cols.push(text(`i:${s.id}:${it.position}`, `${s.name}-${it.label}`, `${s.name}_${it.label}`));
      cols.push(text(`o:${s.id}:${it.position}`, `${s.name}-${it.label}选项`, `${s.name}_${it.label} option`));
      labels.add(it.label);
    }
  }
  for (const label of labels) {
    cols.push(text(`l:${label}`, label, `Q${label}`));
    cols.push(text(`lo:${label}`, `${label}选项`, `Q${label} option`));
  }
  return cols;
}

/**
 * A score cell as readScoreCell reads it, with a fast path for the common case of a plain ASCII number ("12",
 * "2.5"), which readScoreCell would turn into the same value: a city-scale file has millions of such cells.
 */
const PLAIN_NUMBER = /^\d{1,15}(\.\d{1,15})?$/;
const BLANK: ScoreCell = { kind: 'blank' };
export function readScore(raw: string | undefined): ScoreCell {
  if (raw === undefined || raw === '') return BLANK;
  if (PLAIN_NUMBER.test(raw)) return { kind: 'value', value: Number(raw) };
  return readScoreCell(raw);
}

/** A chosen option as readOptionCell reads it, with a fast path for a blank cell or plain capital letters ("B"). */
const PLAIN_OPTION = /^[A-Z]{1,6}$/;
export function readOption(raw: string | undefined): string | null | undefined {
  if (raw === undefined || raw === '') return null;
  if (PLAIN_OPTION.test(raw)) return raw;
  return readOptionCell(raw);
}

/**
 * Where one subject's cells are in a row, worked out once per file (which columns a file has does not change from
 * row to row): the score column, the raw-score column, the item columns present and, when any option column is
 * present, the option column of every item.
 */
interface SubjectColumns {
  s: ExamSubjectInfo;
  total: string;
  raw: string | null;
  items: { it: PaperItem; key: string }[];
  options: string[] | null;
}

function subjectColumns(
  s: ExamSubjectInfo,
  keys: { total: string; raw: string; item: (it: PaperItem) => string; option: (it: PaperItem) => string },
  present: (key: string) => boolean,
): SubjectColumns {
  const options = s.items.map((it) => keys.option(it));
  return {
    s,
    total: keys.total,
    raw: s.scaled && present(keys.raw) ? keys.raw : null,
    items: s.items.map((it) => ({ it, key: keys.item(it) })).filter((c) => present(c.key)),
    options: options.some(present) ? options : null,
  };
}

/** One subject's cells of one row, read and checked. */
function readSubject(
  cols: SubjectColumns,
  cell: (key: string) => string | undefined,
  err: (column: string, message: string) => void,
): Omit<ScoreRow, 'examSubjectId' | 'studentId' | 'schoolId' | 'classId'> | null {
  const { s } = cols;
  const totalCell = readScore(cell(cols.total));
  // every present item cell read once
  const itemCells = cols.items.map((c) => readScore(cell(c.key)));
  let marker: ScoreMarker | null = totalCell.kind === 'marker' ? totalCell.status : null;
  if (!marker && itemCells.length > 0) {
    const first = itemCells[0];
    if (first.kind === 'marker') marker = first.status;
  }
  if (marker) return { status: marker, total: null, rawTotal: null, items: null, options: null };
  let ok = true;
  let items: number[] | null = null;
  let options: (string | null)[] | null = null;
  if (itemCells.length > 0) {
    const allBlank = itemCells.every((c) => c.kind === 'blank');
    if (!allBlank || totalCell.kind === 'blank') {
      items = s.items.map(() => 0);
      for (const [n, { it, key }] of cols.items.entries()) {
        const c = itemCells[n];
        if (c.kind === 'invalid' || c.kind === 'marker') {
          err(key, `“${c.kind === 'invalid' ? c.text : '缺考'}”不是分数`);
          ok = false;
        } else if (c.kind === 'value') {
          if (c.value < 0) {
            err(key, `小题分不能为负：${c.value}`);
            ok = false;
          } else if (c.value > it.fullMarks) {
            err(key, `小题分 ${c.value} 超过该题满分 ${it.fullMarks}`);
            ok = false;
          } else items[it.position - 1] = c.value;
        }
      }
      if (cols.options) {
        options = cols.options.map((key) => {
          const raw = cell(key);
          const o = readOption(raw);
          if (o === undefined) {
            err(key, `选项“${raw}”应为字母 A–Z`);
            ok = false;
            return null;
          }
          return o;
        });
      }
    }
  }
  let total: number | null = null;
  if (totalCell.kind === 'invalid') {
    err(cols.total, `“${totalCell.text}”不是分数（缺考、作弊、免考请照写）`);
    ok = false;
  } else if (totalCell.kind === 'value') {
    total = totalCell.value;
    if (total < 0) {
      err(cols.total, `分数不能为负：${total}`);
      ok = false;
    } else if (total > s.fullMarks) {
      err(cols.total, `分数 ${total} 超过满分 ${s.fullMarks}`);
      ok = false;
    }
  }
  if (items && ok) {
    const sum = Number(items.reduce((a, b) => a + b, 0).toPrecision(12));
    if (total === null) total = sum;
    else if (Math.abs(sum - total) > 1e-6) {
      err(cols.total, `小题分之和 ${sum} 与成绩 ${total} 不一致`);
      ok = false;
    }
    if (total > s.fullMarks) {
      err(cols.total, `小题分之和 ${total} 超过满分 ${s.fullMarks}`);
      ok = false;
    }
  }
  if (total === null && ok) {
    err(cols.total, '缺少成绩（缺考、作弊、免考请照写）');
    ok = false;
  }
  let rawTotal: number | null = null;
  if (cols.raw) {
    const raw = readScore(cell(cols.raw));
    if (raw.kind === 'value' && raw.value >= 0) rawTotal = raw.value;
    else if (raw.kind !== 'blank') {
      err(cols.raw, '原始分应为非负数');
      ok = false;
    }
  }
  return ok ? { status: 'sat', total, rawTotal, items, options } : null;
}

export const examScoresKind: ImportKind<ScorePlanItem> = {
  kind: 'exam-scores',
  label: { zh: '考试成绩', en: 'Exam scores' },
  sheetName: '成绩',
  columns: [],
  // (studentNo, subject): the long layout's key; in the wide layout 科目 is absent and plan() checks 学籍号 itself.
  keyColumns: ['studentNo', 'subject'],
  mayImport: examsPolicy.manageSome,

  async columnsFor(db, auth, ctx) {
    const exam = await examOf(db, auth, ctx);
    if (!exam) return '考试不存在，或您不能为该考试导入成绩';
    return scoreColumns(await examSubjectInfos(db, auth.user.countyId, exam.id));
  },

  async plan(db, auth, rows, progress, ctx) {
    const exam = await examOf(db, auth, ctx);
    const errors: RowError[] = [];
    if (!exam)
      return {
        items: [],
        errors: [{ row: 0, column: '', message: '考试不存在，或您不能为该考试导入成绩' }],
        summary: { create: 0, update: 0, unchanged: 0 },
      };
    const countyId = auth.user.countyId;
    const subjects = await examSubjectInfos(db, countyId, exam.id);
    const columns = scoreColumns(subjects);
    const headerOf = new Map(columns.map((c) => [c.key, c.header]));
    const presentKeys = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r.values)) presentKeys.add(k);
    const present = (k: string) => presentKeys.has(k);
    const long = present('subject');
    const byName = new Map(subjects.map((s) => [s.name, s]));
    const wideSubjects = subjects.filter(
      (s) => present(`t:${s.id}`) || s.items.some((it) => present(`i:${s.id}:${it.position}`)),
    );
    if (!long && wideSubjects.length === 0) {
      errors.push({
        row: 0,
        column: '',
        message: `文件中没有本次考试科目的成绩列（应有：${subjects.map((s) => s.name).join('、')}）`,
      });
      return { items: [], errors, summary: { create: 0, update: 0, unchanged: 0 } };
    }

    // Students by 学籍号 (case-insensitive), with their current placement.
    const numbers = [
      ...new Set(
        rows.map((r) =>
          String(r.values.studentNo ?? '')
            .trim()
            .toUpperCase(),
        ),
      ),
    ];
    const found = await db
      .selectFrom('students')
      .select(['id', 'student_no', 'school_id', 'class_id'])
      .where('county_id', '=', countyId)
      .where(sql<boolean>`upper(student_no) = ANY(${numbers}::text[])`)
      .execute();
    const students = new Map(found.map((s) => [s.student_no.toUpperCase(), s]));
    const participants = new Set(exam.school_ids);
    const allSchools = exam.owner_school_id == null && participants.size === 0;

    // each subject's columns, once per file (not per row)
    const longColumns = new Map(
      subjects.map((s) => [
        s.id,
        subjectColumns(
          s,
          { total: 'score', raw: `r:${s.id}`, item: (it) => `l:${it.label}`, option: (it) => `lo:${it.label}` },
          present,
        ),
      ]),
    );
    const wideColumns = wideSubjects.map((s) =>
      subjectColumns(
        s,
        {
          total: `t:${s.id}`,
          raw: `r:${s.id}`,
          item: (it) => `i:${s.id}:${it.position}`,
          option: (it) => `o:${s.id}:${it.position}`,
        },
        present,
      ),
    );

    const out: ScoreRow[] = [];
    const seen = new Map<string, number>();
    for (const [n, row] of rows.entries()) {
      if (n % 2000 === 0) await progress(n);
      const err = (column: string, message: string) =>
        errors.push({ row: row.rowNumber, column: headerOf.get(column) ?? column, message });
      const no = String(row.values.studentNo ?? '')
        .trim()
        .toUpperCase();
      const student = students.get(no);
      if (!student) {
        err('studentNo', `学籍号 ${no} 不存在`);
        continue;
      }
      if (student.school_id == null || (!allSchools && !participants.has(student.school_id))) {
        err('studentNo', `学生 ${no} 不在本次考试的参考学校`);
        continue;
      }
      const cell = (key: string) => {
        const v = row.values[key];
        return v == null ? undefined : String(v);
      };
      const targets: SubjectColumns[] = [];
      if (long) {
        const name = String(row.values.subject ?? '').trim();
        const s = byName.get(name);
        if (!s) {
          err('subject', name ? `科目“${name}”不在本次考试中` : '缺少科目');
          continue;
        }
        targets.push(longColumns.get(s.id)!);
      } else targets.push(...wideColumns);
      for (const cols of targets) {
        const { s } = cols;
        const dupKey = `${s.id}:${student.id}`;
        const first = seen.get(dupKey);
        if (first !== undefined) {
          err(long ? 'subject' : 'studentNo', `第 ${row.rowNumber} 行与第 ${first} 行重复：学籍号 ${no}，${s.name}`);
          continue;
        }
        seen.set(dupKey, row.rowNumber);
        const read = readSubject(cols, cell, err);
        if (read)
          out.push({
            examSubjectId: s.id,
            studentId: student.id,
            schoolId: student.school_id,
            classId: student.class_id,
            ...read,
          });
      }
    }
    const subjectIds = [...new Set(out.map((r) => r.examSubjectId))];
    const previous = subjectIds.length
      ? await db
          .selectFrom('exam_scores')
          .select(['exam_subject_id', 'student_id'])
          .where('county_id', '=', countyId)
          .where('exam_subject_id', 'in', subjectIds)
          .execute()
      : [];
    const had = new Set(previous.map((p) => `${p.exam_subject_id}:${p.student_id}`));
    const update = out.filter((r) => had.has(`${r.examSubjectId}:${r.studentId}`)).length;
    return {
      items: errors.length ? [] : [{ examId: exam.id, subjects: subjectIds, rows: out }],
      errors,
      summary: { create: out.length - update, update, unchanged: 0 },
    };
  },

  async apply(tx, auth, items, progress) {
    const countyId = auth.user.countyId;
    for (const plan of items) {
      await tx
        .deleteFrom('exam_scores')
        .where('county_id', '=', countyId)
        .where('exam_subject_id', 'in', plan.subjects)
        .execute();
      await insertScores(tx, countyId, plan.examId, plan.rows, progress);
      await requestAnalysis(tx, countyId, plan.examId);
    }
  },

  async exportRows() {
    return [];
  },
};

/** `{1,0,2.5}` / `{A,NULL,BD}`: array literals, so a chunk of rows goes in one INSERT … SELECT FROM unnest. */
const realArray = (a: number[] | null) => (a ? `{${a.join(',')}}` : null);
const textArray = (a: (string | null)[] | null) => (a ? `{${a.map((x) => x ?? 'NULL').join(',')}}` : null);

/** Bulk insert: 5,000 rows a statement, eleven array parameters each (options are letters only: no quoting). */
export async function insertScores(
  tx: Db,
  countyId: number,
  examId: number,
  rows: ScoreRow[],
  progress?: (n: number) => Promise<void>,
) {
  const CHUNK = 5000;
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    await sql`
      INSERT INTO exam_scores (county_id, exam_subject_id, student_id, exam_id, school_id, class_id, status, total, raw_total, items, options)
      SELECT ${countyId}, es, st, ${examId}, sc, cl, stt, tot, raw, it::real[], op::text[]
      FROM unnest(${chunk.map((r) => r.examSubjectId)}::bigint[], ${chunk.map((r) => r.studentId)}::bigint[],
        ${chunk.map((r) => r.schoolId)}::bigint[], ${chunk.map((r) => r.classId)}::bigint[], ${chunk.map((r) => r.status)}::text[],
        ${chunk.map((r) => r.total)}::real[], ${chunk.map((r) => r.rawTotal)}::real[],
        ${chunk.map((r) => realArray(r.items))}::text[], ${chunk.map((r) => textArray(r.options))}::text[])
        AS u(es, st, sc, cl, stt, tot, raw, it, op)`.execute(tx);
    await progress?.(from + chunk.length);
  }
}
