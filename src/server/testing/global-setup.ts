import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../db/embedded.js';
import { migrateToLatest } from '../db/migrate.js';
import { createDb } from '../db/pool.js';

/**
 * One real PostgreSQL for the whole test run: the embedded server in a temporary directory (or DATABASE_URL's
 * server when set), with a migrated template database that every test file clones (createTestDb).
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TISHENG_TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    // Under the system temp dir: the unprivileged postgres user must be able to reach the data directory.
    dir = mkdtempSync(path.join(os.tmpdir(), 'tisheng-test-'));
    const port = 55000 + (process.pid % 1000);
    const server = await startEmbedded(dir, port, () => {});
    adminUrl = server.url;
    stop = server.stop;
  }
  const admin = createDb(adminUrl, 2);
  const { sql } = await import('kysely');
  await sql`DROP DATABASE IF EXISTS tisheng_template`.execute(admin.db);
  await sql`CREATE DATABASE tisheng_template`.execute(admin.db);
  const templateUrl = withDatabase(adminUrl, 'tisheng_template');
  const template = createDb(templateUrl, 2);
  await migrateToLatest(template.db);
  await template.db.destroy();
  await admin.db.destroy();
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
