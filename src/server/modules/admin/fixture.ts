import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool.js';
import { bootstrap, createEmptyCounty } from '../../platform/bootstrap.js';
import { type Client, createTestApp, signIn } from '../../testing/app.js';
import { createTestDb } from '../../testing/db.js';

/**
 * A county for the admin tests: two 学区 (东区 with schools A1 primary and A2 junior, 西区 with B1 primary),
 * staff in A1, B1 and the 东区 office, and a neighbouring county with a school and subjects of its own.
 */
export interface AdminFixture {
  db: Db;
  app: FastifyInstance;
  drop: () => Promise<void>;
  countyId: number;
  east: number;
  west: number;
  a1: number;
  a2: number;
  b1: number;
  staffA1: number;
  staffA1b: number;
  staffB1: number;
  staffEastOffice: number;
  yuwen: number;
  otherCounty: number;
  otherSchool: number;
  otherSubject: number;
  admin: Client;
}

export const ADMIN_PASSWORD = 'Admin@2025';

export async function adminFixture(): Promise<AdminFixture> {
  const { db, drop } = await createTestDb();
  await bootstrap(db, { demo: false, countyName: '测试县', adminPassword: ADMIN_PASSWORD, log: () => {} });
  const countyId = (await db.selectFrom('regions').select('id').where('level', '=', 'county').executeTakeFirstOrThrow())
    .id;
  const region = async (code: string, name: string) =>
    (
      await db
        .insertInto('regions')
        .values({ parent_id: countyId, county_id: countyId, level: 'district', code, name })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const east = await region('east', '东区');
  const west = await region('west', '西区');
  const school = async (county: number, code: string, name: string, type: string, regionId: number) =>
    (
      await db
        .insertInto('schools')
        .values({ county_id: county, code, name, type, location: 'urban', region_id: regionId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const a1 = await school(countyId, 'A1', '东区一小', 'primary', east);
  const a2 = await school(countyId, 'A2', '东区中学', 'junior', east);
  const b1 = await school(countyId, 'B1', '西区一小', 'primary', west);
  const staff = async (staffNo: string, name: string, schoolId: number | null, regionId: number | null = null) =>
    (
      await db
        .insertInto('staff')
        .values({ county_id: countyId, staff_no: staffNo, name, school_id: schoolId, region_id: regionId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const staffA1 = await staff('T001', '王老师', a1);
  const staffA1b = await staff('T002', '李老师', a1);
  const staffB1 = await staff('T003', '赵老师', b1);
  const staffEastOffice = await staff('T004', '孙干事', null, east);
  const yuwen = (
    await db
      .selectFrom('subjects')
      .select('id')
      .where('county_id', '=', countyId)
      .where('code', '=', 'YW')
      .executeTakeFirstOrThrow()
  ).id;
  const otherCounty = await createEmptyCounty(db, '邻县', 'county-2');
  const otherSchool = await school(otherCounty, 'X1', '邻县一小', 'primary', otherCounty);
  const otherSubject = (
    await db
      .selectFrom('subjects')
      .select('id')
      .where('county_id', '=', otherCounty)
      .where('code', '=', 'YW')
      .executeTakeFirstOrThrow()
  ).id;
  const app = await createTestApp(db);
  const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  return {
    db,
    app,
    drop,
    countyId,
    east,
    west,
    a1,
    a2,
    b1,
    staffA1,
    staffA1b,
    staffB1,
    staffEastOffice,
    yuwen,
    otherCounty,
    otherSchool,
    otherSubject,
    admin,
  };
}

/** Creates an account through the API (as `by`) and returns its id; fails the test on any other answer. */
export async function createAccount(by: Client, body: Record<string, unknown>): Promise<number> {
  const res = await by.request('POST', '/api/v1/admin/users', { password: 'Passw0rd!x', ...body });
  if (res.statusCode !== 200) throw new Error(`create ${String(body.username)}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
