import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { createDb, type Db } from '../db/pool.js';
import { withDatabase } from './global-setup.js';

/**
 * A fresh, migrated database for one test file, cloned from the template the global setup made.
 * Call in beforeAll; call `drop` in afterAll.
 */
export async function createTestDb(): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = createDb(adminUrl, 1);
  await sql.raw(`CREATE DATABASE ${name} TEMPLATE tisheng_template`).execute(admin.db);
  const url = withDatabase(adminUrl, name);
  const { db } = createDb(url, 10);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(admin.db);
      await admin.db.destroy();
    },
  };
}
