import { describe, expect, it } from 'vitest';
import { bottomN, change, changes, indexMetric, type Metric, rankUnits, rateMetric, topN } from './ranking.js';

const v = (value: number | null, low = 0, high = 1): Metric => ({ suppressed: false, value, ci: { low, high } });
const S: Metric = { suppressed: true, minGroupSize: 10 };

describe('ranking', () => {
  // A 0.9, B 0.8, C 0.8, D 0.7, E suppressed, F no value, G 0.8
  const ranking = rankUnits([
    { unitId: 'A', metric: v(0.9) },
    { unitId: 'B', metric: v(0.8) },
    { unitId: 'C', metric: v(0.8) },
    { unitId: 'D', metric: v(0.7) },
    { unitId: 'E', metric: S },
    { unitId: 'F', metric: v(null) },
    { unitId: 'G', metric: v(0.8) },
  ]);

  it('ties share the best rank (1, 2, 2, 2, 5); bottom ranks mirror (5, 2, 2, 2, 1)', () => {
    expect(ranking.ranked.map((r) => [r.unitId, r.rank, r.bottomRank])).toEqual([
      ['A', 1, 5],
      ['B', 2, 2],
      ['C', 2, 2],
      ['G', 2, 2],
      ['D', 5, 1],
    ]);
  });

  it('suppressed and valueless units are excluded, with the reason', () => {
    expect(ranking.excluded).toEqual([
      { unitId: 'E', reason: 'suppressed' },
      { unitId: 'F', reason: 'no-value' },
    ]);
  });

  it('top/bottom N take every unit tied at the boundary', () => {
    expect(topN(ranking, 1).map((r) => r.unitId)).toEqual(['A']);
    expect(topN(ranking, 2).map((r) => r.unitId)).toEqual(['A', 'B', 'C', 'G']);
    expect(bottomN(ranking, 1).map((r) => r.unitId)).toEqual(['D']);
    expect(bottomN(ranking, 2).map((r) => r.unitId)).toEqual(['D', 'B', 'C', 'G']);
    expect(topN(ranking, 10)).toHaveLength(5);
  });

  it('values equal to 12 significant digits tie (0.1 + 0.2 vs 0.3)', () => {
    const r = rankUnits([
      { unitId: 'x', metric: v(0.1 + 0.2) },
      { unitId: 'y', metric: v(0.3) },
      { unitId: 'z', metric: v(0.29) },
    ]);
    expect(r.ranked.map((u) => u.rank)).toEqual([1, 1, 3]);
  });

  it('empty input', () => {
    expect(rankUnits([])).toEqual({ ranked: [], excluded: [] });
  });
});

describe('metrics and change', () => {
  it('rate and index results as metrics', () => {
    expect(rateMetric(S)).toBe(S);
    const rate = rateMetric({
      suppressed: false,
      satisfied: 8,
      basicallySatisfied: 0,
      dissatisfied: 2,
      unknown: 0,
      respondents: 10,
      answers: 10,
      rate: 0.8,
      unknownShare: 0,
      designEffect: 1,
      ci: { low: 0.49, high: 0.943 },
    });
    expect(rate).toEqual({ suppressed: false, value: 0.8, ci: { low: 0.49, high: 0.943 } });
    expect(indexMetric({ suppressed: false, respondents: 10, n: 9, index: 61, sd: 40, ci: null })).toEqual({
      suppressed: false,
      value: 61,
      ci: null,
    });
  });

  it('difference and whether the intervals overlap', () => {
    // 0.85 [0.80, 0.90] vs 0.75 [0.70, 0.79] → +0.10, no overlap
    const c = change(v(0.85, 0.8, 0.9), v(0.75, 0.7, 0.79))!;
    expect(c.difference).toBeCloseTo(0.1, 12);
    expect(c.overlap).toBe(false);
    // previous [0.70, 0.80] touches 0.80 → overlap
    expect(change(v(0.85, 0.8, 0.9), v(0.75, 0.7, 0.8))!.overlap).toBe(true);
    // no interval → overlap unknown
    expect(change({ suppressed: false, value: 70, ci: null }, v(60, 50, 70))!.overlap).toBeNull();
  });

  it('no change when either side is suppressed, valueless or absent', () => {
    expect(change(S, v(0.7))).toBeNull();
    expect(change(v(0.7), S)).toBeNull();
    expect(change(v(null), v(0.7))).toBeNull();
    const list = changes(
      [
        { unitId: 'A', metric: v(0.8, 0.7, 0.9) },
        { unitId: 'N', metric: v(0.6) },
      ],
      [{ unitId: 'A', metric: v(0.9, 0.85, 0.95) }],
    );
    expect(list[0].change).toMatchObject({ current: 0.8, previous: 0.9, overlap: true });
    expect(list[0].change!.difference).toBeCloseTo(-0.1, 12);
    expect(list[1]).toEqual({ unitId: 'N', change: null });
  });
});
