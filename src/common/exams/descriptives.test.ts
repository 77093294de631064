import { expect, it, describe as suite } from 'vitest';
import { describe, quantileSorted, sortedScores } from './descriptives.js';

const A = Number.NaN; // a student who did not sit

/**
 * Hand-worked example, 10 students who sat + 2 absent, full marks 100:
 *   x = 62, 75, 75, 88, 90, 41, 59.5, 100, 75, 83   Σx = 748.5 → mean 74.85
 *   sorted: 41, 59.5, 62, 75, 75, 75, 83, 88, 90, 100
 *   R type 7: q1 h = 9·0.25 = 2.25 → 62 + 0.25·(75 − 62) = 65.25; median h = 4.5 → 75; q3 h = 6.75 → 83 + 0.75·5 = 86.75
 *   Σ(x − 74.85)² = 2648.025 → sample SD √(2648.025/9) = 17.152988…  (numpy: 17.15298807788311)
 *   CV = 17.1529…/74.85 = 0.2291648… ; G₁ skewness (scipy.stats.skew(bias=False)) = −0.6143624088706412
 *   得分率 = 0.7485
 */
const X = Float64Array.from([62, 75, A, 75, 88, 90, 41, 59.5, 100, A, 75, 83]);

suite('describe', () => {
  it('matches the hand-worked example, absent students excluded (not 0)', () => {
    const d = describe(X, 100);
    expect(d.expected).toBe(12);
    expect(d.n).toBe(10);
    expect(d.absent).toBe(2);
    expect(d.mean).toBeCloseTo(74.85, 12);
    expect(d.sd).toBeCloseTo(17.15298807788311, 12);
    expect(d.min).toBe(41);
    expect(d.max).toBe(100);
    expect(d.q1).toBeCloseTo(65.25, 12);
    expect(d.median).toBe(75);
    expect(d.q3).toBeCloseTo(86.75, 12);
    expect(d.cv).toBeCloseTo(0.22916483737986787, 12);
    expect(d.skewness).toBeCloseTo(-0.6143624088706412, 12);
    expect(d.scoreRate).toBeCloseTo(0.7485, 12);
  });

  it('agrees with a naive implementation on random data', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 20; trial++) {
      const xs = Array.from({ length: 3 + Math.floor(rnd() * 50) }, () => Math.round(rnd() * 150 * 2) / 2);
      const n = xs.length;
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      const s = [...xs].sort((a, b) => a - b);
      // R type 7 written out: 1-based m = 1 + (n − 1)p
      const q = (p: number) => {
        const m = 1 + (n - 1) * p;
        const j = Math.floor(m);
        return j >= n ? s[n - 1] : s[j - 1] + (m - j) * (s[j] - s[j - 1]);
      };
      const d = describe(Float64Array.from(xs), 150);
      expect(d.mean).toBeCloseTo(mean, 9);
      expect(d.sd).toBeCloseTo(sd, 9);
      expect(d.q1).toBeCloseTo(q(0.25), 9);
      expect(d.median).toBeCloseTo(q(0.5), 9);
      expect(d.q3).toBeCloseTo(q(0.75), 9);
      if (sd > 0) {
        const g1 = (n / ((n - 1) * (n - 2))) * xs.reduce((a, b) => a + ((b - mean) / sd) ** 3, 0);
        expect(d.skewness).toBeCloseTo(g1, 9);
      }
    }
  });

  it('zero variance: sd 0, skewness null, never NaN', () => {
    const d = describe(Float64Array.from([80, 80, 80, A]), 100);
    expect(d.sd).toBe(0);
    expect(d.cv).toBe(0);
    expect(d.skewness).toBeNull();
    expect(d.median).toBe(80);
    expect(Object.values(d).some((v) => typeof v === 'number' && !Number.isFinite(v))).toBe(false);
  });

  it('n = 1: mean and quantiles, SD/CV/skew null', () => {
    const d = describe(Float64Array.from([A, 70]), 100);
    expect(d.n).toBe(1);
    expect(d.mean).toBe(70);
    expect(d.median).toBe(70);
    expect(d.sd).toBeNull();
    expect(d.cv).toBeNull();
    expect(d.skewness).toBeNull();
  });

  it('all absent: counts only, every statistic null', () => {
    const d = describe(Float64Array.from([A, A, A]), 100);
    expect(d).toMatchObject({ expected: 3, n: 0, absent: 3, mean: null, sd: null, median: null, scoreRate: null });
  });

  it('quantileSorted and sortedScores', () => {
    expect(quantileSorted([], 0.5)).toBeNull();
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect([...sortedScores([3, A, 1, 2])]).toEqual([1, 2, 3]);
  });
});
