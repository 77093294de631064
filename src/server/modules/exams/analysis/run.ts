import { sql } from 'kysely';
import type { Db } from '../../../db/pool.js';
import { sourceDataChanged } from '../../indicators/values.js';
import type { ScoreStatus } from '../tables.js';
import { type ExamThresholds, examSetting } from '../thresholds.js';
import type { AnalysisInput, SubjectData } from './compute.js';
import { computeWithFullAnalysis } from './from-full.js';
import { type StoredRows, toStoredRows } from './stored-rows.js';
import { analyseInWorker } from './worker-pool.js';

/**
 * One analysis run: load the exam's columnar data, compute everything (analyzeExam via from-full.ts) in a worker
 * thread (worker-pool.ts: the main event loop keeps answering requests), replace the stored results in one
 * transaction once the worker has returned everything (a failed worker stores nothing). The students of the exam (应考) are those placed in the exam's grade of a participating school in the
 * term's school year, plus anyone with a score row; a student without a row for a subject counts as not sat there.
 */
export async function runAnalysis(db: Db, countyId: number, examId: number): Promise<boolean> {
  const input = await loadInput(db, countyId, examId);
  if (!input) return false;
  await storeAnalysis(db, countyId, examId, await analyseInWorker(input));
  return true;
}

/** The same run computed on the calling thread (blocks it: tests and comparisons only). */
export async function runAnalysisInProcess(db: Db, countyId: number, examId: number): Promise<boolean> {
  const input = await loadInput(db, countyId, examId);
  if (!input) return false;
  await storeAnalysis(db, countyId, examId, toStoredRows(computeWithFullAnalysis(input)));
  return true;
}

export async function loadInput(db: Db, countyId: number, examId: number): Promise<AnalysisInput | null> {
  const exam = await db
    .selectFrom('exams as e')
    .innerJoin('terms as t', (j) => j.onRef('t.county_id', '=', 'e.county_id').onRef('t.id', '=', 'e.term_id'))
    .select([
      'e.id',
      'e.grade_level',
      'e.school_ids',
      'e.owner_school_id',
      'e.thresholds',
      'e.prior_exam_id',
      'e.term_id',
      't.school_year_id',
    ])
    .where('e.county_id', '=', countyId)
    .where('e.id', '=', examId)
    .executeTakeFirst();
  if (!exam) return null;
  const participants = exam.owner_school_id ? [exam.owner_school_id] : exam.school_ids;
  const subjects = await db
    .selectFrom('exam_subjects as es')
    .innerJoin('subjects as s', (j) => j.onRef('s.county_id', '=', 'es.county_id').onRef('s.id', '=', 'es.subject_id'))
    .select(['es.id', 'es.subject_id', 's.name', 'es.full_marks', 'es.in_total', 'es.group_name'])
    .where('es.county_id', '=', countyId)
    .where('es.exam_id', '=', examId)
    .orderBy('es.sort')
    .orderBy('es.id')
    .execute();

  // 应考: placed students of the grade in participating schools, and everyone with a score row.
  const placed = await sql<{ student_id: number; school_id: number; class_id: number | null }>`
    SELECT st.id AS student_id, c.school_id, c.id AS class_id
    FROM students st JOIN classes c ON c.county_id = st.county_id AND c.id = st.class_id
    WHERE st.county_id = ${countyId} AND st.archived_at IS NULL AND st.status = 'active'
      AND c.school_year_id = ${exam.school_year_id} AND c.grade_level = ${exam.grade_level}
      AND (${participants.length === 0} OR c.school_id = ANY(${participants}::bigint[]))
    UNION
    SELECT DISTINCT ON (student_id) student_id, school_id, class_id FROM exam_scores
    WHERE county_id = ${countyId} AND exam_id = ${examId}`.execute(db);
  const byStudent = new Map<number, { school_id: number; class_id: number | null }>();
  for (const r of placed.rows) if (!byStudent.has(r.student_id)) byStudent.set(r.student_id, r);
  const studentIds = [...byStudent.keys()].sort((a, b) => a - b);
  const n = studentIds.length;
  const position = new Map(studentIds.map((id, i) => [id, i]));

  const schoolIds = [...new Set([...byStudent.values()].map((r) => r.school_id))].sort((a, b) => a - b);
  const schools = schoolIds.length
    ? await db
        .selectFrom('schools')
        .select(['id', 'region_id', 'location'])
        .where('county_id', '=', countyId)
        .where('id', 'in', schoolIds)
        .execute()
    : [];
  const regions = [...new Set(schools.map((s) => s.region_id))].sort((a, b) => a - b);
  const locations = ['urban', 'town', 'rural'];
  const schoolPos = new Map(schoolIds.map((id, i) => [id, i]));
  const schoolRows = schoolIds.map((id) => {
    const s = schools.find((x) => x.id === id)!;
    return { id, regionIdx: regions.indexOf(s.region_id), locationIdx: Math.max(0, locations.indexOf(s.location)) };
  });
  const classIds = [
    ...new Set([...byStudent.values()].map((r) => r.class_id).filter((c): c is number => c != null)),
  ].sort((a, b) => a - b);
  const classPos = new Map(classIds.map((id, i) => [id, i]));
  const classSchool = new Map(
    [...byStudent.values()].filter((r) => r.class_id != null).map((r) => [r.class_id as number, r.school_id]),
  );
  const schoolIdx = new Int32Array(n);
  const classIdx = new Int32Array(n);
  for (const [i, id] of studentIds.entries()) {
    const r = byStudent.get(id)!;
    schoolIdx[i] = schoolPos.get(r.school_id)!;
    classIdx[i] = r.class_id == null ? -1 : classPos.get(r.class_id)!;
  }

  const assignments = classIds.length
    ? await db
        .selectFrom('teaching_assignments')
        .select(['class_id', 'subject_id', 'staff_id'])
        .where('county_id', '=', countyId)
        .where('term_id', '=', exam.term_id)
        .where('class_id', 'in', classIds)
        .execute()
    : [];

  const subjectData: SubjectData[] = [];
  for (const s of subjects) {
    const items = await db
      .selectFrom('exam_items')
      .selectAll()
      .where('county_id', '=', countyId)
      .where('exam_subject_id', '=', s.id)
      .orderBy('position')
      .execute();
    const rows = await db
      .selectFrom('exam_scores')
      .select(['student_id', 'status', 'total', 'items', 'options'])
      .where('county_id', '=', countyId)
      .where('exam_subject_id', '=', s.id)
      .execute();
    const scores = new Float64Array(n).fill(Number.NaN);
    const status: ScoreStatus[] = new Array(n).fill('absent');
    const missing = new Set(studentIds.map((_, i) => i));
    const K = items.length;
    const matrix = K ? new Float64Array(n * K).fill(Number.NaN) : null;
    const options: ((string | null)[] | null)[] | null = K ? new Array(n).fill(null) : null;
    for (const r of rows) {
      const i = position.get(r.student_id);
      if (i === undefined) continue;
      missing.delete(i);
      status[i] = r.status;
      if (r.status === 'sat' && r.total != null) scores[i] = r.total;
      if (matrix && r.status === 'sat' && r.items && r.items.length === K) matrix.set(r.items, i * K);
      if (options && r.options) options[i] = r.options;
    }
    const st = status as (ScoreStatus | 'none')[];
    for (const i of missing) st[i] = 'none';
    const teachersByClass = new Map<number, number[]>();
    for (const a of assignments) {
      if (a.subject_id !== s.subject_id) continue;
      const c = classPos.get(a.class_id);
      if (c !== undefined) teachersByClass.set(c, [...(teachersByClass.get(c) ?? []), a.staff_id]);
    }
    subjectData.push({
      key: String(s.id),
      subjectId: s.subject_id,
      name: s.name,
      fullMarks: s.full_marks,
      inTotal: s.in_total,
      groupName: s.group_name,
      scores,
      status: st as ScoreStatus[],
      items: items.map((it) => ({
        label: it.label,
        fullMarks: it.full_marks,
        kind: it.kind,
        answerKey: it.answer_key,
        optionCount: it.option_count,
        knowledgePoint: it.knowledge_point,
        abilityLevel: it.ability_level,
      })),
      matrix,
      options,
      teachersByClass,
    });
  }

  return {
    studentIds,
    schoolIdx,
    classIdx,
    schools: schoolRows,
    classes: classIds.map((id) => ({ id, schoolIdx: schoolPos.get(classSchool.get(id)!)! })),
    regions,
    locations,
    countyId,
    subjects: subjectData,
    thresholds: exam.thresholds as ExamThresholds,
    composite: await examSetting(db, countyId, 'exams.compositeWeights'),
    prior: exam.prior_exam_id ? await priorScores(db, countyId, exam.prior_exam_id, position, subjectData) : null,
  };
}

/** The prior exam's scores of the same students, by subject id and 总分 (sum over its in-total subjects). */
async function priorScores(
  db: Db,
  countyId: number,
  priorId: number,
  position: Map<number, number>,
  subjects: SubjectData[],
): Promise<Map<string, Float64Array>> {
  const n = position.size;
  const rows = await db
    .selectFrom('exam_scores as sc')
    .innerJoin('exam_subjects as es', (j) =>
      j.onRef('es.county_id', '=', 'sc.county_id').onRef('es.id', '=', 'sc.exam_subject_id'),
    )
    .select(['sc.student_id', 'sc.status', 'sc.total', 'es.subject_id', 'es.in_total'])
    .where('sc.county_id', '=', countyId)
    .where('sc.exam_id', '=', priorId)
    .execute();
  const out = new Map<string, Float64Array>();
  const totals = new Float64Array(n);
  const counted = new Int32Array(n);
  const inTotalSubjects = new Set(rows.filter((r) => r.in_total).map((r) => r.subject_id));
  for (const s of subjects) out.set(String(s.subjectId), new Float64Array(n).fill(Number.NaN));
  for (const r of rows) {
    const i = position.get(r.student_id);
    if (i === undefined) continue;
    const ok = r.status === 'sat' && r.total != null;
    out.get(String(r.subject_id))?.set([ok ? (r.total as number) : Number.NaN], i);
    if (r.in_total && ok) {
      totals[i] += r.total as number;
      counted[i]++;
    }
  }
  for (let i = 0; i < n; i++) if (counted[i] !== inTotalSubjects.size) totals[i] = Number.NaN;
  out.set('total', totals);
  return out;
}

/** Replaces the stored results of the exam in one transaction (readers see the old or the new, never a mix). */
export async function storeAnalysis(db: Db, countyId: number, examId: number, rows: StoredRows): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const table of ['exam_unit_results', 'exam_student_results'] as const)
      await tx.deleteFrom(table).where('county_id', '=', countyId).where('exam_id', '=', examId).execute();
    for (const c of rows.units)
      await sql`INSERT INTO exam_unit_results (county_id, exam_id, unit_kind, unit_id, subject_key, school_id, n, stats)
        SELECT ${countyId}, ${examId}, k, u, sk, sc, n, st::jsonb
        FROM unnest(${c.kind}::text[], ${c.id}::bigint[], ${c.key}::text[], ${c.schoolId}::bigint[], ${c.n}::int[],
          ${c.stats}::text[]) AS x(k, u, sk, sc, n, st)`.execute(tx);
    for (const c of rows.students)
      await sql`INSERT INTO exam_student_results (county_id, exam_id, student_id, school_id, class_id, data)
        SELECT ${countyId}, ${examId}, st, sc, cl, d::jsonb
        FROM unnest(${c.studentId}::bigint[], ${c.schoolId}::bigint[], ${c.classId}::bigint[], ${c.data}::text[])
          AS x(st, sc, cl, d)`.execute(tx);
    const basis = rows.basis;
    await tx
      .insertInto('exam_analyses')
      .values({ county_id: countyId, exam_id: examId, basis })
      .onConflict((oc) => oc.columns(['county_id', 'exam_id']).doUpdateSet({ basis, computed_at: new Date() }))
      .execute();
    // Plans read exam rates through indicator sources: their cached values are now out of date.
    await sourceDataChanged(tx, countyId, 'exams');
  });
}
