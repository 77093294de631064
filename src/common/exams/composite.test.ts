import { describe, expect, it } from 'vitest';
import { compositeScores, cvOfMeans, cvOfMeansWithin, meanStandardScores, varianceShare } from './composite.js';

const A = Number.NaN;

describe('compositeScores', () => {
  it('weighted sum with complement terms and competition ranks', () => {
    // unit 0: 0.2·0.8 + 0.3·0.3 + 0.3·0.9 + 0.2·(1 − 0.05) = 0.16 + 0.09 + 0.27 + 0.19 = 0.71
    // unit 1: 0.2·0.7 + 0.3·0.2 + 0.3·0.8 + 0.2·(1 − 0.1) = 0.14 + 0.06 + 0.24 + 0.18 = 0.62
    // unit 2: no students (null) → null; unit 3 = unit 0 → tied rank 1
    const u0 = { scoreRate: 0.8, excellentRate: 0.3, passRate: 0.9, lowRate: 0.05 };
    const u1 = { scoreRate: 0.7, excellentRate: 0.2, passRate: 0.8, lowRate: 0.1 };
    const u2 = { scoreRate: null, excellentRate: null, passRate: null, lowRate: null };
    const r = compositeScores([u0, u1, u2, u0]);
    expect(r.score[0]).toBeCloseTo(0.71, 12);
    expect(r.score[1]).toBeCloseTo(0.62, 12);
    expect(r.score[2]).toBeNull();
    expect(r.rank).toEqual([1, 3, null, 1]);
    // weights are data: only the mean
    expect(compositeScores([u0], [{ metric: 'scoreRate', weight: 100 }]).score[0]).toBeCloseTo(80, 12);
    expect(compositeScores([u0], [{ metric: 'missing', weight: 1 }]).score[0]).toBeNull();
  });
});

describe('meanStandardScores', () => {
  it('mean Z of each unit over those who sat', () => {
    const z = Float64Array.from([1, -0.5, A, 0.25, -1]);
    expect(meanStandardScores(z, Int32Array.from([0, 0, 0, 1, 1]), 3)).toEqual([0.25, -0.375, null]);
  });
});

describe('balance', () => {
  it('CV of class means: sample SD / mean', () => {
    // means 70, 80, 90 (null skipped): mean 80, SD √((100 + 0 + 100)/2) = 10 → CV 0.125
    expect(cvOfMeans([70, null, 80, 90])).toBeCloseTo(0.125, 12);
    expect(cvOfMeans([70, null])).toBeNull();
    expect(cvOfMeansWithin([70, 80, 90, 60, 60], Int32Array.from([0, 0, 0, 1, 1]), 3)).toEqual([0.125, 0, null]);
  });

  it('η² = SS_between/SS_total (hand-worked)', () => {
    // group 0: 1, 2, 3 (mean 2); group 1: 5, 7 (mean 6); absent ignored. Grand mean 18/5 = 3.6.
    // SS_total = 6.76 + 2.56 + 0.36 + 1.96 + 11.56 = 23.2; SS_between = 3·1.6² + 2·2.4² = 7.68 + 11.52 = 19.2
    const v = varianceShare(Float64Array.from([1, 2, 3, 5, 7, A]), Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
    expect(v.n).toBe(5);
    expect(v.ssTotal).toBeCloseTo(23.2, 12);
    expect(v.ssBetween).toBeCloseTo(19.2, 12);
    expect(v.etaSquared).toBeCloseTo(19.2 / 23.2, 12);
    expect(varianceShare(Float64Array.from([4, 4]), Int32Array.from([0, 1]), 2).etaSquared).toBeNull();
  });
});
