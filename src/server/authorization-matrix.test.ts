import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db/pool.js';
import {
  createFixtureCounty,
  FIXTURE_ROLES,
  type FixtureCounty,
  type FixtureRole,
  signInAll,
} from './modules/org/testing-fixture.js';
import { type Client, createTestApp } from './testing/app.js';
import {
  ACCOUNTS,
  ALL,
  type Allow,
  COUNTY,
  MANAGE_A,
  MANAGE_SOME,
  type Probe,
  SEE_A_STAFF,
  SEE_A31,
} from './testing/authz.js';
import { moduleProbes } from './testing/authz-modules.js';
import { createTestDb } from './testing/db.js';

/**
 * The authorization matrix: every registered API route, called by every role of the fixture county (and without a
 * session), answers as the table below says — 403 for a role the route or the record refuses, anything but 401/403
 * for a role it lets through (the probes send bodies that are empty or invalid, so allowed calls change nothing
 * beyond what a no-op PATCH records). A route with no row here fails the test: new routes must join the matrix.
 *
 * Record probes use school A's records (see testing-fixture.ts): class 三年级(1)班 `a31`, its first student and their
 * mother, its 语文 assignment, staff teacherA, school A itself, region 东区学区, the account of directorA.
 */
let db: Db;
let drop: () => Promise<void>;
let app: FastifyInstance;
let fx: FixtureCounty;
let as: Record<FixtureRole, Client>;
let probes: Probe[];

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  fx = await createFixtureCounty(db);
  app = await createTestApp(db);
  as = await signInAll(app, fx);
  const assignment = await db
    .selectFrom('teaching_assignments')
    .select('id')
    .where('county_id', '=', fx.countyId)
    .where('class_id', '=', fx.classes.a31)
    .executeTakeFirstOrThrow();
  const student = fx.students.a31[0];
  const guardian = fx.guardians.get(student)![0];
  const none = 999_999_999;
  const v1 = '/api/v1';
  const org = (entity: string, one: number, see: Allow, write: Allow, create: Allow): Probe[] => [
    { method: 'GET', route: `${v1}/org/${entity}`, url: `${v1}/org/${entity}`, allow: ALL },
    { method: 'GET', route: `${v1}/org/${entity}/:id`, url: `${v1}/org/${entity}/${one}`, allow: see },
    { method: 'POST', route: `${v1}/org/${entity}`, url: `${v1}/org/${entity}`, body: {}, allow: create },
    { method: 'PATCH', route: `${v1}/org/${entity}/:id`, url: `${v1}/org/${entity}/${one}`, body: {}, allow: write },
    { method: 'DELETE', route: `${v1}/org/${entity}/:id`, url: `${v1}/org/${entity}/${none}`, allow: create },
  ];
  probes = [
    { method: 'GET', route: '/api/health', url: '/api/health', allow: ALL, public: true },
    { method: 'POST', route: `${v1}/auth/login`, url: `${v1}/auth/login`, body: {}, allow: ALL, public: true },
    { method: 'POST', route: `${v1}/auth/logout`, url: `${v1}/auth/logout`, allow: [] /* probed separately below */ },
    { method: 'GET', route: `${v1}/auth/me`, url: `${v1}/auth/me`, allow: ALL },
    { method: 'PATCH', route: `${v1}/auth/me`, url: `${v1}/auth/me`, body: {}, allow: ALL },
    { method: 'POST', route: `${v1}/auth/password`, url: `${v1}/auth/password`, body: {}, allow: ALL },
    ...org(
      'regions',
      fx.regions.east,
      [
        'countyAdmin',
        'districtLeader',
        'inspector',
        'principalA',
        'directorA',
        'gradeLeaderA3',
        'subjectLeaderAMath',
        'headTeacherA',
        'teacherA',
      ],
      COUNTY,
      COUNTY,
    ),
    ...org('schools', fx.schools.a, SEE_A_STAFF, MANAGE_A, MANAGE_SOME),
    ...org('school-years', fx.years.current, ALL, COUNTY, COUNTY),
    ...org('terms', fx.terms.current, ALL, COUNTY, COUNTY),
    ...org('subjects', fx.subjects.shuxue, ALL, COUNTY, COUNTY),
    ...org('staff', fx.staff.teacherA, SEE_A_STAFF, MANAGE_A, MANAGE_SOME),
    ...org('classes', fx.classes.a31, SEE_A31, MANAGE_A, MANAGE_SOME),
    ...org('teaching-assignments', assignment.id, SEE_A31, MANAGE_A, MANAGE_SOME),
    ...org('students', student, SEE_A31, MANAGE_A, MANAGE_SOME),
    ...org('guardians', guardian, SEE_A31, MANAGE_A, MANAGE_SOME),
    {
      method: 'GET',
      route: `${v1}/org/students/:id/enrollments`,
      url: `${v1}/org/students/${student}/enrollments`,
      allow: SEE_A31,
    },
    {
      method: 'GET',
      route: `${v1}/org/students/lookup`,
      url: `${v1}/org/students/lookup?studentNo=NOBODY`,
      allow: MANAGE_SOME,
    },
    {
      method: 'POST',
      route: `${v1}/org/students/:id/transfer`,
      url: `${v1}/org/students/${student}/transfer`,
      body: {},
      allow: MANAGE_SOME,
    },
    { method: 'GET', route: `${v1}/org/scope`, url: `${v1}/org/scope`, allow: ALL },
    { method: 'GET', route: `${v1}/admin/users`, url: `${v1}/admin/users`, allow: ACCOUNTS },
    {
      method: 'GET',
      route: `${v1}/admin/users/:id`,
      url: `${v1}/admin/users/${fx.users.directorA.id}`,
      allow: ['countyAdmin', 'principalA'],
    },
    { method: 'POST', route: `${v1}/admin/users`, url: `${v1}/admin/users`, body: {}, allow: ACCOUNTS },
    {
      method: 'PATCH',
      route: `${v1}/admin/users/:id`,
      url: `${v1}/admin/users/${fx.users.directorA.id}`,
      body: {},
      allow: ['countyAdmin', 'principalA'],
    },
    {
      method: 'POST',
      route: `${v1}/admin/users/:id/unlock`,
      url: `${v1}/admin/users/${fx.users.directorA.id}/unlock`,
      allow: ['countyAdmin', 'principalA'],
    },
    { method: 'GET', route: `${v1}/admin/audit`, url: `${v1}/admin/audit`, allow: COUNTY },
    { method: 'GET', route: `${v1}/admin/calendar`, url: `${v1}/admin/calendar`, allow: ALL },
    { method: 'PUT', route: `${v1}/admin/calendar/:year`, url: `${v1}/admin/calendar/2026`, body: {}, allow: COUNTY },
    { method: 'GET', route: `${v1}/io/:kind/template`, url: `${v1}/io/students/template`, allow: ALL },
    { method: 'POST', route: `${v1}/io/:kind/imports`, url: `${v1}/io/students/imports`, body: {}, allow: MANAGE_SOME },
    { method: 'GET', route: `${v1}/io/imports`, url: `${v1}/io/imports`, allow: ALL },
    { method: 'GET', route: `${v1}/io/imports/:id`, url: `${v1}/io/imports/${none}`, allow: ALL },
    { method: 'POST', route: `${v1}/io/imports/:id/commit`, url: `${v1}/io/imports/${none}/commit`, allow: ALL },
    { method: 'GET', route: `${v1}/io/:kind/export`, url: `${v1}/io/students/export?format=csv`, allow: ALL },
    { method: 'POST', route: `${v1}/io/:kind/imports`, url: `${v1}/io/schools/imports`, body: {}, allow: COUNTY },
    ...(await moduleProbes({ db, fx, app })),
  ];
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('authorization matrix', () => {
  it('has a probe for every registered API route', () => {
    const probed = new Set(probes.map((p) => `${p.method} ${p.route}`));
    const missing = app.routeTable
      .filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !probed.has(r));
    expect(missing).toEqual([]);
  });

  it('refuses every non-public route without a session (401)', async () => {
    for (const p of probes.filter((x) => !x.public)) {
      const res = await app.inject({ method: p.method as 'GET', url: p.url, payload: p.body as object | undefined });
      expect(res.statusCode, `${p.method} ${p.url}`).toBe(401);
    }
  });

  it.each(FIXTURE_ROLES)('answers %s as the matrix says', async (role) => {
    const wrong: string[] = [];
    for (const p of probes.filter((x) => x.route !== '/api/v1/auth/logout')) {
      const allowed = p.allow === 'all' || p.allow.includes(role);
      const res = await as[role].request(p.method, p.url, p.body);
      const denied = res.statusCode === 403 || res.statusCode === 401;
      if (allowed === denied)
        wrong.push(`${p.method} ${p.url} → ${res.statusCode} (expected ${allowed ? 'allowed' : '403'})`);
      if (!allowed && res.statusCode !== 403)
        wrong.push(`${p.method} ${p.url} → ${res.statusCode}, expected exactly 403`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets every role sign out', async () => {
    for (const role of FIXTURE_ROLES) {
      const res = await as[role].request('POST', '/api/v1/auth/logout');
      expect(res.statusCode, role).toBe(200);
    }
  });
});
