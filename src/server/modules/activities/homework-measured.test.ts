import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';

/**
 * Measured homework minutes (今日作业时长 survey answers) next to the declared ones, against hand-computed means.
 * Grade 3's cap is 60 minutes. Answers (each class-day of the homework campaign):
 *   a31 Mon 2026-11-16: 5 × 50 + 5 × 80 → n 10, mean 650/10 = 65 > 60 (alert, +5); a teacher declared 语文 30 that day
 *   a31 Mon 2026-11-23: 6 × 40 + 6 × 60 → n 12, mean 600/12 = 50
 *     → heat cell a31 × Monday: pooled mean (650 + 600)/22 = 56.818… → 56.82, n 22, 2 days, 1 over
 *   a32 Tue 2026-11-17: 9 × 120 → n 9 < 10: suppressed (no cell, no alert, no count)
 *   b31 Tue 2026-11-17: 10 × 100 → mean 100 (school B: not seen by school A's 年级组长)
 * And 10 answers `minutes: 500` for a31 on 11-16 in a campaign of another template: not homework, ignored.
 */
let t: OrgTestContext;
const API = '/api/v1/activities/homework/heatmap?from=2026-11-16&to=2026-11-23';

async function campaign(templateKey: string): Promise<number> {
  const db = t.db;
  const def = await db
    .insertInto('survey_definitions')
    .values({
      county_id: t.fx.countyId,
      title: templateKey,
      audience: 'parents',
      definition: JSON.stringify({ title: templateKey, audience: 'parents', questions: [] }),
      template_key: templateKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c = await db
    .insertInto('survey_campaigns')
    .values({
      county_id: t.fx.countyId,
      survey_id: def.id,
      title: templateKey,
      audience: 'parents',
      definition: JSON.stringify({ title: templateKey, audience: 'parents', questions: [] }),
      mode: 'open',
      school_ids: [t.fx.schools.a, t.fx.schools.b],
      opens_at: new Date('2026-11-01T00:00:00Z'),
      closes_at: new Date('2026-12-31T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return c.id;
}

let links = 0;
async function answers(campaignId: number, classId: number, schoolId: number, day: string, minutes: number[]) {
  const unit = await t.db
    .insertInto('survey_units')
    .values({
      county_id: t.fx.countyId,
      campaign_id: campaignId,
      school_id: schoolId,
      class_id: classId,
      eligible: 40,
      link_code: `hw-test-${++links}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('survey_responses')
    .values(
      minutes.map((m) => ({
        county_id: t.fx.countyId,
        campaign_id: campaignId,
        unit_id: unit.id,
        school_id: schoolId,
        class_id: classId,
        answers: JSON.stringify({ minutes: m }),
        submitted_on: day,
      })),
    )
    .execute();
}
const times = (k: number, v: number) => Array<number>(k).fill(v);

beforeAll(async () => {
  t = await setupOrgTest();
  const { a, b } = t.fx.schools;
  const { a31, a32, b31 } = t.fx.classes;
  const hw = await campaign('homework');
  await answers(hw, a31, a, '2026-11-16', [...times(5, 50), ...times(5, 80)]);
  await answers(hw, a31, a, '2026-11-23', [...times(6, 40), ...times(6, 60)]);
  await answers(hw, a32, a, '2026-11-17', times(9, 120));
  await answers(hw, b31, b, '2026-11-17', times(10, 100));
  await answers(await campaign('parent'), a31, a, '2026-11-16', times(10, 500));
  const declared = await t.as.headTeacherA.request('POST', '/api/v1/activities/homework', {
    classId: a31,
    subjectId: t.fx.subjects.yuwen,
    hwDate: '2026-11-16',
    minutes: 30,
  });
  expect(declared.statusCode, declared.body).toBe(200);
}, 60_000);
afterAll(() => t.close());

describe('measured homework minutes in the heat map and alerts', () => {
  it('shows the pooled measured mean next to the declared minutes; a class-day under 10 answers is not shown', async () => {
    const map = (await t.as.gradeLeaderA3.request('GET', API)).json();
    const a31Monday = map.cells.find((c: { classId: number; weekday: number }) => c.classId === t.fx.classes.a31);
    expect(a31Monday).toMatchObject({ weekday: 1, days: 1, meanTotal: 30, cap: 60 });
    expect(a31Monday.measured).toEqual({ mean: 56.82, n: 22, days: 2, daysOver: 1 });
    expect(map.cells.filter((c: { classId: number }) => c.classId === t.fx.classes.a32)).toEqual([]);
    expect(map.cells.filter((c: { classId: number }) => c.classId === t.fx.classes.b31)).toEqual([]);
  });

  it('alerts a class-day over the cap by its measured mean, with the declared total beside it', async () => {
    const map = (await t.as.gradeLeaderA3.request('GET', API)).json();
    expect(map.alerts).toEqual([
      {
        classId: t.fx.classes.a31,
        className: expect.any(String),
        gradeLevel: 3,
        date: '2026-11-16',
        cap: 60,
        total: 30,
        over: null,
        measuredMean: 65,
        measuredN: 10,
        measuredOver: 5,
      },
    ]);
    expect(map).toMatchObject({ classDays: 1, daysOver: 0 });
  });

  it('a measured-only class-day (no declaration) gets a cell without a declared figure, and its alert', async () => {
    const map = (await t.as.countyAdmin.request('GET', API)).json();
    const b31 = map.cells.find((c: { classId: number }) => c.classId === t.fx.classes.b31);
    expect(b31).toMatchObject({ weekday: 2, days: 0, cap: 60, measured: { mean: 100, n: 10, days: 1, daysOver: 1 } });
    const alert = map.alerts.find((x: { classId: number }) => x.classId === t.fx.classes.b31);
    expect(alert).toMatchObject({ total: null, over: null, measuredMean: 100, measuredN: 10, measuredOver: 40 });
    // largest excess first: b31 (+40) before a31 (+5)
    expect(map.alerts.map((x: { classId: number }) => x.classId)).toEqual([t.fx.classes.b31, t.fx.classes.a31]);
  });
});
