import { describe, expect, it } from 'vitest';
import { bandOf, scoreBands } from './rates.js';
import { sortGroups, standingFromSorted, upperBound } from './sorted-groups.js';

const A = Number.NaN;

describe('sortGroups', () => {
  it('groups the scores of those who sat, ascending per group, and counts 应考', () => {
    const sg = sortGroups(Float64Array.from([5, A, 3, 9, 1, 3]), Int32Array.from([1, 1, 0, 1, 0, 2]), 4);
    expect(Array.from(sg.starts)).toEqual([0, 2, 4, 5, 5]);
    expect(Array.from(sg.sorted)).toEqual([1, 3, 5, 9, 3]);
    expect(Array.from(sg.expected)).toEqual([2, 3, 1, 0]);
  });

  it('refuses a group id out of range', () => {
    expect(() => sortGroups(Float64Array.from([1]), Int32Array.from([2]), 2)).toThrow(RangeError);
  });
});

describe('upperBound', () => {
  it('is the first index with a value > x', () => {
    const xs = [1, 2, 2, 2, 5];
    expect([0, 1, 2, 4, 5, 6].map((x) => upperBound(xs, x))).toEqual([0, 1, 4, 4, 5, 5]);
    expect(upperBound(xs, 2, 2, 3)).toBe(3);
  });
});

describe('standingFromSorted', () => {
  it('1224 ranks and PR = 100·(below + ½·tied)/N by hand', () => {
    // group 0: 90, 80, 80, 70 (+ an absent); group 1: 60
    const scores = Float64Array.from([80, 90, A, 70, 80, 60]);
    const groups = Int32Array.from([0, 0, 0, 0, 0, 1]);
    const got = standingFromSorted(scores, groups, sortGroups(scores, groups, 2));
    expect(Array.from(got.rank)).toEqual([2, 1, 0, 4, 2, 1]);
    // 80: below 1 (70), tied 2 → 100·(1 + 1)/4 = 50; 90: 100·(3 + 0.5)/4 = 87.5; 70: 100·0.5/4 = 12.5; 60 alone: 50
    expect(Array.from(got.percentileRank)).toEqual([50, 87.5, A, 12.5, 50, 50]);
  });

  it('matches a naive count on random data with many ties', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const n = 400;
    const scores = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? A : Math.floor(rnd() * 20)));
    const groups = Int32Array.from({ length: n }, () => Math.floor(rnd() * 5));
    const got = standingFromSorted(scores, groups, sortGroups(scores, groups, 5));
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(scores[i])) continue;
      const peers = [...scores].filter((x, j) => groups[j] === groups[i] && !Number.isNaN(x));
      expect(got.rank[i]).toBe(peers.filter((x) => x > scores[i]).length + 1);
      const below = peers.filter((x) => x < scores[i]).length;
      const tied = peers.filter((x) => x === scores[i]).length;
      expect(got.percentileRank[i]).toBeCloseTo((100 * (below + 0.5 * tied)) / peers.length, 12);
    }
  });
});

describe('bandOf', () => {
  it('puts a score on an edge in the band above, also through binary noise (0.3 − 0.1·k)', () => {
    // full 0.3, step 0.1: bands [0.2, 0.3], [0.1, 0.2), [0, 0.1)
    expect([0.3, 0.2, 0.19999, 0.1, 0.30000000000000004 - 0.2, 0].map((x) => bandOf(x, 0.3, 0.1, 3))).toEqual([
      0, 0, 1, 1, 1, 2,
    ]);
    expect(scoreBands(Float64Array.from([0.3, 0.2, 0.1, 0]), 0.3, 0.1).map((b) => b.count)).toEqual([2, 1, 1]);
  });
});
