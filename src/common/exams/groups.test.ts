import { describe, expect, it } from 'vitest';
import { describe as describeScores } from './descriptives.js';
import { groupSummaries } from './groups.js';
import { DEFAULT_THRESHOLDS, rates, resolveCuts } from './rates.js';

const A = Number.NaN;

describe('groupSummaries', () => {
  it('matches describe + rates on each group taken separately (naive filtering)', () => {
    let seed = 9;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const n = 500;
    const G = 12;
    const scores = Float64Array.from({ length: n }, () => (rnd() < 0.04 ? A : Math.round(rnd() * 240) / 2));
    const groups = Int32Array.from({ length: n }, () => Math.floor(rnd() * (G - 1))); // group 11 stays empty
    const cuts = resolveCuts(DEFAULT_THRESHOLDS, 120, []);
    const got = groupSummaries(scores, groups, G, 120, cuts);
    for (let g = 0; g < G; g++) {
      const mine = Float64Array.from([...scores].filter((_, i) => groups[i] === g));
      const want = { group: g, ...describeScores(mine, 120), ...rates(mine, 120) };
      expect(got[g]).toEqual(want);
    }
    expect(got[11]).toMatchObject({ expected: 0, n: 0, mean: null, passRate: null });
  });

  it('a group where everyone was absent: 应考 counted, statistics null', () => {
    const cuts = resolveCuts(DEFAULT_THRESHOLDS, 100, []);
    const got = groupSummaries(Float64Array.from([A, A, 90, 50]), Int32Array.from([0, 0, 1, 1]), 2, 100, cuts);
    expect(got[0]).toMatchObject({ expected: 2, n: 0, absent: 2, mean: null, sd: null, excellentRate: null });
    expect(got[1]).toMatchObject({ expected: 2, n: 2, mean: 70, excellentRate: 0.5, passRate: 0.5, lowRate: 0 });
  });

  it('refuses a group id out of range or lengths that differ', () => {
    const cuts = resolveCuts(DEFAULT_THRESHOLDS, 100, []);
    expect(() => groupSummaries(Float64Array.from([1]), Int32Array.from([3]), 2, 100, cuts)).toThrow(RangeError);
    expect(() => groupSummaries(Float64Array.from([1]), Int32Array.from([]), 2, 100, cuts)).toThrow(RangeError);
  });
});
