import { describe, expect, it } from 'vitest';
import { attainment, contractStatus, elapsedFraction, rollup, trend } from './attainment.js';
import { calendarYears } from './seed.js';
import type { Direction, TargetRule } from './types.js';

/** Calendar 2025: 364 days from 01-01 to 12-31, so 2025-07-02 (day 182) is exactly half-way. */
const [Y] = calendarYears(2025, 1);
const MID = '2025-07-02';
const END = '2025-12-31';

const at = (rule: TargetRule, direction: Direction, baseline: number | null, value: number | null, asOf = END) =>
  attainment({ rule, direction, baseline, value, period: Y, asOf });

describe('elapsedFraction', () => {
  it('0 on the first day and before, 0.5 on 07-02, 1 on the last day and after', () => {
    expect(elapsedFraction(Y, '2024-12-01')).toBe(0);
    expect(elapsedFraction(Y, '2025-01-01')).toBe(0);
    expect(elapsedFraction(Y, MID)).toBe(0.5);
    expect(elapsedFraction(Y, END)).toBe(1);
    expect(elapsedFraction(Y, '2026-03-01')).toBe(1);
  });
});

describe('absolute targets', () => {
  const ge95: TargetRule = { kind: 'absolute', value: 0.95 };
  const le5: TargetRule = { kind: 'absolute', value: 0.05 };

  it('higher is better: exactly on target is green (gap 0, ratio 1); 0.953 is +0.003', () => {
    expect(at(ge95, 'higher', null, 0.95)).toMatchObject({ status: 'green', gap: 0, ratio: 1 });
    const a = at(ge95, 'higher', null, 0.953);
    expect(a.status).toBe('green');
    expect(a.gap).toBe(0.003);
    expect(a.ratio).toBeCloseTo(0.953 / 0.95, 10);
    expect(at(ge95, 'higher', null, 0.94)).toMatchObject({ status: 'red', gap: -0.01 });
  });

  it('lower is better (低分率 ≤ 0.05): 0.05 green, 0.04 green with ratio 1.25, 0.06 red with gap −0.01', () => {
    expect(at(le5, 'lower', null, 0.05)).toMatchObject({ status: 'green', gap: 0, ratio: 1 });
    expect(at(le5, 'lower', null, 0.04)).toMatchObject({ status: 'green', gap: 0.01, ratio: 1.25 });
    expect(at(le5, 'lower', null, 0.06)).toMatchObject({ status: 'red', gap: -0.01 });
  });

  it('mid-period, higher: baseline 0.82 → 0.855 expects 0.8375 half-way; 0.84 amber, 0.8375 amber, 0.83 red', () => {
    const r: TargetRule = { kind: 'absolute', value: 0.855 };
    expect(at(r, 'higher', 0.82, 0.84, MID)).toMatchObject({ status: 'amber', expected: 0.8375, elapsed: 0.5 });
    expect(at(r, 'higher', 0.82, 0.8375, MID).status).toBe('amber');
    expect(at(r, 'higher', 0.82, 0.83, MID).status).toBe('red');
    // the same 0.84 at the end of the year is red: the path has reached the target
    expect(at(r, 'higher', 0.82, 0.84, END).status).toBe('red');
  });

  it('mid-period, lower: 低分率 0.09 → 0.08 expects 0.085 half-way; 0.084 amber, 0.087 red', () => {
    const r: TargetRule = { kind: 'absolute', value: 0.08 };
    expect(at(r, 'lower', 0.09, 0.084, MID)).toMatchObject({ status: 'amber', expected: 0.085 });
    expect(at(r, 'lower', 0.09, 0.087, MID).status).toBe('red');
    expect(at(r, 'lower', 0.09, 0.08, MID).status).toBe('green');
  });

  it('not met without a baseline is red even mid-period (no path to be on)', () => {
    expect(at(ge95, 'higher', null, 0.94, MID)).toMatchObject({ status: 'red', expected: null });
  });
});

describe('change targets: points vs relative', () => {
  const points: TargetRule = { kind: 'change', delta: 0.035 };
  const relative: TargetRule = { kind: 'change', delta: 0.035, mode: 'relative' };

  it('+3.5 points from 0.82 → 0.855; 0.8375 is half the required change (ratio 0.5)', () => {
    const a = at(points, 'higher', 0.82, 0.8375);
    expect(a).toMatchObject({ target: 0.855, ratio: 0.5, status: 'red', gap: -0.0175 });
  });

  it('+3.5% relative from 0.82 → 0.8487: 0.85 is green as relative, red as points', () => {
    expect(at(relative, 'higher', 0.82, 0.85)).toMatchObject({ target: 0.8487, status: 'green' });
    expect(at(points, 'higher', 0.82, 0.85)).toMatchObject({ target: 0.855, status: 'red' });
  });

  it('relative mid-period: expected 0.82 + 0.5 × 0.0287 = 0.83435; 0.84 amber, ratio 0.02 / 0.0287', () => {
    const a = at(relative, 'higher', 0.82, 0.84, MID);
    expect(a).toMatchObject({ expected: 0.83435, status: 'amber' });
    expect(a.ratio).toBeCloseTo(0.02 / 0.0287, 10);
  });

  it('lower is better: 低分率 −1 point from 0.09 → 0.08; 0.085 gives ratio 0.5, 0.075 green with ratio 1.5', () => {
    const r: TargetRule = { kind: 'change', delta: -0.01 };
    expect(at(r, 'lower', 0.09, 0.085)).toMatchObject({ target: 0.08, ratio: 0.5, status: 'red' });
    expect(at(r, 'lower', 0.09, 0.075)).toMatchObject({ ratio: 1.5, status: 'green', gap: 0.005 });
  });

  it('a change without a baseline is grey with no target', () => {
    expect(at(points, 'higher', null, 0.9)).toMatchObject({ status: 'grey', target: null, gap: null, ratio: null });
  });
});

describe('rank and count targets', () => {
  const top3: TargetRule = { kind: 'rank', atMost: 3, among: '全市' };

  it('全市前3名: 3rd green, 1st green (ratio 3), 6th red with ratio 0.5 and gap −3', () => {
    expect(at(top3, 'higher', null, 3)).toMatchObject({ status: 'green', gap: 0, ratio: 1 });
    expect(at(top3, 'higher', null, 1)).toMatchObject({ status: 'green', ratio: 3 });
    expect(at(top3, 'higher', null, 6)).toMatchObject({ status: 'red', ratio: 0.5, gap: -3 });
  });

  it('rank from 8th half-way expects 5.5: 5th amber, 6th red', () => {
    expect(at(top3, 'lower', 8, 5, MID)).toMatchObject({ status: 'amber', expected: 5.5 });
    expect(at(top3, 'lower', 8, 6, MID).status).toBe('red');
  });

  it('新增学位 380 from 0: 380 green, half-way 190 amber (ratio 0.5), 189 red', () => {
    const r: TargetRule = { kind: 'count', value: 380 };
    expect(at(r, 'higher', 0, 380)).toMatchObject({ status: 'green', ratio: 1 });
    expect(at(r, 'higher', 0, 190, MID)).toMatchObject({ status: 'amber', ratio: 0.5, expected: 190 });
    expect(at(r, 'higher', 0, 189, MID).status).toBe('red');
  });
});

describe('missing data', () => {
  it('a missing value is grey, keeps the target, has no gap or ratio; 0 is a value (red)', () => {
    const r: TargetRule = { kind: 'absolute', value: 0.95 };
    expect(at(r, 'higher', 0.9, null, MID)).toMatchObject({
      status: 'grey',
      value: null,
      target: 0.95,
      gap: null,
      ratio: null,
    });
    expect(at(r, 'higher', 0.9, 0, MID)).toMatchObject({ status: 'red', gap: -0.95, ratio: 0 });
  });
});

describe('trend', () => {
  it('latest against the one before, missing periods skipped, signed in the better direction', () => {
    expect(trend([0.82, null, 0.86], 'higher')).toEqual({ trend: 'improving', change: 0.04 });
    expect(trend([0.08, 0.09], 'lower')).toEqual({ trend: 'worsening', change: -0.01 });
    expect(trend([0.09, 0.08], 'lower')).toEqual({ trend: 'improving', change: 0.01 });
  });

  it('within the tolerance is flat (0.823 vs 0.82, tolerance half a point); fewer than two values → null', () => {
    expect(trend([0.82, 0.823], 'higher', 0.005)).toEqual({ trend: 'flat', change: 0.003 });
    expect(trend([0.82, 0.823], 'higher')?.trend).toBe('improving');
    expect(trend([null, 0.82, null], 'higher')).toBeNull();
  });
});

describe('rollup', () => {
  it('completion = green / targets with data; grey outside the denominator', () => {
    expect(rollup(['green', 'amber', 'red', 'grey'])).toEqual({
      counts: { green: 1, amber: 1, red: 1, grey: 1 },
      completionRate: 1 / 3,
    });
    expect(rollup(['grey', 'grey']).completionRate).toBeNull();
    expect(contractStatus('grey')).toBe('none');
    expect(contractStatus('amber')).toBe('amber');
  });
});
