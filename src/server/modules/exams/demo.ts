import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { requestAnalysis } from './analysis-queue.js';
import { insertScores, type ScoreRow } from './score-import.js';
import { examSetting } from './thresholds.js';

/**
 * The exams module's records in the demo county: a county-wide 期末 (or 期中, when the current term is the year's first)
 * for grade 6 and grade 9, with 语文/数学/英语 scores for every placed student of those grades and 数学 item scores
 * with chosen options (a 双向细目表 of 15 items), plus a grade-9 模拟 that measures value added against it. Scores are
 * drawn from a seeded generator (student ability + a school effect), so the county is the same every time. The exams
 * are queued for analysis: the worker computes them within seconds of `npm start`.
 */
export async function seedExamsDemo(db: Db, countyId: number): Promise<void> {
  const term = await sql<{ id: number; kind: string; school_year_id: number; end_date: string }>`
    SELECT t2.id, t2.kind, t2.school_year_id, to_char(t2.end_date, 'YYYY-MM-DD') AS end_date
    FROM terms t JOIN terms t2 ON t2.county_id = t.county_id AND t2.school_year_id = t.school_year_id
    WHERE t.county_id = ${countyId} AND t.is_current
    ORDER BY (t.kind = 'second' AND t2.kind = 'first') DESC, (t2.id = t.id) DESC LIMIT 1`.execute(db);
  const current = await db
    .selectFrom('terms')
    .select(['id', 'kind'])
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  const t = term.rows[0];
  if (!t || !current) return;
  const lastTermFinal = current.kind === 'second';
  const subjects = await db.selectFrom('subjects').select(['id', 'name']).where('county_id', '=', countyId).execute();
  const subjectId = (name: string) => subjects.find((s) => s.name === name)?.id;
  if (!subjectId('语文') || !subjectId('数学') || !subjectId('英语')) return;
  const thresholds = await examSetting(db, countyId, 'exams.thresholds');
  const grade9 = await seedExam(db, countyId, {
    name: `九年级${lastTermFinal ? '上学期期末' : '期中'}质量监测`,
    kind: lastTermFinal ? 'final' : 'midterm',
    termId: t.id,
    schoolYearId: t.school_year_id,
    grade: 9,
    date: t.end_date,
    full: 120,
    thresholds,
    subjectIds: [subjectId('语文')!, subjectId('数学')!, subjectId('英语')!],
    seed: 9,
    prior: null,
  });
  await seedExam(db, countyId, {
    name: `六年级${lastTermFinal ? '上学期期末' : '期中'}质量监测`,
    kind: lastTermFinal ? 'final' : 'midterm',
    termId: t.id,
    schoolYearId: t.school_year_id,
    grade: 6,
    date: t.end_date,
    full: 100,
    thresholds,
    subjectIds: [subjectId('语文')!, subjectId('数学')!, subjectId('英语')!],
    seed: 6,
    prior: null,
  });
  if (grade9)
    await seedExam(db, countyId, {
      name: '九年级第一次模拟考试',
      kind: 'mock',
      termId: current.id,
      schoolYearId: t.school_year_id,
      grade: 9,
      date: null,
      full: 120,
      thresholds,
      subjectIds: [subjectId('语文')!, subjectId('数学')!, subjectId('英语')!],
      seed: 19,
      prior: grade9,
    });
}

/** Mulberry32: a small seeded generator (deterministic demo data). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (r: () => number) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

const KNOWLEDGE = ['数与代数', '图形与几何', '统计与概率', '综合与实践'];
const ABILITY = ['了解', '理解', '掌握', '运用'];

async function seedExam(
  db: Db,
  countyId: number,
  o: {
    name: string;
    kind: 'final' | 'midterm' | 'mock';
    termId: number;
    schoolYearId: number;
    grade: number;
    date: string | null;
    full: number;
    thresholds: unknown;
    subjectIds: number[];
    seed: number;
    prior: number | null;
  },
): Promise<number | null> {
  const students = await sql<{ id: number; school_id: number; class_id: number }>`
    SELECT st.id, c.school_id, c.id AS class_id FROM students st
    JOIN classes c ON c.county_id = st.county_id AND c.id = st.class_id
    WHERE st.county_id = ${countyId} AND st.status = 'active' AND st.archived_at IS NULL
      AND c.school_year_id = ${o.schoolYearId} AND c.grade_level = ${o.grade}
    ORDER BY st.id`.execute(db);
  if (students.rows.length === 0) return null;
  const exam = await db
    .insertInto('exams')
    .values({
      county_id: countyId,
      name: o.name,
      kind: o.kind,
      term_id: o.termId,
      grade_level: o.grade,
      exam_date: o.date,
      owner_school_id: null,
      school_ids: [],
      thresholds: JSON.stringify(o.thresholds),
      prior_exam_id: o.prior,
      analysis_message: null,
      archived_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const subjectRows = [];
  for (const [sort, subjectId] of o.subjectIds.entries())
    subjectRows.push(
      await db
        .insertInto('exam_subjects')
        .values({
          county_id: countyId,
          exam_id: exam.id,
          subject_id: subjectId,
          full_marks: o.full,
          in_total: true,
          group_name: null,
          scaled: false,
          sort,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  // 数学 paper: 10 objective items of 3 points (4 options), then 5 subjective items sharing the rest.
  const math = subjectRows[1].id;
  const subjective = (o.full - 30) / 5;
  const items = Array.from({ length: 15 }, (_, j) => ({
    county_id: countyId,
    exam_subject_id: math,
    position: j + 1,
    label: String(j + 1),
    full_marks: j < 10 ? 3 : subjective,
    kind: (j < 10 ? 'objective' : 'subjective') as 'objective' | 'subjective',
    answer_key: j < 10 ? 'ABCD'[j % 4] : null,
    option_count: j < 10 ? 4 : null,
    knowledge_point: KNOWLEDGE[j % 4],
    ability_level: ABILITY[Math.floor(j / 4) % 4],
  }));
  await db.insertInto('exam_items').values(items).execute();
  const difficulty = items.map((_, j) => -1.2 + (j / 14) * 2.6);

  const r = rng(o.seed * 7919);
  const schoolEffect = new Map<number, number>();
  const rows: ScoreRow[] = [];
  for (const s of students.rows) {
    if (!schoolEffect.has(s.school_id)) schoolEffect.set(s.school_id, normal(rng(s.school_id * 7 + o.grade)) * 0.45);
    // the same student keeps their ability across exams (seeded by the student), plus this exam's noise
    const ability = normal(rng(s.id * 31 + o.grade)) + (schoolEffect.get(s.school_id) ?? 0) + normal(r) * 0.35;
    for (const [k, sub] of subjectRows.entries()) {
      const base = { examSubjectId: sub.id, studentId: s.id, schoolId: s.school_id, classId: s.class_id };
      const u = r();
      if (u < 0.012) {
        rows.push({
          ...base,
          status: u < 0.002 ? 'exempt' : 'absent',
          total: null,
          rawTotal: null,
          items: null,
          options: null,
        });
        continue;
      }
      if (sub.id !== math) {
        const rate = logistic(0.9 + ability * 1.1 + (k === 2 ? -0.2 : 0) + normal(r) * 0.3);
        rows.push({
          ...base,
          status: 'sat',
          total: Math.round(o.full * rate),
          rawTotal: null,
          items: null,
          options: null,
        });
        continue;
      }
      const scores: number[] = [];
      const options: (string | null)[] = [];
      for (const [j, it] of items.entries()) {
        const p = logistic(1.1 * (ability - difficulty[j]));
        if (it.kind === 'objective') {
          const right = r() < p;
          const wrong = 'ABCD'.replace(it.answer_key ?? '', '');
          options.push(right ? it.answer_key : r() < 0.03 ? null : wrong[Math.floor(r() * 3)]);
          scores.push(right ? 3 : 0);
        } else {
          options.push(null);
          scores.push(Math.max(0, Math.min(it.full_marks, Math.round(it.full_marks * (p + normal(r) * 0.12)))));
        }
      }
      rows.push({
        ...base,
        status: 'sat',
        total: scores.reduce((a, b) => a + b, 0),
        rawTotal: null,
        items: scores,
        options,
      });
    }
  }
  await insertScores(db, countyId, exam.id, rows);
  // Analysed by the exams worker right after start (a few seconds each), not here: first start stays quick.
  await requestAnalysis(db, countyId, exam.id);
  return exam.id;
}
