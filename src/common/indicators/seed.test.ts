import { describe, expect, it } from 'vitest';
import { attainment } from './attainment.js';
import { calendarYears, PIAN2_INDICATORS, pian2Paths, schoolYears } from './seed.js';
import { resolvePath, validateTarget } from './targets.js';
import type { Target } from './types.js';

/**
 * 篇2's three years as 2025–2027 (the seed writes 20xx), with hand-chosen baselines (the seed gives none):
 * 及格率 0.82, 优秀率 0.28, 低分率 0.09.
 */
const periods = calendarYears(2025, 3);
const paths = pian2Paths('county', periods, { passRate: 0.82, excellentRate: 0.28, lowRate: 0.09 });
const resolved = new Map(paths.map((p) => [p.indicator, resolvePath(p)]));
const values = (code: string) =>
  (resolved.get(code) as Target[]).map((t) => t.rule.kind === 'absolute' && t.rule.value);

describe('篇2 year-by-year targets (seed-000 §3.2 #14–#30)', () => {
  it('及格率 +3.5 points a year, 0.95 in year 3: 0.855, 0.89, 0.95', () => {
    expect(values('primary-grad-pass-rate')).toEqual([0.855, 0.89, 0.95]);
  });
  it('优秀率 +2 points a year, 0.35 in year 3: 0.30, 0.32, 0.35', () => {
    expect(values('primary-grad-excellent-rate')).toEqual([0.3, 0.32, 0.35]);
  });
  it('低分率 −1 point a year, ≤ 0.05 in year 3: 0.08, 0.07, 0.05', () => {
    expect(values('primary-grad-low-rate')).toEqual([0.08, 0.07, 0.05]);
  });
  it('体质监测合格率 ≥ 0.95 each year; 中考低分率 ≤ 0.07 each year', () => {
    expect(values('fitness-pass-rate')).toEqual([0.95, 0.95, 0.95]);
    expect(values('zhongkao-low-rate')).toEqual([0.07, 0.07, 0.07]);
  });
  it('高分段 460 / 506 / 556; 一本上线率 0.080 / 0.096 / 0.115', () => {
    expect(values('zhongkao-high-band-count')).toEqual([460, 506, 556]);
    expect(values('gaokao-tier1-rate')).toEqual([0.08, 0.096, 0.115]);
  });

  it('every path names a library indicator, cites §3.2, and its targets validate in that direction', () => {
    for (const p of paths) {
      const ind = PIAN2_INDICATORS.find((i) => i.code === p.indicator);
      expect(ind, p.indicator).toBeDefined();
      expect(p.citation).toMatch(/seed-000-notes §3\.2 #\d/);
      for (const t of resolved.get(p.indicator) as Target[]) expect(validateTarget(t, ind!.direction)).toEqual([]);
    }
  });

  it('relative reading of 及格率: 0.82 × 1.035 = 0.8487, × 1.035² = 0.8784045, then 0.95', () => {
    const rel = pian2Paths('county', periods, { passRate: 0.82, excellentRate: 0.28, lowRate: 0.09 }, 'relative');
    expect(resolvePath(rel[0]).map((t) => t.rule.kind === 'absolute' && t.rule.value)).toEqual([
      0.8487, 0.8784045, 0.95,
    ]);
  });

  it('attainment in year 2 (2026): 及格率 0.90 green; 低分率 0.075 red at year end, amber (exactly on path) mid-year', () => {
    const pass = (resolved.get('primary-grad-pass-rate') as Target[])[1];
    const low = (resolved.get('primary-grad-low-rate') as Target[])[1];
    const run = (t: Target, direction: 'higher' | 'lower', value: number, asOf: string) =>
      attainment({ rule: t.rule, direction, baseline: t.baseline, value, period: t.period, asOf });
    expect(run(pass, 'higher', 0.9, '2026-12-31')).toMatchObject({ target: 0.89, status: 'green', gap: 0.01 });
    expect(run(low, 'lower', 0.075, '2026-12-31')).toMatchObject({ target: 0.07, status: 'red', gap: -0.005 });
    // 2026-07-02 is half-way: expected 0.08 + 0.5 × (0.07 − 0.08) = 0.075
    expect(run(low, 'lower', 0.075, '2026-07-02')).toMatchObject({ status: 'amber', expected: 0.075 });
  });

  it('a missing baseline or a wrong number of years is refused', () => {
    const noBase = pian2Paths('county', periods, { passRate: null, excellentRate: 0.28, lowRate: 0.09 });
    expect(() => resolvePath(noBase[0])).toThrow(/needs a baseline/);
    expect(() =>
      pian2Paths('county', schoolYears(2025, 2), { passRate: 0.8, excellentRate: 0.3, lowRate: 0.1 }),
    ).toThrow(/three-year/);
  });
});
