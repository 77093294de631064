import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { createTestDb } from '../../testing/db.js';
import { type IndicatorQuery, type IndicatorSource, indicatorSource } from '../indicators/sources.js';
import { createFixtureCounty, type FixtureCounty } from '../org/testing-fixture.js';
import { registerHealthIndicators } from './indicator-sources.js';

/**
 * health.mentalScreeningCoverage on the fixture county: enrolled today A 8, B 2, C 2, D 1 (13); A and C in 学区 east,
 * B and D in west. Rounds inserted by hand; expected values counted by hand in the comments.
 */
let db: Db;
let drop: () => Promise<void>;
let fx: FixtureCounty;
let source: IndicatorSource;
const q = (unit: IndicatorQuery['unit'], params: Record<string, unknown> = {}): IndicatorQuery => ({
  countyId: fx.countyId,
  unit,
  period: { from: fx.currentYear.startDate, to: fx.currentYear.endDate },
  params,
});

async function round(schoolId: number, termId: number, screened: number) {
  await db
    .insertInto('health_mental_rounds')
    .values({ county_id: fx.countyId, school_id: schoolId, term_id: termId, name: '普查', scale: 'MHT', screened })
    .execute();
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  fx = await createFixtureCounty(db);
  registerHealthIndicators();
  source = indicatorSource('health.mentalScreeningCoverage')!;
  await round(fx.schools.a, fx.terms.current, 6);
  await round(fx.schools.a, fx.terms.otherCurrentYear, 7); // A: the larger round, 7 of 8 (not 6 + 7)
  await round(fx.schools.b, fx.terms.current, 5); // B: 5 reported, 2 enrolled → 2
  await round(fx.schools.c, fx.terms.previous, 2); // C: last year's round, outside the period → 0
});
afterAll(() => drop());

describe('health.mentalScreeningCoverage', () => {
  it('= Σ min(largest round, enrolled) ÷ Σ enrolled over the unit’s schools', async () => {
    const county = await source.compute(db, q({ level: 'county', id: fx.countyId }));
    expect(county.value).toBeCloseTo(9 / 13, 12); // (7 + 2 + 0 + 0) / 13
    expect(county.n).toBe(13);
    expect(county.ref).toContain('9/在籍13');
    expect((await source.compute(db, q({ level: 'region', id: fx.regions.east }))).value).toBeCloseTo(7 / 10, 12);
    expect((await source.compute(db, q({ level: 'region', id: fx.regions.west }))).value).toBeCloseTo(2 / 3, 12);
    expect((await source.compute(db, q({ level: 'school', id: fx.schools.a }))).value).toBeCloseTo(7 / 8, 12);
  });

  it('is null, not 0, where no round was held, and takes no params', async () => {
    expect((await source.compute(db, q({ level: 'school', id: fx.schools.d }))).value).toBeNull();
    expect((await source.compute(db, q({ level: 'school', id: fx.schools.c }))).value).toBeNull();
    expect(source.levels).toEqual(['county', 'region', 'school']);
    expect(source.checkParams?.({ grade: 6 })).toMatch(/grade/);
  });
});
