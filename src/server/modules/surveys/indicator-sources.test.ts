import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { createTestDb } from '../../testing/db.js';
import type { IndicatorQuery } from '../indicators/sources.js';
import { createFixtureCounty, type FixtureCounty } from '../org/testing-fixture.js';
import { complaintsOnTime, satisfactionRateSource, zeroComplaintSchools } from './indicator-sources.js';

/**
 * The three surveys sources on the fixture county (schools A, C in 学区 east; B, D in west), campaigns, answers and
 * cases inserted by hand; every expected value is counted by hand in the comments.
 */
let db: Db;
let drop: () => Promise<void>;
let fx: FixtureCounty;
const PERIOD = { from: '2025-09-01', to: '2026-01-31' };
const q = (unit: IndicatorQuery['unit'], params: Record<string, unknown> = {}): IndicatorQuery => ({
  countyId: fx.countyId,
  unit,
  period: PERIOD,
  params,
});
const PARENTS = { campaignKind: '家长满意度' };
const DEFINITION = {
  title: '家长满意度测评',
  audience: 'parents',
  questions: [{ id: 'overall', kind: 'satisfaction', title: '总体满意吗？', required: true, dimension: '总体评价' }],
};
let links = 0;

/** A campaign over schools A and B with one school-wide unit each; answers: per school, the labels given. */
async function campaign(audience: string, closesAt: string, answers: Record<number, string[]>): Promise<number> {
  const survey = await db
    .insertInto('survey_definitions')
    .values({ county_id: fx.countyId, title: 't', audience, definition: JSON.stringify(DEFINITION) as never })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c = await db
    .insertInto('survey_campaigns')
    .values({
      county_id: fx.countyId,
      survey_id: survey.id,
      title: `测评 ${closesAt}`,
      audience,
      definition: JSON.stringify(DEFINITION) as never,
      mode: 'open',
      school_ids: [fx.schools.a, fx.schools.b],
      opens_at: new Date('2025-09-10T00:00:00+08:00'),
      closes_at: new Date(closesAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const schoolId of [fx.schools.a, fx.schools.b]) {
    const unit = await db
      .insertInto('survey_units')
      .values({
        county_id: fx.countyId,
        campaign_id: c.id,
        school_id: schoolId,
        class_id: null,
        eligible: 50,
        link_code: `L${++links}-${fx.prefix}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const label of answers[schoolId] ?? [])
      await db
        .insertInto('survey_responses')
        .values({
          county_id: fx.countyId,
          campaign_id: c.id,
          unit_id: unit.id,
          school_id: schoolId,
          class_id: null,
          answers: JSON.stringify({ overall: label }) as never,
        })
        .execute();
  }
  return c.id;
}

const times = (label: string, n: number) => Array.from({ length: n }, () => label);
let latest = 0;
let codes = 0;

async function caseRow(
  schoolId: number,
  state: string,
  at: { received: string; accepted?: string; closed?: string },
): Promise<void> {
  await db
    .insertInto('cases')
    .values({
      county_id: fx.countyId,
      tracking_code: `T${++codes}-${fx.prefix}`,
      channel: 'public',
      category: '作业负担',
      school_id: schoolId,
      title: '诉求',
      content: '内容',
      state,
      limits: JSON.stringify({ acceptDays: 1, replyDays: 5, closeDays: 15 }) as never,
      clock_start: new Date(`${at.received}T09:00:00+08:00`),
      received_at: new Date(`${at.received}T09:00:00+08:00`),
      accepted_at: at.accepted ? new Date(`${at.accepted}T10:00:00+08:00`) : null,
      closed_at: at.closed ? new Date(`${at.closed}T16:00:00+08:00`) : null,
    })
    .execute();
}

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  fx = await createFixtureCounty(db);
  // An earlier campaign in the period (all 满意), the latest one, one still open, and a students' one.
  await campaign('parents', '2025-10-01T18:00:00+08:00', { [fx.schools.a]: times('满意', 12) });
  latest = await campaign('parents', '2025-12-20T18:00:00+08:00', {
    // A: 6 满意 + 3 基本满意 + 2 不满意 + 1 不了解 → 12 respondents, rate 9/11.
    [fx.schools.a]: [...times('满意', 6), ...times('基本满意', 3), ...times('不满意', 2), '不了解'],
    // B: 5 不满意 → under 10 respondents.
    [fx.schools.b]: times('不满意', 5),
  });
  await campaign('parents', '2099-01-01T18:00:00+08:00', { [fx.schools.a]: times('不满意', 12) });
  await campaign('students', '2026-01-10T18:00:00+08:00', { [fx.schools.a]: times('不满意', 12) });

  // Cases, received Monday 2025-11-03: 办结 limit 15 working days (about 2025-11-24).
  await caseRow(fx.schools.a, 'closed', { received: '2025-11-03', accepted: '2025-11-03', closed: '2025-11-05' }); // on time
  await caseRow(fx.schools.a, 'closed', { received: '2025-11-03', accepted: '2025-11-03', closed: '2025-12-31' }); // late
  await caseRow(fx.schools.a, 'handling', { received: '2025-11-03', accepted: '2025-11-04' }); // not completed
  await caseRow(fx.schools.b, 'closed', { received: '2025-11-03', accepted: '2025-11-04', closed: '2025-11-10' }); // on time
  await caseRow(fx.schools.c, 'returned', { received: '2025-11-03' }); // returned: not C's complaint
  await caseRow(fx.schools.d, 'closed', { received: '2025-08-01', accepted: '2025-08-01', closed: '2025-08-05' }); // before
});
afterAll(() => drop());

describe('surveys.satisfactionRate', () => {
  it('reads the latest closed campaign of the kind, 不了解 excluded, groups under 10 → null', async () => {
    const a = await satisfactionRateSource.compute(db, q({ level: 'school', id: fx.schools.a }, PARENTS));
    expect(a.value).toBeCloseTo(9 / 11, 12);
    expect(a.n).toBe(12);
    expect(a.ref).toContain(`测评 ${latest}`);
    const b = await satisfactionRateSource.compute(db, q({ level: 'school', id: fx.schools.b }, PARENTS));
    expect(b.value).toBeNull();
    expect(b.ref).toContain('不足10人');
    // County: A's 12 + B's 5 = 17 respondents; satisfied 9 of 9 + 2 + 5 = 16.
    const county = await satisfactionRateSource.compute(db, q({ level: 'county', id: fx.countyId }, PARENTS));
    expect(county.value).toBeCloseTo(9 / 16, 12);
    // West (B, D): only B's 5 → null; a school outside every campaign → null.
    expect(
      (await satisfactionRateSource.compute(db, q({ level: 'region', id: fx.regions.west }, PARENTS))).value,
    ).toBeNull();
    expect(
      (await satisfactionRateSource.compute(db, q({ level: 'school', id: fx.schools.c }, PARENTS))).value,
    ).toBeNull();
  });

  it('takes the earlier campaign when the period ends before the latest closed', async () => {
    const early = {
      ...q({ level: 'school', id: fx.schools.a }, PARENTS),
      period: { from: '2025-09-01', to: '2025-11-30' },
    };
    expect((await satisfactionRateSource.compute(db, early)).value).toBe(1);
  });

  it('checks the campaign kind', () => {
    expect(satisfactionRateSource.checkParams?.(PARENTS)).toBeNull();
    expect(satisfactionRateSource.checkParams?.({})).toMatch(/campaignKind/);
    expect(satisfactionRateSource.checkParams?.({ campaignKind: '家长' })).toMatch(/campaignKind/);
    expect(satisfactionRateSource.checkParams?.({ ...PARENTS, grade: 6 })).toMatch(/grade/);
  });
});

describe('surveys.complaintsOnTime', () => {
  it('= completed by the 办结 deadline ÷ completed in the period', async () => {
    // Completed in the period: A on time, A late, B on time → 2/3; A 1/2; west (B) 1/1; east (A, C) 1/2.
    const county = await complaintsOnTime.compute(db, q({ level: 'county', id: fx.countyId }));
    expect(county.value).toBeCloseTo(2 / 3, 12);
    expect(county.n).toBe(3);
    expect((await complaintsOnTime.compute(db, q({ level: 'school', id: fx.schools.a }))).value).toBe(0.5);
    expect((await complaintsOnTime.compute(db, q({ level: 'region', id: fx.regions.west }))).value).toBe(1);
    expect((await complaintsOnTime.compute(db, q({ level: 'region', id: fx.regions.east }))).value).toBe(0.5);
    // C completed none (its case was returned): null, not 0.
    expect((await complaintsOnTime.compute(db, q({ level: 'school', id: fx.schools.c }))).value).toBeNull();
  });
});

describe('surveys.zeroComplaintSchools', () => {
  it('counts schools without an accepted case received in the period', async () => {
    // Accepted cases received in the period: A, B. Zero: C (returned only) and D (case before the period).
    expect((await zeroComplaintSchools.compute(db, q({ level: 'county', id: fx.countyId }))).value).toBe(0.5);
    expect(
      (await zeroComplaintSchools.compute(db, q({ level: 'county', id: fx.countyId }, { measure: 'count' }))).value,
    ).toBe(2);
    expect((await zeroComplaintSchools.compute(db, q({ level: 'region', id: fx.regions.east }))).value).toBe(0.5);
    expect((await zeroComplaintSchools.compute(db, q({ level: 'school', id: fx.schools.d }))).value).toBe(1);
    expect((await zeroComplaintSchools.compute(db, q({ level: 'school', id: 999999999 }))).value).toBeNull();
    expect(zeroComplaintSchools.checkParams?.({ measure: 'ratio' })).toMatch(/measure/);
  });
});
