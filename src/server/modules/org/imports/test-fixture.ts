/**
 * A county for the import tests, with the real background jobs (pg-boss on the test database) and workers, and
 * helpers that drive an import over HTTP: multipart upload, polling the job, commit.
 *
 * County 测试县 (code county-1) with 学区 东区 (east); schools A1 东区一小 (primary, east) and B1 西区中学 (junior,
 * county); school year 2025-2026 (current) with its 上学期 (current) and 下学期; classes A1 三年级(1)(2)班 and B1
 * 七年级(1)班; staff T001 王老师 and T002 李老师 (A1), T101 赵老师 (B1), T900 孙干事 (bureau); users `admin`
 * (the county's 教育局管理员) and `zhang` (校长 of A1).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/pool.js';
import { hashPassword } from '../../../platform/auth/password.js';
import { bootstrap } from '../../../platform/bootstrap.js';
import { type Jobs, startJobs } from '../../../platform/jobs.js';
import { type Client, createTestApp, signIn } from '../../../testing/app.js';
import { createTestDb } from '../../../testing/db.js';
import { registerWorkers } from '../../workers.js';

export const PASSWORD = 'Admin@2025';

export interface ImportFixture {
  db: Db;
  app: FastifyInstance;
  jobs: Jobs;
  countyId: number;
  east: number;
  a1: number;
  b1: number;
  yearId: number;
  term1: number;
  term2: number;
  /** Classes: A1 三年级(1)班, A1 三年级(2)班, B1 七年级(1)班. */
  classA31: number;
  classA32: number;
  classB71: number;
  staff: { T001: number; T002: number; T101: number; T900: number };
  subjects: Map<string, number>;
  admin: Client;
  principal: Client;
  close: () => Promise<void>;
}

export async function importFixture(): Promise<ImportFixture> {
  const { db, url, drop } = await createTestDb();
  await bootstrap(db, { demo: false, countyName: '测试县', adminPassword: PASSWORD, log: () => {} });
  const countyId = (await db.selectFrom('regions').select('id').where('level', '=', 'county').executeTakeFirstOrThrow())
    .id;
  const east = (
    await db
      .insertInto('regions')
      .values({ parent_id: countyId, county_id: countyId, level: 'district', code: 'east', name: '东区' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const school = async (code: string, name: string, type: string, regionId: number) =>
    (
      await db
        .insertInto('schools')
        .values({ county_id: countyId, code, name, type, location: 'urban', region_id: regionId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const a1 = await school('A1', '东区一小', 'primary', east);
  const b1 = await school('B1', '西区中学', 'junior', countyId);
  const yearId = (
    await db
      .insertInto('school_years')
      .values({
        county_id: countyId,
        name: '2025-2026',
        start_date: '2025-09-01',
        end_date: '2026-07-15',
        is_current: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const term = async (kind: string, name: string, start: string, end: string, current: boolean) =>
    (
      await db
        .insertInto('terms')
        .values({
          county_id: countyId,
          school_year_id: yearId,
          kind,
          name,
          start_date: start,
          end_date: end,
          is_current: current,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const term1 = await term('first', '2025-2026学年上学期', '2025-09-01', '2026-01-20', true);
  const term2 = await term('second', '2025-2026学年下学期', '2026-02-20', '2026-07-10', false);
  const klass = async (schoolId: number, grade: number, no: number, name: string) =>
    (
      await db
        .insertInto('classes')
        .values({
          county_id: countyId,
          school_id: schoolId,
          school_year_id: yearId,
          grade_level: grade,
          class_no: no,
          name,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const classA31 = await klass(a1, 3, 1, '三年级(1)班');
  const classA32 = await klass(a1, 3, 2, '三年级(2)班');
  const classB71 = await klass(b1, 7, 1, '七年级(1)班');
  const person = async (staffNo: string, name: string, schoolId: number | null) =>
    (
      await db
        .insertInto('staff')
        .values({
          county_id: countyId,
          staff_no: staffNo,
          name,
          school_id: schoolId,
          region_id: schoolId === null ? countyId : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const staff = {
    T001: await person('T001', '王老师', a1),
    T002: await person('T002', '李老师', a1),
    T101: await person('T101', '赵老师', b1),
    T900: await person('T900', '孙干事', null),
  };
  const subjects = new Map(
    (await db.selectFrom('subjects').select(['name', 'id']).where('county_id', '=', countyId).execute()).map((s) => [
      s.name,
      s.id,
    ]),
  );
  const principalId = (
    await db
      .insertInto('users')
      .values({
        county_id: countyId,
        username: 'zhang',
        display_name: '张校长',
        password_hash: await hashPassword(PASSWORD),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('user_roles')
    .values({ county_id: countyId, user_id: principalId, role: 'school_admin', school_id: a1 })
    .execute();

  const jobs = await startJobs(url);
  const app = await createTestApp(db, jobs);
  await registerWorkers(app, jobs);
  const admin = await signIn(app, 'admin', PASSWORD);
  const principal = await signIn(app, 'zhang', PASSWORD);
  return {
    db,
    app,
    jobs,
    countyId,
    east,
    a1,
    b1,
    yearId,
    term1,
    term2,
    classA31,
    classA32,
    classB71,
    staff,
    subjects,
    admin,
    principal,
    close: async () => {
      await jobs.stop({ graceful: true, close: true, wait: true, timeout: 10_000 });
      await app.close();
      await drop();
    },
  };
}

/** A multipart/form-data body with text fields and one file, built by hand (no form-data package). */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; content: Buffer; type?: string },
): { body: Buffer; contentType: string } {
  const boundary = `----tisheng${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface JobView {
  id: number;
  kind: string;
  status: string;
  fileName: string;
  totalRows: number;
  processedRows: number;
  errors: { row: number; column: string; message: string }[];
  summary: { create: number; update: number; unchanged: number } | null;
  message: string | null;
}

/** Uploads a file for an import of `kind` and answers the queued job. */
export async function upload(
  client: Client,
  kind: string,
  file: { name: string; content: Buffer },
  encoding?: 'auto' | 'utf-8' | 'gbk',
): Promise<JobView> {
  const { body, contentType } = multipartBody(encoding ? { encoding } : {}, file);
  const res = await client.request('POST', `/api/v1/io/${kind}/imports`, body, { 'content-type': contentType });
  if (res.statusCode !== 200) throw new Error(`upload ${kind}: ${res.statusCode} ${res.body}`);
  return res.json().job;
}

/** Polls the job until its status is one of `until` (fails after 30 s). */
export async function waitForJob(client: Client, id: number, until: string[]): Promise<JobView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await client.request('GET', `/api/v1/io/imports/${id}`);
    const job: JobView = res.json().job;
    if (until.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Upload and dry run: the job once validated or invalid. */
export async function dryRun(
  client: Client,
  kind: string,
  file: { name: string; content: Buffer },
  encoding?: 'auto' | 'utf-8' | 'gbk',
): Promise<JobView> {
  const job = await upload(client, kind, file, encoding);
  return waitForJob(client, job.id, ['validated', 'invalid']);
}

/** Commits a validated job and waits for the outcome. */
export async function commit(client: Client, id: number): Promise<JobView> {
  const res = await client.request('POST', `/api/v1/io/imports/${id}/commit`);
  if (res.statusCode !== 200) throw new Error(`commit ${id}: ${res.statusCode} ${res.body}`);
  return waitForJob(client, id, ['committed', 'failed']);
}

/** Dry run and commit of a file that must be valid; answers the committed job. */
export async function importFile(
  client: Client,
  kind: string,
  file: { name: string; content: Buffer },
  encoding?: 'auto' | 'utf-8' | 'gbk',
): Promise<JobView> {
  const job = await dryRun(client, kind, file, encoding);
  if (job.status !== 'validated')
    throw new Error(`dry run of ${kind}: ${job.status} ${JSON.stringify(job.errors)} ${job.message}`);
  const done = await commit(client, job.id);
  if (done.status !== 'committed')
    throw new Error(`commit of ${kind}: ${done.status} ${done.message} ${JSON.stringify(done.errors)}`);
  return done;
}

/** A UTF-8 CSV file (with BOM, as Excel writes "CSV UTF-8") of these lines. */
export function csv(name: string, lines: string[]): { name: string; content: Buffer } {
  return {
    name,
    content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]),
  };
}

/** Row counts of tables, to show that a refused import wrote nothing. */
export async function counts(
  db: Db,
  tables: readonly (
    | 'students'
    | 'student_enrollments'
    | 'staff'
    | 'classes'
    | 'guardians'
    | 'teaching_assignments'
    | 'regions'
    | 'subjects'
    | 'terms'
    | 'school_years'
  )[],
) {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const row = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}
