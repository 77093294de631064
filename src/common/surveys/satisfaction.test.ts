import { describe, expect, it } from 'vitest';
import { satisfactionCounts, satisfactionRate, satisfactionResult } from './satisfaction.js';
import { type Survey, type SurveyResponse, scoredItems } from './types.js';

const survey: Survey = {
  questions: [
    { id: 'q1', kind: 'satisfaction', dimension: '师德师风' },
    { id: 'q2', kind: 'satisfaction', dimension: '教育教学' },
    { id: 'q3', kind: 'likert5', dimension: '教育教学' },
    {
      id: 'm',
      kind: 'matrix',
      scale: 'satisfaction',
      dimension: '办学条件与服务',
      items: [{ id: 'a', dimension: '校园安全' }, { id: 'b' }],
    },
    { id: 'note', kind: 'text' },
  ],
};
const items = scoredItems(survey);
const q1 = items.filter((i) => i.questionId === 'q1');

/** Responses answering q1 with the labels given (undefined: not answered). */
function q1Answers(labels: (string | undefined)[]): SurveyResponse[] {
  return labels.map((l) => ({ answers: l === undefined ? {} : { q1: l } }));
}

/** 4 满意, 3 基本满意, 2 不满意, 1 不了解: 10 respondents. */
const TEN = q1Answers([
  '满意',
  '满意',
  '满意',
  '满意',
  '基本满意',
  '基本满意',
  '基本满意',
  '不满意',
  '不满意',
  '不了解',
]);

describe('scored items', () => {
  it('matrix items inherit the matrix dimension; text is not scored', () => {
    expect(items.map((i) => [i.questionId, i.itemId, i.scale, i.dimension])).toEqual([
      ['q1', undefined, 'satisfaction', '师德师风'],
      ['q2', undefined, 'satisfaction', '教育教学'],
      ['q3', undefined, 'likert5', '教育教学'],
      ['m', 'a', 'satisfaction', '校园安全'],
      ['m', 'b', 'satisfaction', '办学条件与服务'],
    ]);
  });
});

describe('satisfaction rate', () => {
  it('(满意 + 基本满意) / (满意 + 基本满意 + 不满意), 不了解 excluded and reported as a share', () => {
    // rate = (4 + 3)/(4 + 3 + 2) = 7/9 = 0.7778; 不了解 share = 1/10; Wilson 7/9 → [0.4526, 0.9368]
    const r = satisfactionResult(TEN, q1);
    if (r.suppressed) throw new Error('suppressed');
    expect(r).toMatchObject({ satisfied: 4, basicallySatisfied: 3, dissatisfied: 2, unknown: 1, respondents: 10 });
    expect(r.answers).toBe(10);
    expect(r.rate).toBe(7 / 9);
    expect(r.unknownShare).toBe(1 / 10);
    expect(r.ci!.low).toBeCloseTo(0.4526, 4);
    expect(r.ci!.high).toBeCloseTo(0.9368, 4);
  });

  it('more 不了解 does not change the rate, only the share', () => {
    // add 5 不了解: rate still 7/9, share 6/15
    const r = satisfactionRate(satisfactionCounts([...TEN, ...q1Answers(Array(5).fill('不了解'))], q1));
    expect(r.rate).toBe(7 / 9);
    expect(r.unknownShare).toBe(6 / 15);
  });

  it('denominator 0: only 不了解 → rate and interval null; no answers at all → share null too', () => {
    const onlyUnknown = satisfactionResult(q1Answers(Array(10).fill('不了解')), q1);
    expect(onlyUnknown).toMatchObject({ suppressed: false, rate: null, ci: null, unknownShare: 1, respondents: 10 });
    const none = satisfactionRate(satisfactionCounts([], q1));
    expect(none).toMatchObject({ rate: null, unknownShare: null, ci: null, answers: 0 });
  });

  it('pools answers over the items of a dimension or the whole survey; non-satisfaction scales ignored', () => {
    // r1: q1 满意, q2 不满意, q3 = 5 (Likert: ignored), m.a 基本满意, m.b 不了解
    // r2: q2 满意, m {a: 满意}
    const rs: SurveyResponse[] = [
      { answers: { q1: '满意', q2: '不满意', q3: 5, m: { a: '基本满意', b: '不了解' } } },
      { answers: { q2: '满意', m: { a: '满意' } } },
    ];
    // all items: 满意 3 (r1 q1, r2 q2, r2 m.a), 基本满意 1, 不满意 1, 不了解 1 → rate 4/5, share 1/6
    const all = satisfactionRate(satisfactionCounts(rs, items));
    expect(all).toMatchObject({ satisfied: 3, basicallySatisfied: 1, dissatisfied: 1, unknown: 1, respondents: 2 });
    expect(all.rate).toBe(4 / 5);
    expect(all.unknownShare).toBe(1 / 6);
    // 教育教学 = q2 (+ q3, Likert, ignored): 不满意, 满意 → 1/2
    const teaching = items.filter((i) => i.dimension === '教育教学');
    expect(satisfactionRate(satisfactionCounts(rs, teaching)).rate).toBe(1 / 2);
  });

  it('pooled answers: Wilson at the effective sample size (design effect)', () => {
    // 4 respondents × 2 satisfaction answers (q1, q2): (满意, 基本满意), (满意, 满意), (不满意, 不满意) × 2
    // y = 2, 2, 0, 0; m = 2 each; r = 4/8 = 0.5; m̄ = 2; Σ(y − r·m)² = 1 + 1 + 1 + 1 = 4
    // v_cluster = 4/(4·3·2²) = 1/12; v_simple = 0.25/8 = 1/32; deff = 32/12 = 2.6667; n_eff = 8/deff = 3
    // Wilson(1.5, 3): centre 0.5; 1 + z²/3 = 2.28049; half = (1.95996/2.28049)·√(0.08333 + 0.10671) = 0.37466
    //   → [0.1253, 0.8747]  (plain Wilson(4, 8) would be the narrower [0.2152, 0.7848])
    const rs: SurveyResponse[] = [
      { answers: { q1: '满意', q2: '基本满意' } },
      { answers: { q1: '满意', q2: '满意' } },
      { answers: { q1: '不满意', q2: '不满意' } },
      { answers: { q1: '不满意', q2: '不满意' } },
    ];
    const r = satisfactionRate(satisfactionCounts(rs, items));
    expect(r.rate).toBe(0.5);
    expect(r.designEffect).toBeCloseTo(8 / 3, 12);
    expect(r.ci!.low).toBeCloseTo(0.1253, 4);
    expect(r.ci!.high).toBeCloseTo(0.8747, 4);
    // answers that vary within respondents but not between them: v_cluster < v_simple → deff 1 (never below)
    const even: SurveyResponse[] = Array.from({ length: 4 }, () => ({ answers: { q1: '满意', q2: '不满意' } }));
    const e = satisfactionRate(satisfactionCounts(even, items));
    expect(e.designEffect).toBe(1);
    expect(e.ci!.low).toBeCloseTo(0.2152, 4);
    // one question: deff 1, the plain Wilson interval
    expect(satisfactionRate(satisfactionCounts(TEN, q1)).designEffect).toBe(1);
    // all satisfied: deff 1 (no variance); no valid answers: null
    const allYes = Array.from({ length: 3 }, () => ({ answers: { q1: '满意', q2: '满意' } }));
    expect(satisfactionRate(satisfactionCounts(allYes, items)).designEffect).toBe(1);
    expect(satisfactionRate(satisfactionCounts([], items)).designEffect).toBeNull();
  });

  it('labels outside the scale and answers of the wrong shape are ignored', () => {
    const rs: SurveyResponse[] = [
      { answers: { q1: '很满意' } },
      { answers: { q1: 3 } },
      { answers: { q1: ['满意'] } },
      { answers: { q1: null } },
    ];
    const c = satisfactionCounts(rs, q1);
    expect(c).toMatchObject({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unknown: 0, respondents: 0 });
  });

  it('suppressed at threshold − 1 respondents, published at the threshold; 不了解 counts as a respondent', () => {
    expect(satisfactionResult(TEN.slice(0, 9), q1)).toEqual({ suppressed: true, minGroupSize: 10 });
    expect(satisfactionResult(TEN, q1).suppressed).toBe(false);
    // a respondent who skipped the question is not behind the figure: 9 answers + 1 blank → suppressed
    expect(satisfactionResult([...TEN.slice(0, 9), ...q1Answers([undefined])], q1).suppressed).toBe(true);
    // threshold as data
    expect(satisfactionResult(TEN.slice(0, 4), q1, 5).suppressed).toBe(true);
    expect(satisfactionResult(TEN.slice(0, 5), q1, 5).suppressed).toBe(false);
  });

  it('a suppressed result carries no numbers', () => {
    const r = satisfactionResult(TEN.slice(0, 3), q1);
    expect(Object.keys(r).sort()).toEqual(['minGroupSize', 'suppressed']);
  });
});
