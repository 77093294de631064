import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCounty, schoolTermOn } from '../../../../scripts/demo/county.js';
import { loadCounty as loadDemo } from '../../../../scripts/demo/load.js';
import type { Db } from '../../db/pool.js';
import { createTestDb } from '../../testing/db.js';
import { countyCompliance } from './compliance-service.js';
import { seedActivitiesDemo } from './demo.js';
import { todayInChina } from './shared.js';

let db: Db;
let drop: () => Promise<void>;
let countyId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  countyId = (await loadDemo(db, generateCounty({ seed: 1, ...schoolTermOn(new Date()) }))).countyId;
}, 120_000);
afterAll(() => drop());

describe('activities demo', () => {
  it('seeds a term of records quickly, with a spread of quota statuses', async () => {
    const t0 = Date.now();
    await seedActivitiesDemo(db, countyId);
    const seconds = (Date.now() - t0) / 1000;
    expect(seconds).toBeLessThan(10);
    const { rules } = await countyCompliance(db, countyId, todayInChina());
    const principal = rules.find((r) => r.rule.code === 'observe-principal-term')!;
    const statuses = new Set(principal.rows.map((r) => r.status));
    // a realistic county: some principals keep pace, some are behind
    expect(statuses.has('behind')).toBe(true);
    expect(statuses.has('on_track') || statuses.has('met')).toBe(true);
    const prep = rules.find((r) => r.rule.code === 'collective-prep-group-week')!;
    expect(prep.rows.length).toBeGreaterThan(0);
  }, 60_000);
});
