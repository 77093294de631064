import { describe, expect, it } from 'vitest';
import { intervalsOverlap, isSuppressed, meanSd, tInterval, tQuantile975, wilsonInterval } from './stats.js';

describe('wilsonInterval', () => {
  it('8/10 → [0.490, 0.943] (the published value)', () => {
    // p = 0.8, z² = 3.8415, z²/n = 0.38415, 1 + z²/n = 1.38415
    // centre = (0.8 + 0.19207)/1.38415 = 0.71674
    // half = 1.96/1.38415 · √(0.016 + 0.0096037) = 1.41600 · 0.160012 = 0.22658 → [0.49016, 0.94332]
    const ci = wilsonInterval(8, 10)!;
    expect(ci.low).toBeCloseTo(0.4902, 4);
    expect(ci.high).toBeCloseTo(0.9433, 4);
  });

  it('7/9 → [0.4526, 0.9368]', () => {
    // p = 0.77778, 1 + z²/n = 1.42683; centre = (0.77778 + 0.21341)/1.42683 = 0.69469
    // half = 1.95996/1.42683 · √(0.019204 + 0.011856) = 1.37365 · 0.17624 = 0.24210
    const ci = wilsonInterval(7, 9)!;
    expect(ci.low).toBeCloseTo(0.4526, 4);
    expect(ci.high).toBeCloseTo(0.9368, 4);
  });

  it('stays inside [0, 1] at p = 0 and p = 1; null at n = 0', () => {
    // 0/10: centre = 0.19207/1.38415 = 0.13877 = half → [0, 0.27753]
    const zero = wilsonInterval(0, 10)!;
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10)!;
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBeLessThanOrEqual(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('t interval', () => {
  it('t₀.₉₇₅ from the table and the expansion', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile975(8)).toBeCloseTo(2.306, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.0423, 4);
    // beyond the table: t(31) = 2.039513, t(60) = 2.000298, t(1000) = 1.962339
    expect(tQuantile975(31)).toBeCloseTo(2.039513, 6);
    expect(tQuantile975(60)).toBeCloseTo(2.000298, 6);
    expect(tQuantile975(1000)).toBeCloseTo(1.962339, 6);
    expect(tQuantile975(0)).toBeNaN();
  });

  it('[60, 70, 80, 90] → 75 ± 20.54', () => {
    // mean 75; SS = 225 + 25 + 25 + 225 = 500; s² = 500/3; s = 12.9099; se = s/2 = 6.45497
    // t(3) = 3.182446 → half = 20.5426 → [54.4574, 95.5426]
    expect(meanSd([60, 70, 80, 90]).mean).toBe(75);
    const ci = tInterval([60, 70, 80, 90])!;
    expect(ci.low).toBeCloseTo(54.4574, 3);
    expect(ci.high).toBeCloseTo(95.5426, 3);
  });

  it('clipped to the scale; null below n = 2; a point when sd = 0', () => {
    // [0, 50, 100]: mean 50, s = 50, half = 4.3027 · 50/√3 = 124.2 → clipped to [0, 100]
    expect(tInterval([0, 50, 100])).toEqual({ low: 0, high: 100 });
    expect(tInterval([80])).toBeNull();
    expect(tInterval([])).toBeNull();
    expect(tInterval([70, 70, 70])).toEqual({ low: 70, high: 70 });
    expect(meanSd([])).toEqual({ n: 0, mean: null, sd: null });
    expect(meanSd([5])).toEqual({ n: 1, mean: 5, sd: null });
  });
});

describe('helpers', () => {
  it('intervals touching at a point overlap', () => {
    expect(intervalsOverlap({ low: 0.7, high: 0.8 }, { low: 0.8, high: 0.9 })).toBe(true);
    expect(intervalsOverlap({ low: 0.7, high: 0.79 }, { low: 0.8, high: 0.9 })).toBe(false);
    expect(intervalsOverlap({ low: 0.8, high: 0.9 }, { low: 0.7, high: 0.79 })).toBe(false);
  });

  it('suppression at threshold − 1 and at the threshold', () => {
    expect(isSuppressed(9)).toBe(true);
    expect(isSuppressed(10)).toBe(false);
    expect(isSuppressed(4, 5)).toBe(true);
    expect(isSuppressed(5, 5)).toBe(false);
  });
});
