import { describe, expect, it } from 'vitest';
import { overMeanRate, rankValues, standing, tScores, unitTScore, zScores } from './ranks.js';

const A = Number.NaN;

describe('standing', () => {
  /**
   * x = 62, 75, 75, 88, 90, 41, 59.5, 100, 75, 83 (one group, N = 10).
   * Ranks (highest first, ties share the best): 100→1, 90→2, 88→3, 83→4, 75×3→5, 62→8, 59.5→9, 41→10
   * (scipy rankdata(−x, 'min'): 8 5 5 3 2 10 9 1 5 4).
   * PR = 100·(below + 0.5·tied)/N: for 75, below are 62, 59.5, 41 (3), tied 3 → 100·(3 + 1.5)/10 = 45
   * (scipy percentileofscore(kind='mean'): 25 45 45 75 85 5 15 95 45 65).
   */
  const X = Float64Array.from([62, 75, 75, 88, 90, 41, 59.5, 100, 75, 83]);

  it('competition ranks and percentile ranks, one group', () => {
    const s = standing(X);
    expect([...s.rank]).toEqual([8, 5, 5, 3, 2, 10, 9, 1, 5, 4]);
    expect([...s.percentileRank]).toEqual([25, 45, 45, 75, 85, 5, 15, 95, 45, 65]);
  });

  it('ties 1, 2, 2, 4 within groups; absent not ranked', () => {
    // group 0: 90, 80, 80, 70, absent; group 1: 50, 50, 60
    const scores = Float64Array.from([90, 80, 50, 80, 70, A, 50, 60]);
    const groups = Int32Array.from([0, 0, 1, 0, 0, 0, 1, 1]);
    const s = standing(scores, groups, 2);
    expect([...s.rank]).toEqual([1, 2, 2, 2, 4, 0, 2, 1]);
    expect(Number.isNaN(s.percentileRank[5])).toBe(true);
    // group 1: 60 → (2 + 0.5)/3, 50 → (0 + 1)/3
    expect(s.percentileRank[7]).toBeCloseTo(250 / 3, 12);
    expect(s.percentileRank[2]).toBeCloseTo(100 / 3, 12);
  });

  it('agrees with a naive O(n²) ranking on random grouped data', () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const n = 300;
    const scores = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? A : Math.round(rnd() * 20)));
    const groups = Int32Array.from({ length: n }, () => Math.floor(rnd() * 7));
    const s = standing(scores, groups, 7);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(scores[i])) continue;
      let higher = 0;
      let below = 0;
      let tied = 0;
      let size = 0;
      for (let j = 0; j < n; j++) {
        if (groups[j] !== groups[i] || Number.isNaN(scores[j])) continue;
        size++;
        if (scores[j] > scores[i]) higher++;
        else if (scores[j] < scores[i]) below++;
        else tied++;
      }
      expect(s.rank[i]).toBe(higher + 1);
      expect(s.percentileRank[i]).toBeCloseTo((100 * (below + 0.5 * tied)) / size, 12);
    }
  });
});

describe('Z and T scores', () => {
  it('Z = (x − mean)/sample SD, T = 50 + 10Z (numpy: z[0] = −0.74914061)', () => {
    const X = Float64Array.from([62, 75, 75, 88, 90, 41, 59.5, 100, 75, 83, A]);
    const z = zScores(X)!;
    expect(z[0]).toBeCloseTo((62 - 74.85) / 17.15298807788311, 12);
    expect(z[0]).toBeCloseTo(-0.74914061, 7);
    expect(Number.isNaN(z[10])).toBe(true);
    const t = tScores(X)!;
    expect(t[0]).toBeCloseTo(50 - 7.4914061, 6);
  });

  it('zero variance, n < 2, all absent → null', () => {
    expect(zScores(Float64Array.from([70, 70, 70]))).toBeNull();
    expect(zScores(Float64Array.from([70, A]))).toBeNull();
    expect(tScores(Float64Array.from([A, A]))).toBeNull();
  });
});

describe('unit comparisons', () => {
  it('unit T score = (unit mean − pool mean)/pool SD × 10 + 50', () => {
    // unit 80, pool 70 ± 20 → 0.5·10 + 50 = 55
    expect(unitTScore(80, 70, 20)).toBe(55);
    expect(unitTScore(80, 70, 0)).toBeNull();
    expect(unitTScore(null, 70, 20)).toBeNull();
  });

  it('超均率 = (unit mean − pool mean)/pool mean', () => {
    expect(overMeanRate(77, 70)).toBeCloseTo(0.1, 12);
    expect(overMeanRate(63, 70)).toBeCloseTo(-0.1, 12);
    expect(overMeanRate(63, 0)).toBeNull();
  });

  it('rankValues: 1, 2, 2, 4 and null for a unit without students', () => {
    expect(rankValues([90, 80, null, 80, 70])).toEqual([1, 2, null, 2, 4]);
  });
});
