import { describe, expect, it } from 'vitest';
import { calendarYears } from './seed.js';
import {
  applyChange,
  resolvePath,
  stepFromActual,
  stepValue,
  targetValue,
  validatePath,
  validateTarget,
} from './targets.js';
import type { Target, TargetPath } from './types.js';

const [Y1, Y2, Y3] = calendarYears(2025, 3);

describe('change targets', () => {
  it('points by default, relative on request', () => {
    // 0.82 + 3.5 points = 0.855; 0.82 × 1.035 = 0.8487
    expect(applyChange(0.82, 0.035)).toBe(0.855);
    expect(applyChange(0.82, 0.035, 'relative')).toBe(0.8487);
    // 低分率 0.09 − 1 point = 0.08
    expect(applyChange(0.09, -0.01)).toBe(0.08);
  });

  it('resolves each rule kind; a change without a baseline is null', () => {
    expect(targetValue({ kind: 'absolute', value: 0.95 }, null)).toBe(0.95);
    expect(targetValue({ kind: 'count', value: 380 }, null)).toBe(380);
    expect(targetValue({ kind: 'rank', atMost: 3, among: '全市' }, null)).toBe(3);
    expect(targetValue({ kind: 'change', delta: 0.035 }, 0.82)).toBe(0.855);
    expect(targetValue({ kind: 'change', delta: 0.035 }, null)).toBeNull();
  });

  it('refuses a change without baseline, a change against the direction, a bad rank or count', () => {
    const t = (rule: Target['rule'], baseline: number | null): Target => ({
      indicator: 'x',
      orgUnit: 's1',
      period: Y1,
      rule,
      baseline,
    });
    expect(validateTarget(t({ kind: 'change', delta: 0.035 }, 0.82), 'higher')).toEqual([]);
    expect(validateTarget(t({ kind: 'change', delta: 0.035 }, null), 'higher')[0]).toMatch(/needs a baseline/);
    expect(validateTarget(t({ kind: 'change', delta: 0.01 }, 0.09), 'lower')[0]).toMatch(/against the indicator/);
    expect(validateTarget(t({ kind: 'rank', atMost: 0 }, null), 'lower')[0]).toMatch(/whole number ≥ 1/);
    expect(validateTarget(t({ kind: 'count', value: 3.5 }, null), 'higher')[0]).toMatch(/whole number ≥ 0/);
    const bad: Target = { ...t({ kind: 'absolute', value: 1 }, null), period: { ...Y1, end: '2024-12-31' } };
    expect(validateTarget(bad, 'higher')[0]).toMatch(/ends/);
  });
});

describe('step paths', () => {
  it('及格率 +3.5 points a year to 0.95: 0.82 → 0.855, 0.89, 0.95 (the last year jumps to the final value)', () => {
    expect([1, 2, 3].map((k) => stepValue(0.82, 0.035, k, 3, 'points', 0.95))).toEqual([0.855, 0.89, 0.95]);
  });

  it('capped at the final value: 0.90 → 0.935, 0.95 (0.97 capped), 0.95', () => {
    expect([1, 2, 3].map((k) => stepValue(0.9, 0.035, k, 3, 'points', 0.95))).toEqual([0.935, 0.95, 0.95]);
  });

  it('a falling step is floored at the final value: 低分率 0.055 −1 point → 0.05, 0.05, 0.05', () => {
    expect([1, 2, 3].map((k) => stepValue(0.055, -0.01, k, 3, 'points', 0.05))).toEqual([0.05, 0.05, 0.05]);
  });

  it('relative steps compound: 0.80 × 1.035 = 0.828, × 1.035² = 0.85698', () => {
    expect(stepValue(0.8, 0.035, 1, 3, 'relative')).toBe(0.828);
    expect(stepValue(0.8, 0.035, 2, 3, 'relative')).toBe(0.85698);
  });

  const path: TargetPath = {
    kind: 'step',
    indicator: 'pass',
    orgUnit: 'county',
    periods: [Y1, Y2, Y3],
    baseline: 0.82,
    step: 0.035,
    final: 0.95,
  };

  it("resolves to absolute targets, each period's baseline the previous period's plan", () => {
    const ts = resolvePath(path);
    expect(ts.map((t) => [t.period.id, t.rule, t.baseline])).toEqual([
      ['2025', { kind: 'absolute', value: 0.855 }, 0.82],
      ['2026', { kind: 'absolute', value: 0.89 }, 0.855],
      ['2027', { kind: 'absolute', value: 0.95 }, 0.89],
    ]);
  });

  it('refuses a step path without baseline, overlapping periods, a schedule of the wrong length', () => {
    expect(() => resolvePath({ ...path, baseline: null })).toThrow(/needs a baseline/);
    expect(validatePath({ ...path, periods: [Y1, { ...Y2, start: '2025-12-31' }] })[0]).toMatch(/overlap/);
    expect(validatePath({ ...path, periods: [Y2, Y1] })[0]).toMatch(/out of order/);
    expect(
      validatePath({
        kind: 'schedule',
        indicator: 'x',
        orgUnit: 'c',
        periods: [Y1, Y2],
        baseline: null,
        values: [1],
      })[0],
    ).toMatch(/1 values for 2 periods/);
  });
});

describe("step anchored on last year's actual", () => {
  it('0.87 actual + 3.5 points → 0.905; 0.93 → 0.95 (capped); last year → 0.95; unknown actual → null', () => {
    expect(stepFromActual(0.87, 0.035, false, 'points', 0.95)).toBe(0.905);
    expect(stepFromActual(0.93, 0.035, false, 'points', 0.95)).toBe(0.95);
    expect(stepFromActual(0.87, 0.035, true, 'points', 0.95)).toBe(0.95);
    expect(stepFromActual(null, 0.035, false, 'points', 0.95)).toBeNull();
    expect(stepFromActual(0.08, -0.01, false)).toBe(0.07);
  });
});
