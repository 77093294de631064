import { describe, expect, it } from 'vitest';
import { indexResult, respondentScore, scaleScore } from './scores.js';
import { type Survey, type SurveyResponse, scoredItems } from './types.js';

const survey: Survey = {
  questions: [
    { id: 's', kind: 'satisfaction', dimension: '学业负担' },
    { id: 'l', kind: 'likert5', dimension: '学业负担' },
    { id: 'r', kind: 'rating10', dimension: '总体评价' },
    { id: 'm', kind: 'matrix', scale: 'likert5', dimension: '校园安全', items: [{ id: 'x' }, { id: 'y' }] },
  ],
};
const items = scoredItems(survey);
const burden = items.filter((i) => i.dimension === '学业负担');
const safety = items.filter((i) => i.dimension === '校园安全');
const sOnly = items.filter((i) => i.questionId === 's');

describe('scale mappings to 0–100', () => {
  it('satisfaction: 满意 100, 基本满意 50, 不满意 0, 不了解 none', () => {
    expect(['满意', '基本满意', '不满意', '不了解'].map((v) => scaleScore('satisfaction', v))).toEqual([
      100,
      50,
      0,
      null,
    ]);
    // the mapping is data: e.g. 基本满意 = 80
    expect(scaleScore('satisfaction', '基本满意', { 满意: 100, 基本满意: 80, 不满意: 0 })).toBe(80);
    expect(scaleScore('satisfaction', 1)).toBeNull();
  });

  it('Likert 1..5 → 100·(x − 1)/4; rating 0..10 → 10·x; out of range or not an integer → none', () => {
    expect([1, 2, 3, 4, 5].map((v) => scaleScore('likert5', v))).toEqual([0, 25, 50, 75, 100]);
    expect([0, 6, 2.5, '3'].map((v) => scaleScore('likert5', v))).toEqual([null, null, null, null]);
    expect([0, 7, 10].map((v) => scaleScore('rating10', v))).toEqual([0, 70, 100]);
    expect([-1, 11, 7.5, undefined].map((v) => scaleScore('rating10', v))).toEqual([null, null, null, null]);
  });
});

describe('respondent score', () => {
  it('mean of the valid item scores of the dimension; 不了解 dropped', () => {
    // 满意 (100) and Likert 4 (75) → 87.5; 不了解 and 4 → 75; 不了解 alone → none
    expect(respondentScore({ answers: { s: '满意', l: 4 } }, burden)).toBe(87.5);
    expect(respondentScore({ answers: { s: '不了解', l: 4 } }, burden)).toBe(75);
    expect(respondentScore({ answers: { s: '不了解' } }, burden)).toBeNull();
    // matrix items: x = 5 (100), y = 2 (25) → 62.5
    expect(respondentScore({ answers: { m: { x: 5, y: 2 } } }, safety)).toBe(62.5);
  });
});

/** 4 满意, 3 基本满意, 2 不满意, 1 不了解. */
const TEN: SurveyResponse[] = [
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
].map((s) => ({ answers: { s } }));

describe('index', () => {
  it('mean over respondents with a score, t-interval over them', () => {
    // scores 100×4, 50×3, 0×2 (不了解 out): n = 9, mean = (400 + 150)/9 = 61.111
    // SS = 4·(350/9)² + 3·(100/9)² + 2·(550/9)² = 1,125,000/81 = 13,888.9; s² = SS/8 → s = 375/9 = 41.667
    // se = s/3 = 13.889; t(8) = 2.306004 → half = 32.028 → [29.083, 93.139]
    const r = indexResult(TEN, sOnly);
    if (r.suppressed) throw new Error('suppressed');
    expect(r.respondents).toBe(10);
    expect(r.n).toBe(9);
    expect(r.index).toBeCloseTo(61.1111, 4);
    expect(r.sd).toBeCloseTo(41.6667, 4);
    expect(r.ci!.low).toBeCloseTo(29.0833, 3);
    expect(r.ci!.high).toBeCloseTo(93.1389, 3);
  });

  it('all 不了解: published (10 respondents) with no index', () => {
    const r = indexResult(
      Array.from({ length: 10 }, () => ({ answers: { s: '不了解' } })),
      sOnly,
    );
    expect(r).toEqual({ suppressed: false, respondents: 10, n: 0, index: null, sd: null, ci: null });
  });

  it('an answer off the scale does not make a respondent', () => {
    // 9 valid + 1 answering Likert 7 on the satisfaction item → 9 respondents → suppressed
    const odd = [...TEN.slice(0, 9), { answers: { s: 7 } }];
    expect(indexResult(odd, sOnly).suppressed).toBe(true);
  });

  it('suppressed at threshold − 1 respondents, published at the threshold', () => {
    expect(indexResult(TEN.slice(0, 9), sOnly)).toEqual({ suppressed: true, minGroupSize: 10 });
    expect(indexResult(TEN, sOnly).suppressed).toBe(false);
    expect(indexResult(TEN.slice(0, 2), sOnly, { minGroupSize: 3 }).suppressed).toBe(true);
    // 3 respondents, threshold 3: 满意, 满意, 满意 → 100, sd 0, interval the point
    expect(indexResult(TEN.slice(0, 3), sOnly, { minGroupSize: 3 })).toEqual({
      suppressed: false,
      respondents: 3,
      n: 3,
      index: 100,
      sd: 0,
      ci: { low: 100, high: 100 },
    });
  });

  it('0–10 rating: [7, 8, 9, 10, 6] → 80 with a t-interval', () => {
    // scores 70, 80, 90, 100, 60: mean 80; SS = 100 + 0 + 100 + 400 + 400 = 1000; s² = 250; s = 15.811
    // se = 15.811/√5 = 7.0711; t(4) = 2.776445 → half = 19.632 → [60.368, 99.632]
    const rating = items.filter((i) => i.questionId === 'r');
    const r = indexResult(
      [7, 8, 9, 10, 6].map((r) => ({ answers: { r } })),
      rating,
      { minGroupSize: 5 },
    );
    if (r.suppressed) throw new Error('suppressed');
    expect(r.index).toBe(80);
    expect(r.ci!.low).toBeCloseTo(60.368, 3);
    expect(r.ci!.high).toBeCloseTo(99.632, 3);
  });
});
