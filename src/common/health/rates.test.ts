import { describe, expect, it } from 'vitest';
import { fitnessRates, itemRates, myopiaRate, rateChange } from './rates.js';

describe('fitness rates (hand-worked)', () => {
  it('leaves 免测 and unscored students out of every 等级 denominator', () => {
    // 20 students: 2 免测, 1 "no standard value"; scored 17 = 优秀 3 + 良好 5 + 及格 7 + 不及格 2.
    const r = fitnessRates({
      students: 20,
      exempt: 2,
      unscored: 1,
      excellent: 3,
      good: 5,
      pass: 7,
      fail: 2,
      bmiMeasured: 19,
      underweight: 1,
      overweight: 3,
      obese: 2,
    });
    expect(r.scored).toBe(17);
    expect(r.passRate).toBeCloseTo(15 / 17, 12); // 0.88235…
    expect(r.goodRate).toBeCloseTo(8 / 17, 12);
    expect(r.excellentRate).toBeCloseTo(3 / 17, 12);
    expect(r.failRate).toBeCloseTo(2 / 17, 12);
    expect(r.overweightRate).toBeCloseTo(3 / 19, 12);
    expect(r.obesityRate).toBeCloseTo(2 / 19, 12);
    expect(r.underweightRate).toBeCloseTo(1 / 19, 12);
  });

  it('gives null, not 0, without a denominator', () => {
    const r = fitnessRates({
      students: 2,
      exempt: 2,
      unscored: 0,
      excellent: 0,
      good: 0,
      pass: 0,
      fail: 0,
      bmiMeasured: 0,
      underweight: 0,
      overweight: 0,
      obese: 0,
    });
    expect(r.passRate).toBeNull();
    expect(r.obesityRate).toBeNull();
  });

  it('item weak points: mean and share below 60', () => {
    // scores 100, 60, 0, 100 → mean 65; below 60: 1 of 4.
    expect(itemRates({ scored: 4, scoreSum: 260, below60: 1 })).toEqual({ meanScore: 65, failRate: 0.25 });
    expect(itemRates({ scored: 0, scoreSum: 0, below60: 0 })).toEqual({ meanScore: null, failRate: null });
  });

  it('myopia rate and its change against last year', () => {
    // 45 of 120 now (37.5%), 40 of 125 last year (32%) → +5.5 points.
    const now = myopiaRate(45, 120);
    const before = myopiaRate(40, 125);
    expect(now).toBe(0.375);
    expect(before).toBe(0.32);
    expect(rateChange(now, before)).toBeCloseTo(0.055, 12);
    expect(rateChange(now, null)).toBeNull();
    expect(myopiaRate(0, 0)).toBeNull();
  });
});
