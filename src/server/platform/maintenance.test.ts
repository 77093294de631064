import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/pool.js';
import { createTestDb } from '../testing/db.js';
import { bootstrap } from './bootstrap.js';
import { runMaintenance } from './maintenance.js';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  await bootstrap(db, { demo: false, countyName: '维护县', adminPassword: 'Admin@2025', log: () => {} });
});
afterAll(async () => drop());

it('deletes expired sessions and day-old sign-in attempts, and keeps the rest', async () => {
  const admin = await db.selectFrom('users').select(['id', 'county_id']).executeTakeFirstOrThrow();
  const session = (hash: string, expires: Date) => ({
    token_hash: hash,
    county_id: admin.county_id,
    user_id: admin.id,
    csrf_token: 'x',
    expires_at: expires,
  });
  await db
    .insertInto('sessions')
    .values([session('old', new Date(Date.now() - 1000)), session('live', new Date(Date.now() + 3600_000))])
    .execute();
  await db
    .insertInto('login_attempts')
    .values([
      { username: 'a', ip: '1.1.1.1', success: false, at: new Date(Date.now() - 2 * 86400_000) },
      { username: 'a', ip: '1.1.1.1', success: false, at: new Date() },
    ])
    .execute();
  expect(await runMaintenance(db)).toEqual({ sessions: 1, attempts: 1 });
  expect((await db.selectFrom('sessions').select('token_hash').execute()).map((s) => s.token_hash)).toEqual(['live']);
  expect(await db.selectFrom('login_attempts').select('id').execute()).toHaveLength(1);
});
