/**
 * Vision screening: import (bad values refused, all-or-nothing), the myopia report with last year's rate and the
 * change (hand-worked), the students to refer, scope; and the health indicator sources on the same data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { type Jobs, startJobs } from '../../platform/jobs.js';
import { type Client, createTestApp } from '../../testing/app.js';
import { createTestDb } from '../../testing/db.js';
import { indicatorSource } from '../indicators/sources.js';
import { dryRun, importFile } from '../org/imports/test-fixture.js';
import { createFixtureCounty, type FixtureCounty, type FixtureRole, signInAll } from '../org/testing-fixture.js';
import { registerWorkers } from '../workers.js';
import { insertScreenings } from './vision-import.js';

let db: Db;
let app: FastifyInstance;
let jobs: Jobs;
let drop: () => Promise<void>;
let fx: FixtureCounty;
let as: Record<FixtureRole, Client>;
let lastYearTerm: number;

const csv = (name: string, lines: string[]) => ({
  name,
  content: Buffer.from(['学籍号,姓名,左眼裸眼视力,右眼裸眼视力', ...lines].join('\n')),
});

beforeAll(async () => {
  const t = await createTestDb();
  db = t.db;
  drop = t.drop;
  fx = await createFixtureCounty(db);
  jobs = await startJobs(t.url);
  app = await createTestApp(db, jobs);
  await registerWorkers(app, jobs);
  as = await signInAll(app, fx);
  // Last year's term of the same kind as the current one, with 4 三年级 screenings, 1 of them 近视 (25%).
  const current = await db
    .selectFrom('terms')
    .select(['kind', 'name'])
    .where('id', '=', fx.terms.current)
    .executeTakeFirstOrThrow();
  const prevYear = await db
    .selectFrom('school_years')
    .select(['start_date', 'end_date'])
    .where('id', '=', fx.years.previous)
    .executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom('terms')
    .select('id')
    .where('school_year_id', '=', fx.years.previous)
    .where('kind', '=', current.kind)
    .executeTakeFirst();
  lastYearTerm =
    existing?.id ??
    (
      await db
        .insertInto('terms')
        .values({
          county_id: fx.countyId,
          school_year_id: fx.years.previous,
          kind: current.kind,
          name: `去年${current.name}`,
          start_date: prevYear.start_date,
          end_date: `${prevYear.start_date.slice(0, 4)}-12-31`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const ids = [fx.students.a31[0], fx.students.a31[1], fx.students.a32[0]];
  await insertScreenings(
    db,
    fx.countyId,
    [...ids, fx.students.a31Suspended].map((studentId, i) => ({
      termId: lastYearTerm,
      studentId,
      schoolId: fx.schools.a,
      classId: fx.classes.a31,
      gradeLevel: 3,
      sex: 'M',
      left: i === 0 ? 4.8 : 5.0,
      right: 5.0,
      myopia: i === 0,
    })),
  );
}, 60_000);

afterAll(async () => {
  await jobs.stop({ graceful: true, close: true, wait: true, timeout: 10_000 });
  await app.close();
  await drop();
});

describe('vision screening', () => {
  it('refuses values off the 5-point scale and writes nothing', async () => {
    const job = await dryRun(
      as.principalA,
      'health-vision',
      csv('bad.csv', ['GFX000001,,1.0,5.0', 'GFX000002,,4.9,6.0', 'GFX000010,,5.0,5.0']),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      expect.objectContaining({ row: 2, column: '左眼裸眼视力', message: expect.stringContaining('五分记录') }),
      expect.objectContaining({ row: 3, column: '右眼裸眼视力', message: expect.stringContaining('五分记录') }),
      expect.objectContaining({ row: 4, column: '学籍号', message: expect.stringContaining('不在您管理的学校') }),
    ]);
  });

  it('imports, reports the myopia rate with last year’s and the change, and lists the students to refer', async () => {
    const job = await importFile(
      as.principalA,
      'health-vision',
      csv('a.csv', ['GFX000001,,5.0,5.0', 'GFX000002,,4.9,5.1', 'GFX000003,,4.5,4.6', 'GFX000005,,5.1,5.2']),
    );
    expect(job.summary).toEqual({ create: 4, update: 0, unchanged: 0 });
    const res = await as.principalA.request('GET', `/api/v1/health/vision/report?level=school&unitId=${fx.schools.a}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // 2 of 4 近视 (000002: left 4.9; 000003: both) = 50%; last year 1 of 4 = 25% → +25 points.
    expect(r.overall).toMatchObject({ screened: 4, myopic: 2, rate: 0.5, lastYearRate: 0.25, change: 0.25 });
    expect(r.byGrade).toEqual([{ key: 3, screened: 4, myopic: 2, rate: 0.5, lastYearRate: 0.25, change: 0.25 }]);
    expect(r.bySubunit.map((s: { name: string; rate: number }) => [s.name, s.rate])).toEqual([
      ['三年级(1)班', 2 / 3],
      ['三年级(2)班', 0],
    ]);
    const refer = (await as.headTeacherA.request('GET', '/api/v1/health/vision/screenings?refer=true')).json();
    expect(refer.items.map((i: { studentNo: string }) => i.studentNo).sort()).toEqual(['GFX000002', 'GFX000003']);
    expect((await as.principalB.request('GET', '/api/v1/health/vision/screenings')).json().total).toBe(0);
  });

  it('offers 近视率 and the fitness rates as indicator sources', async () => {
    const period = { from: '2000-01-01', to: '2100-01-01', termId: fx.terms.current };
    const myopia = await indicatorSource('health.myopiaRate')!.compute(db, {
      countyId: fx.countyId,
      unit: { level: 'school', id: fx.schools.a },
      period,
      params: {},
    });
    expect(myopia).toMatchObject({ value: 0.5, n: 4 });
    const region = await indicatorSource('health.myopiaRate')!.compute(db, {
      countyId: fx.countyId,
      unit: { level: 'region', id: fx.regions.west },
      period,
      params: {},
    });
    expect(region.value).toBeNull();
    const pass = await indicatorSource('health.fitnessPassRate')!.compute(db, {
      countyId: fx.countyId,
      unit: { level: 'county', id: fx.countyId },
      period: { from: '2000-01-01', to: '2100-01-01', schoolYearId: fx.years.current },
      params: {},
    });
    expect(pass.value).toBeNull();
    expect(indicatorSource('health.obesityRate')?.direction).toBe('lower');
    expect(indicatorSource('health.fitnessGoodRate')?.checkParams?.({ x: 1 })).toContain('x');
  });
});
