import { describe, expect, it } from 'vitest';
import { drivers, pearson } from './drivers.js';
import type { Survey, SurveyResponse } from './types.js';

describe('pearson', () => {
  it('perfect, none, undefined', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe('drivers', () => {
  const survey: Survey = {
    questions: [
      { id: 'o', kind: 'satisfaction' },
      { id: 'a', kind: 'likert5', dimension: '教育教学' },
      { id: 'b', kind: 'likert5', dimension: '校园安全' },
      { id: 'c', kind: 'likert5', dimension: '学业负担' },
      { id: 'd', kind: 'likert5', dimension: '师德师风' },
    ],
  };
  // overall y = 100, 50, 0, 50 (ȳ = 50, dy = 50, 0, −50, 0; Σdy² = 5000)
  // a: 5,3,1,3 → 100,50,0,50 = y → r = 1
  // b: 4,4,4,5 → 75,75,75,100: dx = −6.25,−6.25,−6.25,18.75 → Σdx·dy = −312.5 + 312.5 = 0 → r = 0; perf 81.25
  // c: 2,2,1,2 → 25,25,0,25: dx = 6.25,6.25,−18.75,6.25 → Σdxdy = 312.5 + 937.5 = 1250, Σdx² = 468.75
  //    r = 1250/√(468.75 · 5000) = 0.8165; perf 18.75
  // d: 1,1,1,2 → 0,0,0,25 → r = 0 (as b); perf 6.25
  // a 5th respondent answers 不了解 overall and a = 1: in a's performance only → (100+50+0+50+0)/5 = 40
  const rs: SurveyResponse[] = [
    { answers: { o: '满意', a: 5, b: 4, c: 2, d: 1 } },
    { answers: { o: '基本满意', a: 3, b: 4, c: 2, d: 1 } },
    { answers: { o: '不满意', a: 1, b: 4, c: 1, d: 1 } },
    { answers: { o: '基本满意', a: 3, b: 5, c: 2, d: 2 } },
    { answers: { o: '不了解', a: 1 } },
  ];

  it('importance, performance and the quadrant against the means', () => {
    // mean importance (1 + 0 + 0.8165 + 0)/4 = 0.454; mean performance (40 + 81.25 + 18.75 + 6.25)/4 = 36.5625
    const d = drivers(survey, rs, { minGroupSize: 4 });
    expect(d.map((x) => x.dimension)).toEqual(['教育教学', '校园安全', '学业负担', '师德师风']);
    const rows = d.map((x) => (x.suppressed ? null : [x.pairs, x.importance, x.performance, x.quadrant]));
    expect(rows[0]![0]).toBe(4);
    expect(rows[0]![1]).toBeCloseTo(1, 12);
    expect(rows[0]![2]).toBe(40);
    expect(rows[0]![3]).toBe('strength');
    expect(rows[1]).toEqual([4, 0, 81.25, 'maintain']);
    expect(rows[2]![1]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(rows[2]![3]).toBe('priority');
    expect(rows[3]).toEqual([4, 0, 6.25, 'secondary']);
  });

  it('suppressed below the threshold of pairs', () => {
    const d = drivers(survey, rs, { minGroupSize: 5 });
    expect(d.every((x) => x.suppressed)).toBe(true);
    expect(d[0]).toEqual({ suppressed: true, minGroupSize: 5, dimension: '教育教学' });
  });
});
