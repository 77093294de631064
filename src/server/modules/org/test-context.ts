import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool.js';
import type { Client } from '../../testing/app.js';
import { createTestApp } from '../../testing/app.js';
import { createTestDb } from '../../testing/db.js';
import { createFixtureCounty, type FixtureCounty, type FixtureRole, signInAll } from './testing-fixture.js';

/** What an org test file needs: a fresh database with the fixture county, the app, and every role signed in. */
export interface OrgTestContext {
  db: Db;
  app: FastifyInstance;
  fx: FixtureCounty;
  as: Record<FixtureRole, Client>;
  close: () => Promise<void>;
}

export async function setupOrgTest(): Promise<OrgTestContext> {
  const { db, drop } = await createTestDb();
  const fx = await createFixtureCounty(db);
  const app = await createTestApp(db);
  const as = await signInAll(app, fx);
  return {
    db,
    app,
    fx,
    as,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export const API = '/api/v1/org';
