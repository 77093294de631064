import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bootstrap } from '../platform/bootstrap.js';
import { createTestDb } from '../testing/db.js';
import { withDatabase } from '../testing/global-setup.js';
import { createDb, type Db } from './pool.js';

/**
 * The backup procedure of docs/operations.md, run for real: pg_dump -Fc → drop the database → create it
 * empty → pg_restore → every table has the same rows.
 */
let db: Db;
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, url, drop } = await createTestDb());
  await bootstrap(db, { demo: false, countyName: '备份县', adminPassword: 'Backup@2025', log: () => {} });
});
afterAll(async () => drop());

async function rowCounts(d: Db): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name`.execute(d);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)}`.execute(d);
    counts[table_name] = r.rows[0].n;
  }
  return counts;
}

it('restores a pg_dump backup to the same row counts', async () => {
  const before = await rowCounts(db);
  expect(before.users).toBe(1);
  expect(before.subjects).toBeGreaterThan(10);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tisheng-backup-')), 'tisheng.dump');
  execFileSync('pg_dump', ['--format=custom', `--file=${file}`, url]);

  const name = new URL(url).pathname.slice(1);
  await db.destroy();
  const admin = createDb(withDatabase(url, 'postgres'), 1);
  await sql.raw(`DROP DATABASE ${name} WITH (FORCE)`).execute(admin.db);
  await sql.raw(`CREATE DATABASE ${name}`).execute(admin.db);
  await admin.db.destroy();

  execFileSync('pg_restore', ['--no-owner', `--dbname=${url}`, file]);
  db = createDb(url, 2).db;
  expect(await rowCounts(db)).toEqual(before);
});
