import { describe, expect, it } from 'vitest';
import { attainment } from './attainment.js';
import { calendarYears } from './seed.js';
import { schoolsMissing, splitEqual, splitProportional, splitSameChange } from './split.js';

const sum = (xs: { value: number | null }[]) => xs.reduce((a, x) => a + (x.value as number), 0);

describe('splitting a county target', () => {
  it('equal absolute target: every school ≥ 0.95', () => {
    expect(splitEqual(0.95, [{ orgUnit: 'a' }, { orgUnit: 'b' }])).toEqual([
      { orgUnit: 'a', value: 0.95 },
      { orgUnit: 'b', value: 0.95 },
    ]);
  });

  it('same improvement in points from each baseline: 0.70 → 0.735, 0.90 → 0.935; no baseline → null', () => {
    expect(
      splitSameChange(0.035, [
        { orgUnit: 'a', baseline: 0.7 },
        { orgUnit: 'b', baseline: 0.9 },
        { orgUnit: 'c', baseline: null },
      ]),
    ).toEqual([
      { orgUnit: 'a', value: 0.735 },
      { orgUnit: 'b', value: 0.935 },
      { orgUnit: 'c', value: null },
    ]);
    expect(splitSameChange(-0.01, [{ orgUnit: 'a', baseline: 0.09 }])).toEqual([{ orgUnit: 'a', value: 0.08 }]);
    expect(splitSameChange(0.1, [{ orgUnit: 'a', baseline: 0.5 }], 'relative')).toEqual([
      { orgUnit: 'a', value: 0.55 },
    ]);
  });

  it('proportional: 380 学位 over 500/300/200 → 190/114/76', () => {
    const parts = splitProportional(380, [
      { orgUnit: 'a', size: 500 },
      { orgUnit: 'b', size: 300 },
      { orgUnit: 'c', size: 200 },
    ]);
    expect(parts.map((p) => p.value)).toEqual([190, 114, 76]);
  });

  it('largest remainder: 380 over 250/250/333 → ⌊114.05⌋, ⌊114.05⌋, ⌊151.91⌋ = 379, the 1 left to the .91 → 152', () => {
    const parts = splitProportional(380, [
      { orgUnit: 'a', size: 250 },
      { orgUnit: 'b', size: 250 },
      { orgUnit: 'c', size: 333 },
    ]);
    expect(parts.map((p) => p.value)).toEqual([114, 114, 152]);
    expect(sum(parts)).toBe(380);
  });

  it('ties go to the larger school, then the earlier: 380 over three equal → 127/127/126; 2 over 1/3 → 0/2', () => {
    const eq = splitProportional(380, [
      { orgUnit: 'a', size: 1 },
      { orgUnit: 'b', size: 1 },
      { orgUnit: 'c', size: 1 },
    ]);
    expect(eq.map((p) => p.value)).toEqual([127, 127, 126]);
    // 2 over sizes 1 and 3: exact 0.5 and 1.5 → 0 and 1, 1 left, remainders tie at 0.5 → the larger school (b)
    expect(
      splitProportional(2, [
        { orgUnit: 'a', size: 1 },
        { orgUnit: 'b', size: 3 },
      ]).map((p) => p.value),
    ).toEqual([0, 2]);
  });

  it('refuses a fractional total, a missing size, all sizes 0', () => {
    expect(() => splitProportional(3.5, [{ orgUnit: 'a', size: 1 }])).toThrow(/whole number/);
    expect(() => splitProportional(3, [{ orgUnit: 'a' }])).toThrow(/needs a size/);
    expect(() => splitProportional(3, [{ orgUnit: 'a', size: 0 }])).toThrow(/above 0/);
  });
});

describe('schools that miss theirs', () => {
  const [Y] = calendarYears(2025, 1);
  const row = (orgUnit: string, baseline: number | null, value: number | null) => ({
    orgUnit,
    attainment: attainment({
      rule: { kind: 'absolute', value: 0.95 },
      direction: 'higher',
      baseline,
      value,
      period: Y,
      asOf: '2025-07-02',
    }),
  });

  it('amber and red, worst gap first; no data apart', () => {
    const rows = [
      row('a', 0.9, 0.96), // green
      row('b', 0.9, 0.93), // amber: expected 0.925
      row('c', 0.9, 0.91), // red
      row('d', 0.9, null), // grey
    ];
    const { missing, noData } = schoolsMissing(rows);
    expect(missing.map((r) => [r.orgUnit, r.attainment.status, r.attainment.gap])).toEqual([
      ['c', 'red', -0.04],
      ['b', 'amber', -0.02],
    ]);
    expect(noData.map((r) => r.orgUnit)).toEqual(['d']);
  });
});
