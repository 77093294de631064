import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IndicatorQuery, indicatorSource } from '../indicators/sources.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { registerExamIndicatorSources } from './indicator-sources.js';
import { analyseNow, runImportInline, studentNumbers } from './test-helpers.js';
import { DEFAULT_EXAM_THRESHOLDS } from './thresholds.js';

/**
 * The exams indicator sources against hand-counted values. A 抽测 of grade 3, 语文 only (full 100), default rates
 * (优秀 ≥ 85, 及格 ≥ 60, 低分 < 40) and 高分段 = the county's top 2 (topN 2). Fixture students: a31 s1 s2 s3 and
 * a32 s4 s5 in school A, b31 s6 s7 in school B; s3 is 缺考.
 *   A: s1 80, s2 70, s4 90, s5 60 (实考 4) → 及格 4/4, 优秀 1/4 (90), 低分 0/4, mean 300/4 = 75
 *   B: s6 50, s7 35 (实考 2)            → 及格 0/2, 优秀 0/2, 低分 1/2 (35), mean 85/2 = 42.5
 *   county: 6 sat → 及格 4/6, 优秀 1/6, 低分 1/6, mean 385/6; top-2 cut = 80 (90, 80) → A has 2 at or above, B 0
 *   class a31: s1 80, s2 70 → mean 75, 及格 2/2
 */
let t: OrgTestContext;
let examId: number;

beforeAll(async () => {
  t = await setupOrgTest();
  registerExamIndicatorSources();
  const s = [...t.fx.students.a31, ...t.fx.students.a32, ...t.fx.students.b31];
  const no = await studentNumbers(t.db, t.fx.countyId);
  const res = await t.as.countyAdmin.request('POST', '/api/v1/exams', {
    name: '三年级语文抽测（指标来源）',
    kind: 'sampling',
    termId: t.fx.terms.current,
    gradeLevel: 3,
    schoolIds: [t.fx.schools.a, t.fx.schools.b],
    subjects: [{ subjectId: t.fx.subjects.yuwen, fullMarks: 100 }],
    thresholds: { ...DEFAULT_EXAM_THRESHOLDS, topN: 2 },
  });
  expect(res.statusCode, res.body).toBe(200);
  examId = res.json().id;
  const scores = [80, 70, '缺考', 90, 60, 50, 35];
  const csv = ['学籍号,语文', ...s.map((id, i) => `${no.get(id)},${scores[i]}`)].join('\n');
  const job = await runImportInline(t.app, t.fx, 'countyAdmin', `exam-scores:${examId}`, 's.csv', csv);
  expect(job.status, JSON.stringify(job.errors)).toBe('committed');
  expect((await analyseNow(t.db, t.fx.countyId, examId)).analysis_status).toBe('done');
}, 60_000);
afterAll(() => t.close());

function query(unit: IndicatorQuery['unit'], params: Record<string, unknown> = {}): IndicatorQuery {
  return {
    countyId: t.fx.countyId,
    unit,
    period: { from: '2000-01-01', to: '2100-12-31', termId: t.fx.terms.current },
    params: { examKind: 'sampling', gradeLevel: 3, ...params },
  };
}

async function value(key: string, q: IndicatorQuery) {
  const source = indicatorSource(`exams.${key}`);
  if (!source) throw new Error(`exams.${key} is not registered`);
  return source.compute(t.db, q);
}

describe('exams indicator sources', () => {
  it('school A: pass 4/4, excellent 1/4, low 0, mean 75, two in the county top 2', async () => {
    const a = query({ level: 'school', id: t.fx.schools.a });
    expect((await value('passRate', a)).value).toBe(1);
    expect((await value('excellentRate', a)).value).toBeCloseTo(1 / 4, 10);
    expect((await value('lowRate', a)).value).toBe(0);
    expect((await value('meanScore', a)).value).toBeCloseTo(75, 10);
    expect((await value('highScoreCount', a)).value).toBe(2);
    const pass = await value('passRate', a);
    expect(pass.n).toBe(4);
    expect(pass.ref).toBe(`考试 ${examId}：三年级语文抽测（指标来源）`);
  });

  it('school B: pass 0, low 1/2, mean 42.5, none in the top 2', async () => {
    const b = query({ level: 'school', id: t.fx.schools.b });
    expect((await value('passRate', b)).value).toBe(0);
    expect((await value('excellentRate', b)).value).toBe(0);
    expect((await value('lowRate', b)).value).toBeCloseTo(1 / 2, 10);
    expect((await value('meanScore', b)).value).toBeCloseTo(42.5, 10);
    expect((await value('highScoreCount', b)).value).toBe(0);
  });

  it('the county: pass 4/6, excellent 1/6, low 1/6, mean 385/6 over the 6 who sat', async () => {
    const c = query({ level: 'county', id: t.fx.countyId });
    expect((await value('passRate', c)).value).toBeCloseTo(4 / 6, 10);
    expect((await value('excellentRate', c)).value).toBeCloseTo(1 / 6, 10);
    expect((await value('lowRate', c)).value).toBeCloseTo(1 / 6, 10);
    expect((await value('meanScore', c)).value).toBeCloseTo(385 / 6, 10);
    expect((await value('passRate', c)).n).toBe(6);
  });

  it('a class (a31, s3 absent): mean 75, pass 2/2; the subject row equals the 总分 of a one-subject exam', async () => {
    const cls = query({ level: 'class', id: t.fx.classes.a31 });
    expect((await value('meanScore', cls)).value).toBeCloseTo(75, 10);
    expect((await value('passRate', cls)).value).toBe(1);
    const bySubject = query({ level: 'class', id: t.fx.classes.a31 }, { subjectId: t.fx.subjects.yuwen });
    expect((await value('meanScore', bySubject)).value).toBeCloseTo(75, 10);
  });

  it('no value (null, not 0) when nothing matches: another kind, grade, subject or period', async () => {
    const a = { level: 'school' as const, id: t.fx.schools.a };
    expect((await value('passRate', query(a, { examKind: 'final' }))).value).toBeNull();
    expect((await value('passRate', query(a, { gradeLevel: 4 }))).value).toBeNull();
    expect((await value('passRate', query(a, { subjectId: t.fx.subjects.shuxue }))).value).toBeNull();
    const otherTerm = { ...query(a), period: { from: '2000-01-01', to: '2000-12-31' } };
    expect((await value('passRate', otherTerm)).value).toBeNull();
  });

  it('refuses params that cannot match an exam', () => {
    const check = indicatorSource('exams.passRate')?.checkParams;
    expect(check?.({ gradeLevel: 13 })).toBe('年级须为 1–12');
    expect(check?.({ gradeLevel: 6, examKind: '期末' })).toBe('考试类型无效');
    expect(check?.({ gradeLevel: 6 })).toBeNull();
  });
});
