import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { audit, onAuditedWrite } from '../../platform/audit.js';
import { createTestDb } from '../../testing/db.js';
import { createFixtureCounty } from '../org/testing-fixture.js';
import { forgetValuesOfAuditedModule, moduleOfAuditedEntity, sourceDataChanged } from './values.js';

let db: Db;
let drop: () => Promise<void>;
let countyId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  countyId = (await createFixtureCounty(db)).countyId;
});
afterAll(async () => drop());

async function cacheValue(indicatorId: number): Promise<void> {
  await db
    .insertInto('indicator_value_cache')
    .values({
      county_id: countyId,
      indicator_id: indicatorId,
      unit_level: 'school',
      unit_id: 1,
      period_id: 1,
      value: 0.5,
      ref: 'x',
      computed_at: new Date(),
    })
    .execute();
}

async function cachedIds(): Promise<number[]> {
  const rows = await db
    .selectFrom('indicator_value_cache')
    .select('indicator_id')
    .where('county_id', '=', countyId)
    .execute();
  return rows.map((r) => Number(r.indicator_id)).sort((a, b) => a - b);
}

async function indicator(code: string, sourceKey: string): Promise<number> {
  const row = await db
    .insertInto('indicators')
    .values({
      county_id: countyId,
      code,
      name: code,
      unit: 'percent',
      direction: 'higher',
      definition: '测试',
      level: 'school',
      source_key: sourceKey,
      params: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

describe('a source module’s data changes', () => {
  it('forgets the cached values of that module’s indicators only', async () => {
    const exam = await indicator('pass', 'exams.passRate');
    const org = await indicator('students', 'org.studentCount');
    const examsLookalike = await indicator('other', 'examsx.rate');
    for (const id of [exam, org, examsLookalike])
      await db
        .insertInto('indicator_value_cache')
        .values({
          county_id: countyId,
          indicator_id: id,
          unit_level: 'school',
          unit_id: 1,
          period_id: 1,
          value: 0.5,
          ref: 'x',
          computed_at: new Date(),
        })
        .execute();
    await sourceDataChanged(db, countyId, 'exams');
    const left = await db
      .selectFrom('indicator_value_cache')
      .select('indicator_id')
      .where('county_id', '=', countyId)
      .execute();
    expect(left.map((r) => Number(r.indicator_id)).sort()).toEqual([org, examsLookalike].sort());
  });
});

describe('audited writes', () => {
  it('map entities and import kinds to the module whose sources they feed', () => {
    expect(moduleOfAuditedEntity('exam-scores:12')).toBe('exams');
    expect(moduleOfAuditedEntity('health-fitness')).toBe('health');
    expect(moduleOfAuditedEntity('insp_problem')).toBe('inspections');
    expect(moduleOfAuditedEntity('case')).toBe('surveys');
    expect(moduleOfAuditedEntity('survey_campaign')).toBe('surveys');
    expect(moduleOfAuditedEntity('activity_observations')).toBe('activities');
    expect(moduleOfAuditedEntity('plan_task_report')).toBe('indicators');
    expect(moduleOfAuditedEntity('students')).toBe('org');
    expect(moduleOfAuditedEntity('teaching_assignment')).toBe('org');
    expect(moduleOfAuditedEntity('user')).toBeNull();
    expect(moduleOfAuditedEntity('calendar_year')).toBeNull();
  });

  it('forget the cached values of the written module in the same transaction; exports change nothing', async () => {
    onAuditedWrite(forgetValuesOfAuditedModule);
    const insp = await indicator('closed-on-time', 'inspections.problemsClosedOnTime');
    const act = await indicator('observed', 'activities.quotaShare');
    await cacheValue(insp);
    await cacheValue(act);
    const actor = { countyId, userId: null, username: 'test' };
    await audit(db, actor, { action: 'export', entity: 'insp_problem' });
    expect(await cachedIds()).toEqual(expect.arrayContaining([insp, act]));
    // A rolled-back write forgets nothing.
    await db
      .transaction()
      .execute(async (tx) => {
        await audit(tx, actor, { action: 'update', entity: 'insp_problem', entityId: 1 });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await cachedIds()).toEqual(expect.arrayContaining([insp, act]));
    await audit(db, actor, { action: 'update', entity: 'insp_problem', entityId: 1 });
    const left = await cachedIds();
    expect(left).not.toContain(insp);
    expect(left).toContain(act);
  });
});
