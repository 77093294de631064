import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { createTestDb } from '../../testing/db.js';
import { createFixtureCounty } from '../org/testing-fixture.js';
import { sourceDataChanged } from './values.js';

let db: Db;
let drop: () => Promise<void>;
let countyId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  countyId = (await createFixtureCounty(db)).countyId;
});
afterAll(async () => drop());

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
