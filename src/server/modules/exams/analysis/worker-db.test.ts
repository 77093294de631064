import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OrgTestContext, setupOrgTest } from '../../org/test-context.js';
import { analyseNow, runImportInline, studentNumbers } from '../test-helpers.js';
import { runAnalysisInProcess } from './run.js';

/** A small exam of the fixture county analysed through the worker thread, against the same run in process. */
let t: OrgTestContext;
let examId: number;

beforeAll(async () => {
  t = await setupOrgTest();
  const s = [...t.fx.students.a31, ...t.fx.students.a32, ...t.fx.students.b31];
  const no = await studentNumbers(t.db, t.fx.countyId);
  const res = await t.as.countyAdmin.request('POST', '/api/v1/exams', {
    name: '三年级期末监测',
    kind: 'sampling',
    termId: t.fx.terms.current,
    gradeLevel: 3,
    schoolIds: [t.fx.schools.a, t.fx.schools.b],
    subjects: [
      { subjectId: t.fx.subjects.yuwen, fullMarks: 100 },
      { subjectId: t.fx.subjects.shuxue, fullMarks: 10 },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  examId = res.json().id;
  const paper = '科目,题号,满分,题型,答案\n数学,1,2,客观题,A\n数学,2,8,主观题,\n';
  expect((await runImportInline(t.app, t.fx, 'countyAdmin', `exam-paper:${examId}`, 'p.csv', paper)).status).toBe(
    'committed',
  );
  const marks = ['80,2,A,7', '70,0,B,6', '缺考,缺考,,', '90,2,A,8', '60,0,C,3', '50,2,A,2', '55,0,B,5'];
  const csv = ['学籍号,语文,数学-1,数学-1选项,数学-2', ...marks.map((m, i) => `${no.get(s[i])},${m}`)].join('\n');
  const job = await runImportInline(t.app, t.fx, 'countyAdmin', `exam-scores:${examId}`, 's.csv', csv);
  expect(job.status, JSON.stringify(job.errors)).toBe('committed');
}, 60_000);
afterAll(() => t.close());

async function stored() {
  const units = await t.db
    .selectFrom('exam_unit_results')
    .select(['unit_kind', 'unit_id', 'subject_key', 'school_id', 'n', 'stats'])
    .where('exam_id', '=', examId)
    .orderBy(['unit_kind', 'unit_id', 'subject_key'])
    .execute();
  const students = await t.db
    .selectFrom('exam_student_results')
    .select(['student_id', 'school_id', 'class_id', 'data'])
    .where('exam_id', '=', examId)
    .orderBy('student_id')
    .execute();
  const basis = await t.db.selectFrom('exam_analyses').select('basis').where('exam_id', '=', examId).execute();
  return { units, students, basis };
}

it('stores through the worker exactly what the in-process run stores', async () => {
  expect((await analyseNow(t.db, t.fx.countyId, examId)).analysis_status).toBe('done');
  const viaWorker = await stored();
  expect(viaWorker.students).toHaveLength(7);
  expect(viaWorker.units.length).toBeGreaterThan(10);
  expect(await runAnalysisInProcess(t.db, t.fx.countyId, examId)).toBe(true);
  expect(await stored()).toEqual(viaWorker);
}, 60_000);
