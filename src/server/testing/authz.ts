import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/pool.js';
import type { FixtureCounty, FixtureRole } from '../modules/org/testing-fixture.js';

/**
 * The shapes and role groups of the authorization matrix (src/server/authorization-matrix.test.ts). Each module
 * lists its own probes in `modules/<m>/authz.probes.ts`, built from the fixture county of
 * modules/org/testing-fixture.ts (school A's records; principalB manages school B only).
 */
export type Allow = readonly FixtureRole[] | 'all';
export interface Probe {
  method: string;
  /** The route pattern as registered, e.g. /api/v1/org/classes/:id. */
  route: string;
  /** The concrete URL. */
  url: string;
  body?: unknown;
  allow: Allow;
  /** Route answers without a session (health, login). */
  public?: boolean;
}

export const ALL: Allow = 'all';
export const COUNTY: Allow = ['countyAdmin'];
/** Who manages school A's records (教育局管理员 of the county, A's 校长 and 教导主任). */
export const MANAGE_A: Allow = ['countyAdmin', 'principalA', 'directorA'];
/** Who passes a route that needs management of some school. */
export const MANAGE_SOME: Allow = ['countyAdmin', 'principalA', 'directorA', 'principalB'];
/** Who sees class a31 and its students: all of school A's viewers but teacherA (a32, a41) and principalB. */
export const SEE_A31: Allow = [
  'countyAdmin',
  'districtLeader',
  'inspector',
  'principalA',
  'directorA',
  'gradeLeaderA3',
  'subjectLeaderAMath',
  'headTeacherA',
];
export const SEE_A_STAFF: Allow = [...SEE_A31, 'teacherA'];
export const ACCOUNTS: Allow = ['countyAdmin', 'principalA', 'principalB'];

/** What a module's probe list may use: the fixture county, its database, and the app (to create records first). */
export interface ProbeContext {
  db: Db;
  fx: FixtureCounty;
  app: FastifyInstance;
}
