import { describe, expect, it } from 'vitest';
import { sortedScores } from './descriptives.js';
import {
  borderlineFlags,
  DEFAULT_THRESHOLDS,
  rates,
  ratesSorted,
  resolveCuts,
  resolveThreshold,
  scoreBands,
} from './rates.js';

const A = Number.NaN;

describe('rates', () => {
  /**
   * Full marks 150; lines 优秀 0.85·150 = 127.5, 良好 0.7·150 = 105, 及格 0.6·150 = 90, 低分 0.4·150 = 60.
   * Scores of the 8 who sat: 127.5 (exactly 优秀 → counts), 127, 105 (exactly 良好), 90 (exactly 及格), 89.5,
   * 60 (exactly the 低分 line → NOT 低分), 59.5, 0; plus 2 absent (not in any denominator).
   * 优秀 1/8, 良好 3/8, 及格 4/8, 低分 2/8 (59.5 and 0).
   */
  const X = Float64Array.from([127.5, 127, A, 105, 90, 89.5, 60, 59.5, A, 0]);

  it('≥ for 优秀/良好/及格, < for 低分, absent excluded', () => {
    expect(rates(X, 150)).toEqual({ excellentRate: 1 / 8, goodRate: 3 / 8, passRate: 4 / 8, lowRate: 2 / 8 });
  });

  it('a fraction line has no binary noise (0.7 × 110 = 77, not 77.00000000000001)', () => {
    expect(resolveThreshold({ kind: 'fraction', value: 0.7 }, 110, [])).toBe(77);
    const r = rates(Float64Array.from([77, 76.5]), 110, {
      ...DEFAULT_THRESHOLDS,
      good: { kind: 'fraction', value: 0.7 },
    });
    expect(r.goodRate).toBe(0.5);
  });

  it('absolute and relative lines', () => {
    // 10 students 10..100; top 20% → the 2nd highest (90) is the line; top 25% → ⌈2.5⌉ = 3rd highest (80)
    const xs = Float64Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const sorted = sortedScores(xs);
    expect(resolveThreshold({ kind: 'top', share: 0.2 }, 100, sorted)).toBe(90);
    expect(resolveThreshold({ kind: 'top', share: 0.25 }, 100, sorted)).toBe(80);
    expect(resolveThreshold({ kind: 'top', share: 1 }, 100, sorted)).toBe(10);
    expect(resolveThreshold({ kind: 'top', share: 0.2 }, 100, [])).toBeNull();
    expect(resolveThreshold({ kind: 'score', value: 72 }, 100, sorted)).toBe(72);
    // ties at a relative line are all in: top 20% of [100, 90, 90, 90, 50] → line 90 → 4/5 excellent
    const tied = Float64Array.from([100, 90, 90, 90, 50]);
    const r = rates(tied, 100, { ...DEFAULT_THRESHOLDS, excellent: { kind: 'top', share: 0.2 } });
    expect(r.excellentRate).toBe(1 / 5);
    const r2 = rates(tied, 100, { ...DEFAULT_THRESHOLDS, excellent: { kind: 'top', share: 0.4 } });
    expect(r2.excellentRate).toBe(4 / 5);
  });

  it('all absent: rates null', () => {
    expect(rates(Float64Array.from([A, A]), 100)).toEqual({
      excellentRate: null,
      goodRate: null,
      passRate: null,
      lowRate: null,
    });
  });

  it('agrees with naive filtering on random data', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let t = 0; t < 20; t++) {
      const xs = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => Math.round(rnd() * 120));
      const sorted = sortedScores(xs);
      const cuts = resolveCuts(DEFAULT_THRESHOLDS, 120, sorted);
      const r = ratesSorted(sorted, cuts);
      expect(r.excellentRate).toBe(xs.filter((x) => x >= 102).length / xs.length);
      expect(r.goodRate).toBe(xs.filter((x) => x >= 84).length / xs.length);
      expect(r.passRate).toBe(xs.filter((x) => x >= 72).length / xs.length);
      expect(r.lowRate).toBe(xs.filter((x) => x < 48).length / xs.length);
    }
  });
});

describe('scoreBands', () => {
  /**
   * Full 100, step 20: bands [80,100], [60,80), [40,60), [20,40), [0,20).
   * Scores 100, 80 (edge → [80,100]), 79.5, 60, 59, 20, 0, absent:
   * counts 2, 2, 1, 1, 1; cumulative 2, 4, 5, 6, 7 of 7 who sat.
   */
  it('counts, cumulative counts and shares, edges going up', () => {
    const b = scoreBands(Float64Array.from([100, 80, 79.5, 60, 59, 20, 0, A]), 100, 20);
    expect(b.map((x) => [x.lower, x.upper, x.count, x.cumulative])).toEqual([
      [80, 100, 2, 2],
      [60, 80, 2, 4],
      [40, 60, 1, 5],
      [20, 40, 1, 6],
      [0, 20, 1, 7],
    ]);
    expect(b[0].share).toBeCloseTo(2 / 7, 12);
    expect(b[4].cumulativeShare).toBe(1);
  });

  it('a last band shorter than the step, and a fractional step', () => {
    // full 150, step 40: [110,150], [70,110), [30,70), [0,30)
    const b = scoreBands(Float64Array.from([150, 110, 30, 29.5]), 150, 40);
    expect(b.map((x) => [x.lower, x.upper, x.count])).toEqual([
      [110, 150, 2],
      [70, 110, 0],
      [30, 70, 1],
      [0, 30, 1],
    ]);
    const c = scoreBands(Float64Array.from([0.3, 0.2, 0.1]), 0.3, 0.1);
    expect(c.map((x) => x.count)).toEqual([2, 1, 0]);
    expect(() => scoreBands([1], 100, 0)).toThrow(RangeError);
  });
});

describe('borderlineFlags', () => {
  it('line − k ≤ score < line (default k = 5), absent never flagged', () => {
    // line 90: 85 (in), 89.5 (in), 90 (on the line: passed, not 临界), 84.5 (out), absent
    expect([...borderlineFlags(Float64Array.from([85, 89.5, 90, 84.5, A]), 90)]).toEqual([1, 1, 0, 0, 0]);
    expect([...borderlineFlags(Float64Array.from([87, 86]), 90, 3)]).toEqual([1, 0]);
  });
});
