import { describe, expect, it } from 'vitest';
import { belowTarget, coverage, coverageByParent, coverageOf, rollUpCoverage } from './coverage.js';

describe('coverage', () => {
  it('50% a term: 18 of 40 families → required ⌈20⌉ = 20, shortfall 2, not met', () => {
    expect(coverage({ unitId: 'c1', eligible: 40, respondents: 18 }, 0.5)).toEqual({
      unitId: 'c1',
      eligible: 40,
      respondents: 18,
      target: 0.5,
      coverage: 0.45,
      required: 20,
      shortfall: 2,
      met: false,
    });
  });

  it('an odd class rounds the requirement up: 41 families → ⌈20.5⌉ = 21', () => {
    expect(coverage({ unitId: 'c', eligible: 41, respondents: 20 }, 0.5)).toMatchObject({ required: 21, shortfall: 1 });
    expect(coverage({ unitId: 'c', eligible: 41, respondents: 21 }, 0.5)).toMatchObject({ shortfall: 0, met: true });
  });

  it('no binary noise: 7% of 100 is 7 families, not 8 (0.07 × 100 = 7.000000000000001)', () => {
    expect(coverage({ unitId: 's', eligible: 100, respondents: 7 }, 0.07)).toMatchObject({ required: 7, met: true });
  });

  it('phone sample 5%: 610 families → ⌈30.5⌉ = 31 calls; 100% a year', () => {
    expect(coverage({ unitId: 's', eligible: 610, respondents: 30 }, 0.05)).toMatchObject({
      required: 31,
      shortfall: 1,
    });
    expect(coverage({ unitId: 's', eligible: 610, respondents: 610 }, 1)).toMatchObject({ coverage: 1, met: true });
  });

  it('no eligible family: coverage null, nothing required', () => {
    expect(coverage({ unitId: 'e', eligible: 0, respondents: 0 }, 0.5)).toMatchObject({
      coverage: null,
      required: 0,
      shortfall: 0,
      met: true,
    });
  });

  it('classes below target, largest shortfall first', () => {
    const classes = [
      { unitId: 'c1', eligible: 40, respondents: 18 }, // shortfall 2
      { unitId: 'c2', eligible: 40, respondents: 25 }, // met
      { unitId: 'c3', eligible: 44, respondents: 12 }, // required 22, shortfall 10
      { unitId: 'c4', eligible: 20, respondents: 8 }, // required 10, shortfall 2, coverage 0.4 < 0.45
    ];
    expect(belowTarget(classes, 0.5).map((c) => [c.unitId, c.shortfall])).toEqual([
      ['c3', 10],
      ['c4', 2],
      ['c1', 2],
    ]);
    expect(coverageOf(classes, 0.5).map((c) => c.met)).toEqual([false, true, false, false]);
  });

  it('a school sums its classes (not a mean of class rates)', () => {
    // (40, 18) + (41, 25) → 81 families, 43 respondents; required ⌈40.5⌉ = 41 → met although class 1 is not
    const school = rollUpCoverage(
      'school',
      [
        { unitId: 'c1', eligible: 40, respondents: 18 },
        { unitId: 'c2', eligible: 41, respondents: 25 },
      ],
      0.5,
    );
    expect(school).toMatchObject({ eligible: 81, respondents: 43, required: 41, shortfall: 0, met: true });
    expect(school.coverage).toBeCloseTo(43 / 81, 12);
    const bySchool = coverageByParent(
      [
        { unitId: 'A-1', eligible: 40, respondents: 18 },
        { unitId: 'B-1', eligible: 30, respondents: 10 },
        { unitId: 'A-2', eligible: 41, respondents: 25 },
      ],
      (id) => id.split('-')[0],
      0.5,
    );
    expect(bySchool.map((s) => [s.unitId, s.eligible, s.respondents, s.shortfall])).toEqual([
      ['A', 81, 43, 0],
      ['B', 30, 10, 5],
    ]);
  });
});
