import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupSummaries, itemAnalysis, resolveCuts, sortedScores } from '../../../common/exams/index.js';
import { readDocx } from '../../platform/documents/read-docx.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { analyseNow, runImportInline, studentNumbers } from './test-helpers.js';
import { DEFAULT_EXAM_THRESHOLDS } from './thresholds.js';

/**
 * The worked example (fixture county, grade 3: a31 s1 s2 s3, a32 s4 s5 in school A; b31 s6 s7 in school B):
 * 数学 (full 10) = Q1 (2, objective, key A) + Q2 (8); 语文 (full 100), totals only. s3 is 缺考 in both.
 *   s1 9 (2A+7) 语文 80 · s2 6 (0B+6) 70 · s4 10 (2A+8) 90 · s5 3 (0C+3) 60 · s6 4 (2A+2) 50 · s7 5 (0B+5) 55
 * 数学 over the 6 who sat: mean 37/6; 优秀 ≥ 8.5 → 9, 10 (2/6); 及格 ≥ 6 → 9, 6, 10 (3/6); 低分 < 4 → 3 (1/6).
 * School A: 9 6 10 3 (应考 5, 实考 4) mean 7, 及格 3/4. School B: 4 5, mean 4.5, 及格 0.
 * 总分 (语文 + 数学): 89 76 100 63 54 60, mean 442/6.
 */
let t: OrgTestContext;
let examId: number;
let s: number[];
let no: Map<number, string>;
const API = '/api/v1/exams';

beforeAll(async () => {
  t = await setupOrgTest();
  s = [...t.fx.students.a31, ...t.fx.students.a32, ...t.fx.students.b31];
  no = await studentNumbers(t.db, t.fx.countyId);
  const res = await t.as.countyAdmin.request('POST', API, {
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
}, 60_000);
afterAll(() => t.close());

const paper =
  '科目,题号,满分,题型,答案,知识点,能力层级\n数学,1,2,客观题,A,数与代数,理解\n数学,2,8,主观题,,图形与几何,应用\n';
const scores = () =>
  [
    '学籍号,姓名,语文,数学-1,数学-1选项,数学-2',
    `${no.get(s[0])},甲,80,2,A,7`,
    `${no.get(s[1])},乙,70,0,B,6`,
    `${no.get(s[2])},丙,缺考,缺考,,`,
    `${no.get(s[3])},丁,９０,2,a,8`,
    `${no.get(s[4])},戊,60,0,C,3`,
    `${no.get(s[5])},己,50,2,A,2`,
    `${no.get(s[6])},庚,55,0,B,"5,0"`,
  ].join('\n');

describe('exam set-up and paper', () => {
  it('refuses a paper whose items do not add up to the full marks', async () => {
    const job = await runImportInline(
      t.app,
      t.fx,
      'countyAdmin',
      `exam-paper:${examId}`,
      'p.csv',
      '科目,题号,满分\n数学,1,2\n数学,2,7\n',
    );
    expect(job.status).toBe('invalid');
    expect(job.errors[0].message).toContain('各小题满分之和 9 与科目满分 10 不一致');
  });
  it('imports the paper', async () => {
    const job = await runImportInline(t.app, t.fx, 'countyAdmin', `exam-paper:${examId}`, 'p.csv', paper);
    expect(job.status, JSON.stringify(job.errors)).toBe('committed');
    const exam = (await t.as.countyAdmin.request('GET', `${API}/${examId}`)).json();
    expect(exam.subjects.map((x: { name: string; itemCount: number }) => [x.name, x.itemCount])).toEqual([
      ['语文', 0],
      ['数学', 2],
    ]);
  });
  it('lets only the exam managers import (a school principal cannot import a bureau exam)', async () => {
    const job = await runImportInline(t.app, t.fx, 'principalA', `exam-paper:${examId}`, 'p.csv', paper);
    expect(job.status).toBe('invalid');
    expect(job.errors[0].message).toContain('不能编辑该考试');
  });
});

describe('score import errors (dry run lists every one; nothing is written)', () => {
  const header = '学籍号,语文,数学-1,数学-2';
  const cases: [string, string, string][] = [
    ['above full marks', `${header}\nS,101,1,1`, '超过满分 100'],
    ['an item above its full marks', `${header}\nS,80,3,1`, '超过该题满分 2'],
    ['negative', `${header}\nS,-1,1,1`, '分数不能为负'],
    ['text that is no score', `${header}\nS,八十,1,1`, '不是分数'],
    ['unknown 学籍号', `${header}\nNOPE,80,1,1`, '学籍号 NOPE 不存在'],
  ];
  for (const [name, csv, message] of cases) {
    it(name, async () => {
      const job = await runImportInline(
        t.app,
        t.fx,
        'countyAdmin',
        `exam-scores:${examId}`,
        'x.csv',
        csv.replace('S,', `${no.get(s[0])},`),
      );
      expect(job.status).toBe('invalid');
      expect(job.errors.map((e) => e.message).join('|')).toContain(message);
    });
  }
  it('a student outside the participating schools', async () => {
    const job = await runImportInline(
      t.app,
      t.fx,
      'countyAdmin',
      `exam-scores:${examId}`,
      'x.csv',
      `${header}\n${no.get(t.fx.students.c71[0])},80,1,1`,
    );
    expect(job.errors[0].message).toContain('不在本次考试的参考学校');
  });
  it('a duplicate student', async () => {
    const job = await runImportInline(
      t.app,
      t.fx,
      'countyAdmin',
      `exam-scores:${examId}`,
      'x.csv',
      `${header}\n${no.get(s[0])},80,1,1\n${no.get(s[0])},81,1,1`,
    );
    expect(job.errors[0]).toMatchObject({ row: 3, message: expect.stringContaining('与第 2 行重复') });
  });
  it('items that do not add up to the score (long layout)', async () => {
    const job = await runImportInline(
      t.app,
      t.fx,
      'countyAdmin',
      `exam-scores:${examId}`,
      'x.csv',
      `学籍号,科目,成绩,1,2\n${no.get(s[0])},数学,9,2,6`,
    );
    expect(job.errors[0]).toMatchObject({ column: '成绩', message: '小题分之和 8 与成绩 9 不一致' });
  });
  it('all-or-nothing: one bad row among good ones writes nothing', async () => {
    const job = await runImportInline(
      t.app,
      t.fx,
      'countyAdmin',
      `exam-scores:${examId}`,
      'x.csv',
      `${scores()}\nNOPE,1,1,A,1`,
    );
    expect(job.status).toBe('invalid');
    const n = await t.db
      .selectFrom('exam_scores')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('exam_id', '=', examId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});

describe('the stored analysis against the engine', () => {
  it('imports the scores, marks the exam for analysis and audits the import', async () => {
    const job = await runImportInline(t.app, t.fx, 'countyAdmin', `exam-scores:${examId}`, 'scores.csv', scores());
    expect(job.status, JSON.stringify(job.errors)).toBe('committed');
    expect(job.summary).toEqual({ create: 14, update: 0, unchanged: 0 });
    const exam = await t.db
      .selectFrom('exams')
      .select(['analysis_status', 'stale'])
      .where('id', '=', examId)
      .executeTakeFirstOrThrow();
    expect(exam).toEqual({ analysis_status: 'queued', stale: true });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', `exam-scores:${examId}`)
      .execute();
    expect(audit).toHaveLength(1);
    expect((await analyseNow(t.db, t.fx.countyId, examId)).analysis_status).toBe('done');
  });

  it('county and school rows of 数学 match the hand-worked values and the engine', async () => {
    const exam = (await t.as.countyAdmin.request('GET', `${API}/${examId}`)).json();
    const math = exam.subjects.find((x: { name: string }) => x.name === '数学').id;
    const county = (
      await t.as.countyAdmin.request('GET', `${API}/${examId}/results?unitKind=county&key=${math}`)
    ).json();
    const c = county.items[0].stats;
    expect([c.expected, c.n, c.absent, c.absentCount]).toEqual([7, 6, 1, 1]);
    expect(c.mean).toBeCloseTo(37 / 6, 12);
    expect([c.excellentRate, c.passRate, c.lowRate]).toEqual([2 / 6, 3 / 6, 1 / 6]);
    // the engine on the same arrays (NaN = did not sit)
    const x = Float64Array.from([9, 6, Number.NaN, 10, 3, 4, 5]);
    const cuts = resolveCuts(DEFAULT_EXAM_THRESHOLDS.rates, 10, sortedScores(x));
    const engine = groupSummaries(x, Int32Array.from([0, 0, 0, 0, 0, 1, 1]), 2, 10, cuts);
    // (school A's own principal: a one-school view, so no small-group suppression)
    const schools = (
      await t.as.principalA.request('GET', `${API}/${examId}/results?unitKind=school&key=${math}`)
    ).json();
    const a = schools.items.find((r: { unitId: number }) => r.unitId === t.fx.schools.a);
    expect(a.stats.mean).toBe(7);
    expect(a.stats.sd).toBeCloseTo(engine[0].sd as number, 12);
    expect(a.stats.passRate).toBe(0.75);
    expect([a.stats.expected, a.stats.n]).toEqual([5, 4]);
    // items: P and α from itemAnalysis of the 6 × 2 matrix
    const m = itemAnalysis(Float64Array.from([2, 7, 0, 6, 2, 8, 0, 3, 2, 2, 0, 5]), 6, [2, 8]);
    expect(c.paper.alpha).toBeCloseTo(m.alpha as number, 12);
    expect(c.paper.items.map((i: { difficulty: number }) => i.difficulty)).toEqual(m.items.map((i) => i.difficulty));
    // option shares of Q1 county-wide: A 3/6, B 2/6, C 1/6, D 0, blank 0
    expect(c.items[0].options).toEqual([3 / 6, 2 / 6, 1 / 6, 0, 0]);
    expect(county.basis.keys[math].cuts).toEqual({ excellent: 8.5, good: 7, pass: 6, low: 4 });
  });

  it('总分 sums the subjects of students who sat both', async () => {
    const county = (await t.as.countyAdmin.request('GET', `${API}/${examId}/results?unitKind=county&key=total`)).json();
    expect(county.items[0].stats.mean).toBeCloseTo(442 / 6, 12);
    expect(county.items[0].stats.n).toBe(6);
  });

  it('re-importing a subject replaces it', async () => {
    const csv = `学籍号,科目,成绩\n${no.get(s[0])},语文,81`;
    const job = await runImportInline(t.app, t.fx, 'countyAdmin', `exam-scores:${examId}`, 'again.csv', csv);
    expect(job.status, JSON.stringify(job.errors)).toBe('committed');
    expect(job.summary).toEqual({ create: 0, update: 1, unchanged: 0 });
    const rows = await t.db
      .selectFrom('exam_scores as sc')
      .innerJoin('exam_subjects as es', 'es.id', 'sc.exam_subject_id')
      .select(['sc.total'])
      .where('sc.exam_id', '=', examId)
      .where('es.subject_id', '=', t.fx.subjects.yuwen)
      .execute();
    expect(rows).toEqual([{ total: 81 }]);
    // put the full file back for the next tests
    await runImportInline(t.app, t.fx, 'countyAdmin', `exam-scores:${examId}`, 'scores.csv', scores());
    await analyseNow(t.db, t.fx.countyId, examId);
  });
});

describe('exam list', () => {
  it('lists the exam with its subjects, students and analysis state; principalB (not taking part) does not see it', async () => {
    const res = await t.as.countyAdmin.request('GET', API);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({
      id: examId,
      subjectNames: ['语文', '数学'],
      students: 7,
      analysisStatus: 'done',
    });
    const other = await t.as.principalB.request('GET', API);
    expect(other.json().items.map((e: { id: number }) => e.id)).toEqual([examId]); // B takes part
  });
});

describe('scope and privacy', () => {
  it('suppresses schools under 5 students who sat in the county list; a school sees its own row', async () => {
    const all = (await t.as.countyAdmin.request('GET', `${API}/${examId}/results?unitKind=school`)).json();
    const b = all.items.find((r: { unitId: number }) => r.unitId === t.fx.schools.b);
    expect(b.suppressed).toBe(true);
    expect(b.stats.mean).toBeUndefined();
    expect(b.stats.expected).toBe(2);
    expect(all.items.find((r: { unitId: number }) => r.unitId === t.fx.schools.a).suppressed).toBe(true); // 4 sat
    const own = (await t.as.principalB.request('GET', `${API}/${examId}/results?unitKind=school`)).json();
    expect(own.items.map((r: { unitId: number }) => r.unitId)).toEqual([t.fx.schools.b]);
    expect(own.items[0].suppressed).toBe(false);
  });

  it('a 学区 leader sees only the schools of the 学区', async () => {
    const res = (await t.as.districtLeader.request('GET', `${API}/${examId}/results?unitKind=school`)).json();
    expect(res.items.map((r: { unitId: number }) => r.unitId)).toEqual([t.fx.schools.a]);
  });

  it('a teacher sees the students of their classes only, without ranks in grades 1–9', async () => {
    const raw = await t.as.teacherA.request('GET', `${API}/${examId}/students?key=total`);
    expect(raw.statusCode, raw.body).toBe(200);
    const res = raw.json();
    expect(res.items.map((r: { studentId: number }) => r.studentId).sort()).toEqual([...t.fx.students.a32].sort());
    expect(res.ranksVisible).toBe(false);
    expect(res.items[0].result.rk).toBeUndefined();
    expect(res.items[0].result.g).toBeDefined();
  });

  it('the bureau sees ranks (county setting) and every student', async () => {
    const res = (await t.as.countyAdmin.request('GET', `${API}/${examId}/students?key=total`)).json();
    expect(res.total).toBe(7);
    expect(res.ranksVisible).toBe(true);
    expect(res.items[0]).toMatchObject({ studentId: s[3], result: { s: 100, rk: 1 } });
  });

  it('drill-down by the same cut: 及格 students of 数学 in school A', async () => {
    const exam = (await t.as.countyAdmin.request('GET', `${API}/${examId}`)).json();
    const math = exam.subjects.find((x: { name: string }) => x.name === '数学').id;
    const res = (
      await t.as.countyAdmin.request(
        'GET',
        `${API}/${examId}/students?key=${math}&schoolId=${t.fx.schools.a}&filter=pass`,
      )
    ).json();
    expect(res.items.map((r: { result: { s: number } }) => r.result.s)).toEqual([10, 9, 6]);
  });

  it('a student report is refused outside the scope', async () => {
    const refused = await t.as.principalB.request('GET', `${API}/${examId}/students/${s[0]}`);
    expect(refused.statusCode, refused.body).toBe(403);
    const own = (await t.as.headTeacherA.request('GET', `${API}/${examId}/students/${s[0]}`)).json();
    expect(
      own.subjects.find((x: { name: string }) => x.name === '数学').items.map((i: { score: number }) => i.score),
    ).toEqual([2, 7]);
    expect(own.results.total.rk).toBeUndefined();
  });

  it('the Excel export of the county overview', async () => {
    const res = await t.as.countyAdmin.request('GET', `${API}/${examId}/export?view=units&unitKind=school&key=total`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });

  it('the Word 质量分析报告: the county for the bureau, a school for its own staff', async () => {
    const county = await t.as.countyAdmin.request('GET', `${API}/${examId}/report`);
    expect(county.statusCode, county.body).toBe(200);
    const text = (await readDocx(county.rawPayload)).text;
    expect(text).toContain('三年级期末监测质量分析报告');
    expect(text).toContain('人数不足，不公开'); // both schools have fewer than 5 who sat
    expect((await t.as.principalA.request('GET', `${API}/${examId}/report`)).statusCode).toBe(403);
    const own = await t.as.principalA.request('GET', `${API}/${examId}/report?schoolId=${t.fx.schools.a}`);
    expect(own.statusCode, own.body).toBe(200);
    expect((await readDocx(own.rawPayload)).text).toContain('三年级(1)班');
    expect(
      (await t.as.principalB.request('GET', `${API}/${examId}/report?schoolId=${t.fx.schools.a}`)).statusCode,
    ).toBe(403);
  });

  it('rank visibility is county data: turned on for teachers, the teacher sees ranks; only the county admin sets it', async () => {
    const settings = (await t.as.countyAdmin.request('GET', `${API}/settings`)).json();
    const on = {
      ...settings,
      privacy: {
        ...settings.privacy,
        ranks: { ...settings.privacy.ranks, teacher: { compulsory: true, senior: true } },
      },
    };
    expect((await t.as.principalA.request('PUT', `${API}/settings`, on)).statusCode).toBe(403);
    expect((await t.as.countyAdmin.request('PUT', `${API}/settings`, on)).statusCode).toBe(200);
    const res = (await t.as.teacherA.request('GET', `${API}/${examId}/students?key=total`)).json();
    expect(res.ranksVisible).toBe(true);
    expect(res.items[0].result.rk).toBeGreaterThan(0);
    await t.as.countyAdmin.request('PUT', `${API}/settings`, settings);
  });
});
