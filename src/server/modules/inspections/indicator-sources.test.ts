import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { createTestDb } from '../../testing/db.js';
import type { IndicatorQuery } from '../indicators/sources.js';
import { createFixtureCounty, type FixtureCounty } from '../org/testing-fixture.js';
import { problemsClosedOnTime, schoolCoverage } from './indicator-sources.js';

/**
 * The two inspections sources on the fixture county (schools A, C in 学区 east; B, D in west), records inserted by
 * hand and the values counted by hand in each test.
 */
let db: Db;
let drop: () => Promise<void>;
let fx: FixtureCounty;
const PERIOD = { from: '2025-09-01', to: '2026-01-31' };

const query = (unit: IndicatorQuery['unit'], params: Record<string, unknown> = {}): IndicatorQuery => ({
  countyId: fx.countyId,
  unit,
  period: PERIOD,
  params,
});

let families = 0;
async function template(category: string): Promise<number> {
  const r = await db
    .insertInto('insp_templates')
    .values({
      county_id: fx.countyId,
      family_id: ++families,
      version: 1,
      status: 'published',
      category,
      title: `${category}检查`,
      body: JSON.stringify({}) as never,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function plan(templateId: number, kind: 'routine' | 'self', startsOn: string): Promise<number> {
  const r = await db
    .insertInto('insp_plans')
    .values({
      county_id: fx.countyId,
      title: 'p',
      kind,
      template_id: templateId,
      starts_on: startsOn,
      ends_on: startsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function visit(planId: number, schoolId: number, status: 'planned' | 'scored' | 'published') {
  await db
    .insertInto('insp_visits')
    .values({ county_id: fx.countyId, plan_id: planId, school_id: schoolId, status })
    .execute();
}

async function problem(schoolId: number, status: string, deadline: string | null, closedOn: string | null = null) {
  await db
    .insertInto('insp_problems')
    .values({
      county_id: fx.countyId,
      school_id: schoolId,
      source_module: 'inspections',
      category: '教学常规',
      severity: '一般',
      description: '问题',
      evidence: JSON.stringify([]) as never,
      status,
      deadline,
      closed_on: closedOn,
      state: JSON.stringify({}) as never,
    })
    .execute();
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  fx = await createFixtureCounty(db);
  const routine = await template('教学常规');
  const safety = await template('安全');
  const inPeriod = await plan(routine, 'routine', '2025-10-10');
  const before = await plan(routine, 'routine', '2025-08-20');
  const self = await plan(routine, 'self', '2025-10-10');
  const safetyPlan = await plan(safety, 'routine', '2025-11-01');
  await visit(inPeriod, fx.schools.a, 'published'); // counts
  await visit(inPeriod, fx.schools.b, 'planned'); // not scored yet
  await visit(before, fx.schools.c, 'scored'); // plan started before the period
  await visit(self, fx.schools.d, 'scored'); // 自评 is no inspection
  await visit(safetyPlan, fx.schools.c, 'scored'); // counts without category, not for 教学常规

  await problem(fx.schools.a, 'closed', '2025-10-31', '2025-10-30'); // due, on time
  await problem(fx.schools.a, 'closed', '2025-11-15', '2025-11-20'); // due, late
  await problem(fx.schools.a, 'ordered', '2025-12-01'); // due, open
  await problem(fx.schools.b, 'closed', '2025-12-10', '2025-12-10'); // due, on the deadline day = on time
  await problem(fx.schools.b, 'withdrawn', '2025-12-10'); // withdrawn: left out
  await problem(fx.schools.c, 'found', null); // not ordered: no deadline, not due
  await problem(fx.schools.c, 'closed', '2026-03-01', '2026-02-01'); // due after the period
});
afterAll(() => drop());

describe('inspections.schoolCoverage', () => {
  it('counts schools with a scored/published non-self visit of a plan starting in the period', async () => {
    // Any category: A (routine, published) and C (safety plan) of 4 schools.
    const county = await schoolCoverage.compute(db, query({ level: 'county', id: fx.countyId }));
    expect(county.value).toBeCloseTo(2 / 4, 12);
    expect(county.n).toBe(4);
    expect(county.ref).toContain('2/4');
    // 教学常规 only: A of 4; in 学区 east: A of A, C; west: neither B (planned) nor D (自评).
    const routine = { category: '教学常规' };
    expect((await schoolCoverage.compute(db, query({ level: 'county', id: fx.countyId }, routine))).value).toBeCloseTo(
      1 / 4,
      12,
    );
    expect((await schoolCoverage.compute(db, query({ level: 'region', id: fx.regions.east }, routine))).value).toBe(
      0.5,
    );
    expect((await schoolCoverage.compute(db, query({ level: 'region', id: fx.regions.west }, routine))).value).toBe(0);
    expect((await schoolCoverage.compute(db, query({ level: 'school', id: fx.schools.c }))).value).toBe(1);
  });

  it('checks its params and gives null for a unit without schools', async () => {
    expect(schoolCoverage.checkParams?.({ category: '教学常规' })).toBeNull();
    expect(schoolCoverage.checkParams?.({ category: '' })).toMatch(/category/);
    expect(schoolCoverage.checkParams?.({ templateKind: 'x' })).toMatch(/templateKind/);
    expect((await schoolCoverage.compute(db, query({ level: 'school', id: 999999999 }))).value).toBeNull();
  });
});

describe('inspections.problemsClosedOnTime', () => {
  it('= closed by the deadline ÷ due in the period, withdrawn left out', async () => {
    // Due in the period: A ×3 (1 on time), B ×1 (on time) → 2/4.
    const county = await problemsClosedOnTime.compute(db, query({ level: 'county', id: fx.countyId }));
    expect(county).toMatchObject({ value: 0.5, n: 4 });
    expect(county.ref).toContain('2/4');
    expect((await problemsClosedOnTime.compute(db, query({ level: 'school', id: fx.schools.a }))).value).toBeCloseTo(
      1 / 3,
      12,
    );
    expect((await problemsClosedOnTime.compute(db, query({ level: 'region', id: fx.regions.west }))).value).toBe(1);
  });

  it('is null, not 0, when nothing is due', async () => {
    const c = await problemsClosedOnTime.compute(db, query({ level: 'school', id: fx.schools.c }));
    expect(c).toMatchObject({ value: null, n: 0 });
    expect(problemsClosedOnTime.checkParams?.({ x: 1 })).toMatch(/不支持/);
  });
});
