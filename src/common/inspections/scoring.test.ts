import { describe, expect, it } from 'vitest';
import { type Answers, gradeOf, proposedFindings, scoreSheet, submitSheet } from './scoring.js';
import { type Criterion, DEFAULT_GRADE_BANDS, type Template, validateTemplate } from './template.js';

const LEVELS = {
  kind: 'levels' as const,
  levels: [
    { code: 'A', label: '优', points: 10 },
    { code: 'B', label: '良', points: 8 },
    { code: 'C', label: '中', points: 6 },
    { code: 'D', label: '差', points: 3, fails: true },
  ],
};

/**
 * Weighted-mean template, 100 points:
 *   A1 办学条件 (weight 3): A1.1 points /10; A1.2 生师比 ≤ 19 (threshold, max 5)
 *   A2 教学常规 (weight 2): A2.1 levels 优10/良8/中6/差3 (weight 2); A2.2 达标/不达标 (max 1)
 *   N  备注 (text)
 */
const weighted: Template = {
  id: 'w',
  version: 1,
  status: 'draft',
  title: '加权模板',
  levelNames: ['一级指标', '评估标准'],
  aggregation: 'weightedMean',
  maxScore: 100,
  grades: DEFAULT_GRADE_BANDS,
  criteria: [
    {
      code: 'A1',
      title: '办学条件',
      weight: 3,
      children: [
        { code: 'A1.1', title: '校舍', scoring: { kind: 'points', max: 10 } },
        {
          code: 'A1.2',
          title: '生师比',
          scoring: { kind: 'threshold', max: 5, threshold: 19, direction: 'atMost' },
        },
      ],
    },
    {
      code: 'A2',
      title: '教学常规',
      weight: 2,
      children: [
        { code: 'A2.1', title: '课堂', weight: 2, scoring: LEVELS },
        { code: 'A2.2', title: '课程开齐', scoring: { kind: 'passFail', max: 1 } },
      ],
    },
    { code: 'N', title: '备注', scoring: { kind: 'text' } },
  ],
};

/** 六认真 (seed-002 Q15; seed-000 W5 L71/L335), plain sum of points out of 100. */
const liuRenZhen: Criterion[] = [
  { code: 'BK', title: '备课', scoring: { kind: 'points', max: 20 } },
  {
    code: 'SK',
    title: '上课',
    scoring: {
      kind: 'levels',
      levels: [
        { code: 'A', label: 'A', points: 25 },
        { code: 'B', label: 'B', points: 20 },
        { code: 'C', label: 'C', points: 15 },
        { code: 'D', label: 'D', points: 10 },
      ],
    },
  },
  { code: 'ZY', title: '作业', scoring: { kind: 'points', max: 20 }, evidenceRequired: true },
  { code: 'FD', title: '辅导', scoring: { kind: 'points', max: 10 } },
  { code: 'KS', title: '考试', scoring: { kind: 'passFail', max: 15 } },
  { code: 'FS', title: '反思', scoring: { kind: 'points', max: 10 } },
];
const summed: Template = { ...weighted, id: 's', aggregation: 'sum', criteria: liuRenZhen, levelNames: ['项目'] };

const full: Answers = {
  BK: { points: 18 },
  SK: { level: 'B' },
  ZY: { points: 17.5, evidence: ['photo-1'] },
  FD: { points: 9 },
  KS: { pass: true },
  FS: { points: 6 },
};

describe('scoreSheet — weighted mean', () => {
  const answers: Answers = {
    'A1.1': { points: 8 },
    'A1.2': { value: 19 },
    'A2.1': { level: 'B' },
    'A2.2': { pass: false },
    N: { text: '整体良好' },
  };

  it('is a valid template', () => {
    expect(validateTemplate(weighted)).toEqual([]);
  });

  it('works the example by hand', () => {
    // A1: r = (0.8 + 1)/2 = 0.9 (19 ≤ 19 meets the line); share 100·3/5 = 60 → 54. A1.1 share 30 → 24; A1.2 → 30.
    // A2: r = (2·0.8 + 1·0)/3 = 0.5333…; share 40 → 21.333…; A2.1 share 26.667 → 21.333…; A2.2 share 13.333 → 0.
    // total 75.333… → 合格 (60 ≤ t < 80).
    const r = scoreSheet(weighted, answers);
    expect(r.nodes.A1).toMatchObject({ score: 54, max: 60, ratio: 0.9 });
    expect(r.nodes['A1.1']).toMatchObject({ score: 24, max: 30, ratio: 0.8 });
    expect(r.nodes['A1.2']).toMatchObject({ score: 30, max: 30, ratio: 1 });
    expect(r.nodes.A2.score).toBeCloseTo(64 / 3, 9);
    expect(r.nodes['A2.1'].score).toBeCloseTo(64 / 3, 9);
    expect(r.nodes['A2.2']).toMatchObject({ score: 0, failed: true });
    expect(r.nodes.N).toMatchObject({ score: null, max: 0, answered: true });
    expect(r.total).toBeCloseTo(54 + 64 / 3, 9);
    expect(r.max).toBe(100);
    expect(r.grade).toBe('合格');
    expect(r.completeness.complete).toBe(true);
  });

  it('threshold direction: 19.5 misses ≤ 19; atLeast meets at the line', () => {
    const r = scoreSheet(weighted, { ...answers, 'A1.2': { value: 19.5 } });
    expect(r.nodes['A1.2']).toMatchObject({ score: 0, failed: true });
    expect(r.nodes.A1.score).toBe(24); // r = (0.8 + 0)/2 = 0.4 → 0.4·60
    const atLeast: Template = {
      ...weighted,
      criteria: [
        { code: 'X', title: 'X', scoring: { kind: 'threshold', max: 5, threshold: 85, direction: 'atLeast' } },
      ],
    };
    expect(scoreSheet(atLeast, { X: { value: 85 } }).total).toBe(100);
    expect(scoreSheet(atLeast, { X: { value: 84.9 } }).total).toBe(0);
  });

  it('an optional unanswered leaf is 不适用: it leaves the mean and the shares renormalise', () => {
    const t: Template = {
      ...weighted,
      criteria: [
        { code: 'P', title: 'P', scoring: { kind: 'points', max: 10 } },
        { code: 'Q', title: 'Q', scoring: { kind: 'points', max: 10 }, required: false },
      ],
    };
    const r = scoreSheet(t, { P: { points: 5 } });
    expect(r.total).toBe(50); // only P counts: 0.5 × 100
    expect(r.nodes.P.max).toBe(100);
    expect(r.nodes.Q).toMatchObject({ score: null, max: 0 });
    expect(r.completeness.complete).toBe(true);
  });

  it('a criterion for another school type is left out', () => {
    const t: Template = {
      ...weighted,
      criteria: [
        { code: 'P', title: 'P', scoring: { kind: 'points', max: 10 } },
        { code: 'J', title: '初中专项', scoring: { kind: 'points', max: 10 }, schoolTypes: ['初中'] },
      ],
    };
    const primary = scoreSheet(t, { P: { points: 7 } }, '小学');
    expect(primary.total).toBe(70);
    expect(primary.nodes.J).toBeUndefined();
    expect(primary.completeness.complete).toBe(true);
    const junior = scoreSheet(t, { P: { points: 7 } }, '初中');
    expect(junior.total).toBe(35); // J required, blank → 0: (0.7 + 0)/2 × 100
    expect(junior.completeness.unanswered).toEqual(['J']);
  });
});

describe('scoreSheet — sum of points (六认真)', () => {
  it('adds points: 18 + 20 + 17.5 + 9 + 15 + 6 = 85.5 → 良好', () => {
    expect(validateTemplate(summed)).toEqual([]);
    const r = scoreSheet(summed, full);
    expect(r.total).toBe(85.5);
    expect(r.max).toBe(100);
    expect(r.grade).toBe('良好');
    expect(r.nodes.SK).toMatchObject({ score: 20, max: 25, ratio: 0.8 });
  });

  it('weights multiply under sum: 2×7 + 1×5 = 19 of 2×10 + 1×5 = 25', () => {
    const t: Template = {
      ...summed,
      maxScore: 25,
      criteria: [
        {
          code: 'X',
          title: 'X',
          children: [
            { code: 'p', title: 'p', weight: 2, scoring: { kind: 'points', max: 10 } },
            { code: 'q', title: 'q', scoring: { kind: 'points', max: 5 } },
          ],
        },
      ],
    };
    expect(validateTemplate(t)).toEqual([]);
    const r = scoreSheet(t, { p: { points: 7 }, q: { points: 5 } });
    expect(r.nodes.X).toMatchObject({ score: 19, max: 25 });
    expect(r.total).toBe(19);
  });
});

describe('grade bands', () => {
  it('a total exactly on a band boundary earns that band', () => {
    expect(gradeOf(DEFAULT_GRADE_BANDS, 90)).toBe('优秀');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 89.5)).toBe('良好');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 80)).toBe('良好');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 60)).toBe('合格');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 59.5)).toBe('不合格');
    expect(gradeOf(DEFAULT_GRADE_BANDS, 0)).toBe('不合格');
    expect(gradeOf(DEFAULT_GRADE_BANDS, null)).toBeNull();
  });

  it('through the sheet: 六认真 at exactly 90 is 优秀, at 89.5 良好', () => {
    expect(
      scoreSheet(summed, { ...full, FS: { points: 10 }, BK: { points: 20 }, ZY: { points: 20, evidence: ['p'] } })
        .grade,
    ).toBe('优秀'); // 20 + 20 + 20 + 9 + 15 + 10 = 94
    const at90 = scoreSheet(summed, { ...full, BK: { points: 20 }, FS: { points: 8.5 } }); // 20+20+17.5+9+15+8.5
    expect(at90.total).toBe(90);
    expect(at90.grade).toBe('优秀');
    const below = scoreSheet(summed, { ...full, BK: { points: 20 }, FS: { points: 8 } });
    expect(below.total).toBe(89.5);
    expect(below.grade).toBe('良好');
  });
});

describe('veto (一票否决)', () => {
  const withVeto = (effect: { effect: 'fail' } | { effect: 'cap'; cap: number }): Template => ({
    ...summed,
    maxScore: 110,
    criteria: [...liuRenZhen, { code: 'AQ', title: '安全', scoring: { kind: 'passFail', max: 10 }, veto: effect }],
  });

  it('a passed veto item changes nothing: 85.5 + 10 = 95.5 → 优秀', () => {
    const r = scoreSheet(withVeto({ effect: 'fail' }), { ...full, AQ: { pass: true } });
    expect(r.total).toBe(95.5);
    expect(r.vetoes).toEqual([]);
    expect(r.grade).toBe('优秀');
  });

  it('fail: the grade is the veto grade whatever the total; the total is kept', () => {
    const r = scoreSheet(withVeto({ effect: 'fail' }), { ...full, AQ: { pass: false } });
    expect(r.total).toBe(85.5);
    expect(r.vetoed).toBe(true);
    expect(r.vetoes).toEqual([{ code: 'AQ', effect: 'fail' }]);
    expect(r.grade).toBe('不合格');
    const custom = scoreSheet({ ...withVeto({ effect: 'fail' }), vetoGrade: '合格' }, { ...full, AQ: { pass: false } });
    expect(custom.grade).toBe('合格');
  });

  it('cap: the total is capped (85.5 → 59) and the grade follows the capped total', () => {
    const r = scoreSheet(withVeto({ effect: 'cap', cap: 59 }), { ...full, AQ: { pass: false } });
    expect(r.rawTotal).toBe(85.5);
    expect(r.total).toBe(59);
    expect(r.vetoed).toBe(false);
    expect(r.grade).toBe('不合格');
    // a cap above the total leaves it
    expect(scoreSheet(withVeto({ effect: 'cap', cap: 90 }), { ...full, AQ: { pass: false } }).total).toBe(85.5);
  });

  it('a failing level and a points floor trigger a veto', () => {
    const t: Template = {
      ...weighted,
      criteria: [
        { code: 'L', title: 'L', scoring: LEVELS, veto: { effect: 'cap', cap: 70 } },
        { code: 'P', title: 'P', scoring: { kind: 'points', max: 10, failBelow: 6 }, veto: { effect: 'cap', cap: 60 } },
      ],
    };
    const r = scoreSheet(t, { L: { level: 'D' }, P: { points: 5.5 } });
    expect(r.vetoes.map((v) => v.code)).toEqual(['L', 'P']);
    expect(r.rawTotal).toBe(42.5); // (0.3 + 0.55)/2 × 100
    expect(r.total).toBe(42.5); // both caps above
    const r2 = scoreSheet(t, { L: { level: 'D' }, P: { points: 6 } });
    expect(r2.vetoes.map((v) => v.code)).toEqual(['L']); // 6 is not below 6
  });

  it('a blank veto item blocks submission but triggers nothing in a draft', () => {
    const r = scoreSheet(withVeto({ effect: 'fail' }), full);
    expect(r.vetoes).toEqual([]);
    expect(r.completeness.unanswered).toEqual(['AQ']);
    expect(submitSheet(withVeto({ effect: 'fail' }), full)).toEqual({ ok: false, errors: ['指标「AQ」未评分'] });
  });
});

describe('completeness and submission', () => {
  it('a complete sheet submits', () => {
    expect(submitSheet(summed, full).ok).toBe(true);
  });

  it('lists out-of-range scores, blanks and missing evidence; a draft still scores (blank = 0)', () => {
    const answers: Answers = { ...full, BK: { points: 21 }, ZY: { points: 17.5 }, SK: { level: 'E' } };
    delete answers.FD;
    const r = scoreSheet(summed, answers);
    expect(r.completeness).toEqual({
      complete: false,
      unanswered: ['BK', 'SK', 'FD'],
      missingEvidence: ['ZY'],
      invalid: [
        { code: 'BK', message: '指标「BK」：得分 21 超出范围（0–20）' },
        { code: 'SK', message: '指标「SK」：没有等级「E」' },
      ],
    });
    expect(r.total).toBe(38.5); // 0 + 0 + 17.5 + 0 + 15 + 6
    const s = submitSheet(summed, answers);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.errors).toHaveLength(6);
  });
});

describe('proposedFindings', () => {
  it('veto and failed leaves always; low leaves under the ratio (strictly)', () => {
    const t: Template = {
      ...summed,
      maxScore: 110,
      criteria: [
        ...liuRenZhen,
        { code: 'AQ', title: '安全', scoring: { kind: 'passFail', max: 10 }, veto: { effect: 'fail' } },
      ],
    };
    // BK 12/20 = 0.6 (not below 0.6); FS 5.5/10 = 0.55 (below); KS 不达标 (failed); AQ 不达标 (veto)
    const r = scoreSheet(t, {
      ...full,
      BK: { points: 12 },
      FS: { points: 5.5 },
      KS: { pass: false },
      AQ: { pass: false },
    });
    expect(proposedFindings(t, r, 0.6)).toEqual([
      { code: 'KS', reason: 'failed', ratio: 0 },
      { code: 'FS', reason: 'low', ratio: 0.55 },
      { code: 'AQ', reason: 'veto', ratio: 0 },
    ]);
    expect(proposedFindings(t, r).map((f) => f.code)).toEqual(['KS', 'AQ']);
  });
});
