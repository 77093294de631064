/**
 * Fitness import → stored scores → reports, the 补测 list and its export, and the county's corrections of the
 * standard, over HTTP with the real import jobs, on the fixture county (testing-fixture.ts). Students of class
 * a31 (三年级): GFX000001 男, 000002 女, 000003 男, 000004 女 (休学); a32: 000005 男; c71 (七年级): 000013 男.
 *
 * Hand-worked scores (P3 tables of the 2014 standard; weights BMI 15, 肺活量 15, 50米 20, 坐位体前屈 20, 跳绳 20,
 * 仰卧起坐 10):
 * - 000001 男 at every 100-point threshold (2300, 9.1, 16.3, 126, 48), BMI 28/1.30² = 16.6 正常 → 100, bonus 0
 *   (exactly on the threshold earns none) → 100 优秀.
 * - 000002 女 at every 60-point threshold (800, 12, 2.2, 39, 16), BMI 40/1.69 = 23.7 肥胖 (≥21.2) → 60
 *   → 0.15×60 + 0.85×60 = 60.0 及格 (exactly on the band edge).
 * - 000003 男 below every 10-point threshold (500, 13, -6, 10, 3), BMI 正常 → 0.15×100 = 15 不及格.
 * - 000004 女 免测, BMI 33/1.69 = 19.5 超重 (18.7–21.1): no scores.
 * - 000005 男 as 000001 but 136 skips: 10 over 126 → +5 (1 per 2) → 105 优秀.
 */
import ExcelJS from 'exceljs';
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

let db: Db;
let app: FastifyInstance;
let jobs: Jobs;
let drop: () => Promise<void>;
let fx: FixtureCounty;
let as: Record<FixtureRole, Client>;

const HEADER =
  '学籍号,姓名,年级,性别,免测,身高,体重,肺活量,50米跑,坐位体前屈,一分钟跳绳,一分钟仰卧起坐,50米×8往返跑,立定跳远,引体向上,1000米跑,800米跑';
const csv = (name: string, lines: string[]) => ({ name, content: Buffer.from([HEADER, ...lines].join('\n')) });
const CLASS_FILE = csv('a31.csv', [
  'GFX000001,,三年级,男,,130,28,2300,9.1,16.3,126,48,,,,,',
  'GFX000002,,三年级,女,否,130,40,800,12,2.2,39,16,,,,,',
  'GFX000003,,,,,130,28,500,13,-6,10,3,,,,,',
  'GFX000004,,三年级,女,是,130,33,,,,,,,,,,',
  'GFX000005,,三年级,男,,130,28,2300,9.1,16.3,136,48,,,,,',
]);

beforeAll(async () => {
  const t = await createTestDb();
  db = t.db;
  drop = t.drop;
  fx = await createFixtureCounty(db);
  jobs = await startJobs(t.url);
  app = await createTestApp(db, jobs);
  await registerWorkers(app, jobs);
  as = await signInAll(app, fx);
}, 60_000);

afterAll(async () => {
  await jobs.stop({ graceful: true, close: true, wait: true, timeout: 10_000 });
  await app.close();
  await drop();
});

const get = async (who: Client, url: string) => {
  const res = await who.request('GET', `/api/v1/health${url}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('fitness import', () => {
  it('refuses every bad row with its row, column and reason, and writes nothing', async () => {
    const job = await dryRun(
      as.principalA,
      'health-fitness',
      csv('bad.csv', [
        'GFX000001,,三年级,男,,130,28,2300,2,16.3,126,48,,,,,', // row 2: 50 m in 2 s
        'GFX000002,,三年级,女,,130,28,90000,12,2.2,39,16,,,,,', // row 3: 肺活量 90,000 ml
        'GFX000003,,三年级,男,,300,28,2300,9.1,16.3,126,48,,,,,', // row 4: 3 m tall
        'GFX000005,,三年级,男,,130,28,2300,9.1,16.3,126,48,110,,,,', // row 5: 50×8 is not a 三年级 item
        'GFX000004,,三年级,女,是,130,33,1500,,,,,,,,,', // row 6: 免测 with a result
        'GFX000006,,三年级,男,,130,28,1500,12,2.2,39,16,,,,,', // row 7: 000006 is a girl (a32)
        'GFX000007,,三年级,男,,130,28,2300,9.1,16.3,126,48,,,,,', // row 8: 000007 is in 四年级 (a41)
        `GFX000001,,三年级,男,,130,28,2300,1'05,16.3,126,48,,,,,`, // row 9: a time in minutes; repeated 学籍号
        'GNOBODY01,,三年级,男,,130,28,2300,9.1,16.3,126,48,,,,,', // row 10: unknown student
        'GFX000010,,三年级,女,,130,28,2300,9.1,16.3,126,48,,,,,', // row 11: school B, not principalA's
      ]),
    );
    expect(job.status).toBe('invalid');
    const at = (row: number) => job.errors.filter((e) => e.row === row);
    expect(at(2)[0]).toMatchObject({ column: '50米跑', message: expect.stringContaining('50米跑 2秒 不可能') });
    expect(at(3)[0]).toMatchObject({ column: '肺活量', message: expect.stringContaining('90000毫升 不可能') });
    expect(at(4)[0]).toMatchObject({ column: '身高', message: expect.stringContaining('身高 300厘米 不可能') });
    expect(at(5)[0]).toMatchObject({ column: '50米×8往返跑', message: '50米×8往返跑 不适用于三年级' });
    expect(at(6)[0]).toMatchObject({ column: '肺活量', message: expect.stringContaining('免测学生不应有测试成绩') });
    expect(at(7)[0]).toMatchObject({ column: '性别', message: expect.stringContaining('与学籍（女）不符') });
    expect(at(8)[0]).toMatchObject({ column: '年级', message: expect.stringContaining('四年级') });
    expect(at(9).map((e) => e.column)).toContain('学籍号');
    expect(at(10)[0]).toMatchObject({ column: '学籍号', message: expect.stringContaining('不存在') });
    expect(at(11)[0]).toMatchObject({ column: '学籍号', message: expect.stringContaining('不在您管理的学校') });
    const n = await db.selectFrom('health_fitness_results').select(db.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });

  it('a time written in minutes is out of range once the duplicate is gone', async () => {
    const job = await dryRun(
      as.principalA,
      'health-fitness',
      csv('time.csv', [`GFX000001,,三年级,男,,130,28,2300,1'05,16.3,126,48,,,,,`]),
    );
    expect(job.errors).toEqual([
      expect.objectContaining({ row: 2, column: '50米跑', message: expect.stringContaining('50米跑 65秒 不可能') }),
    ]);
  });

  it('imports a class and stores the hand-worked scores', async () => {
    const job = await importFile(as.principalA, 'health-fitness', CLASS_FILE);
    expect(job.summary).toEqual({ create: 5, update: 0, unchanged: 0 });
    const rows = await db
      .selectFrom('health_fitness_results as r')
      .innerJoin('students as s', 's.id', 'r.student_id')
      .select([
        's.student_no',
        'r.bmi',
        'r.bmi_category',
        'r.standard_score',
        'r.bonus',
        'r.total',
        'r.grade',
        'r.exempt',
      ])
      .orderBy('s.student_no')
      .execute();
    expect(rows).toEqual([
      {
        student_no: 'GFX000001',
        bmi: 16.6,
        bmi_category: '正常',
        standard_score: 100,
        bonus: 0,
        total: 100,
        grade: '优秀',
        exempt: false,
      },
      {
        student_no: 'GFX000002',
        bmi: 23.7,
        bmi_category: '肥胖',
        standard_score: 60,
        bonus: 0,
        total: 60,
        grade: '及格',
        exempt: false,
      },
      {
        student_no: 'GFX000003',
        bmi: 16.6,
        bmi_category: '正常',
        standard_score: 15,
        bonus: 0,
        total: 15,
        grade: '不及格',
        exempt: false,
      },
      {
        student_no: 'GFX000004',
        bmi: 19.5,
        bmi_category: '超重',
        standard_score: null,
        bonus: null,
        total: null,
        grade: null,
        exempt: true,
      },
      {
        student_no: 'GFX000005',
        bmi: 16.6,
        bmi_category: '正常',
        standard_score: 100,
        bonus: 5,
        total: 105,
        grade: '优秀',
        exempt: false,
      },
    ]);
    const again = await importFile(as.principalA, 'health-fitness', CLASS_FILE);
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 5 });
  });

  it('reports rates by class, school, grade and sex as worked by hand', async () => {
    const cls = await get(as.headTeacherA, `/fitness/report?level=class&unitId=${fx.classes.a31}`);
    // a31: scored 3 (优秀 1, 及格 1, 不及格 1; 免测 out): 合格 2/3, 优良 1/3, 优秀 1/3; BMI of 4: 超重 1, 肥胖 1.
    expect(cls.overall).toMatchObject({ students: 4, exempt: 1, scored: 3, excellent: 1, pass: 1, fail: 1 });
    expect(cls.overall.passRate).toBeCloseTo(2 / 3, 10);
    expect(cls.overall.goodRate).toBeCloseTo(1 / 3, 10);
    expect(cls.overall.excellentRate).toBeCloseTo(1 / 3, 10);
    expect(cls.overall.overweightRate).toBe(0.25);
    expect(cls.overall.obesityRate).toBe(0.25);

    const school = await get(as.principalA, `/fitness/report?level=school&unitId=${fx.schools.a}`);
    // A: scored 4 (优秀 2, 及格 1, 不及格 1): 合格 3/4, 优良 2/4, 优秀 2/4; BMI of 5: 超重 1/5, 肥胖 1/5.
    expect(school.overall).toMatchObject({ passRate: 0.75, goodRate: 0.5, excellentRate: 0.5 });
    expect(school.overall.obesityRate).toBeCloseTo(0.2, 10);
    // 三年级 男: 000001 优秀, 000003 不及格, 000005 优秀 → 2/3; 女: 000002 及格 (000004 免测) → 1/1, 优良 0.
    const boys = school.byGradeSex.find((r: { sex: string }) => r.sex === 'M');
    const girls = school.byGradeSex.find((r: { sex: string }) => r.sex === 'F');
    expect(boys.passRate).toBeCloseTo(2 / 3, 10);
    expect(girls).toMatchObject({ scored: 1, passRate: 1, goodRate: 0 });
    expect(school.bySubunit.map((r: { name: string; scored: number }) => [r.name, r.scored])).toEqual([
      ['三年级(1)班', 3],
      ['三年级(2)班', 1],
    ]);
    // 仰卧起坐 scores 100, 60, 0, 100: mean 65, below 60: 1 of 4.
    const situp = school.items.find((i: { item: string }) => i.item === 'sit_up_1min');
    expect(situp).toMatchObject({ scored: 4, meanScore: 65, failRate: 0.25 });
    expect(school.trend).toHaveLength(1);
    expect(school.trend[0].passRate).toBe(0.75);
  });

  it('gives the same rates to the plans module (indicator sources)', async () => {
    const q = (key: string) =>
      indicatorSource(key)!.compute(db, {
        countyId: fx.countyId,
        unit: { level: 'school', id: fx.schools.a },
        period: { from: '2000-01-01', to: '2100-01-01', schoolYearId: fx.years.current },
        params: {},
      });
    expect(await q('health.fitnessPassRate')).toMatchObject({ value: 0.75, n: 4 });
    expect(await q('health.fitnessGoodRate')).toMatchObject({ value: 0.5, n: 4 });
    expect((await q('health.obesityRate')).value).toBeCloseTo(0.2, 10);
  });

  it('reports a 学区 to those who see all its schools', async () => {
    // 东区 holds A and C; only A has results: the same numbers as school A, broken down by school.
    const east = await get(as.districtLeader, `/fitness/report?level=region&unitId=${fx.regions.east}`);
    expect(east.overall).toMatchObject({ scored: 4, passRate: 0.75 });
    expect(east.bySubunit.map((r: { id: number }) => r.id)).toEqual([fx.schools.a]);
    const refused = await as.principalA.request(
      'GET',
      `/api/v1/health/fitness/report?level=region&unitId=${fx.regions.east}`,
    );
    expect(refused.statusCode).toBe(403);
  });

  it('a report outside the caller’s scope is refused', async () => {
    expect(
      (await as.principalB.request('GET', `/api/v1/health/fitness/report?level=school&unitId=${fx.schools.a}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await as.principalA.request('GET', `/api/v1/health/fitness/report?level=county&unitId=${fx.countyId}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await as.teacherA.request('GET', `/api/v1/health/fitness/report?level=class&unitId=${fx.classes.a31}`))
        .statusCode,
    ).toBe(403);
  });

  it('lists the students below 及格 for 补测 and exports them (audited)', async () => {
    const list = await get(as.principalA, '/fitness/results?retest=true');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ studentNo: 'GFX000003', total: 15, grade: '不及格' });
    expect(list.items[0].weakItems).toContain('一分钟仰卧起坐(0)');
    const res = await as.principalA.request('GET', '/api/v1/health/fitness/retests/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('学籍号');
    expect(ws.getRow(2).getCell(1).value).toBe('GFX000003');
    expect(ws.actualRowCount).toBe(2);
    const logged = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'health_fitness_retests')
      .executeTakeFirst();
    expect(logged?.summary).toBe('导出体质健康补测名单 1 人');
    // principalB sees none of school A's students.
    expect((await get(as.principalB, '/fitness/results?retest=true')).total).toBe(0);
  });
});

describe('the county corrects the standard', () => {
  // c71 七年级 (J1) 男 GFX000013: the shipped J1 男 1000米 table is missing entirely.
  const J1_FILE = csv('c71.csv', ['GFX000013,,七年级,男,,160,50,3700,7.8,17.6,,,,225,13,3\'30",']);

  it('stores a result whose standard cell is missing with "no standard value", never a guess', async () => {
    await importFile(as.countyAdmin, 'health-fitness', J1_FILE);
    const r = await db
      .selectFrom('health_fitness_results')
      .select(['scores', 'total', 'grade', 'notes'])
      .where('student_id', '=', fx.students.c71[1])
      .executeTakeFirstOrThrow();
    expect(r.scores.run_1000m).toEqual({ score: null, status: 'missing' });
    expect(r.scores.vital_capacity.score).toBe(100);
    expect(r.total).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.notes.some((n) => n.includes('no standard value'))).toBe(true);
  });

  it('refuses a cell that breaks the monotonic thresholds, and a non-admin', async () => {
    const set = (who: Client, body: object) => who.request('POST', '/api/v1/health/standard/cells', body);
    const base = { gradeCode: 'J1', sex: 'M', item: 'run_1000m', reason: '教体艺〔2014〕5号 表1-9' };
    expect((await set(as.principalA, { ...base, score: 100, threshold: 217 })).statusCode).toBe(403);
    // 95 分 must be slower than 100 分 (lower is better): J2 男 50米 95分 is 7.8 → a 95-point 7.5 breaks it.
    const bad = await set(as.countyAdmin, {
      gradeCode: 'J2',
      sex: 'M',
      item: 'run_50m',
      score: 95,
      threshold: 7.3,
      reason: '试改',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('不单调');
    const wrongLevel = await set(as.countyAdmin, { ...base, score: 77, threshold: 230 });
    expect(wrongLevel.statusCode).toBe(400);
  });

  it('completes a missing cell: audited, status county, stored results re-scored', async () => {
    const res = await as.countyAdmin.request('POST', '/api/v1/health/standard/cells', {
      gradeCode: 'J1',
      sex: 'M',
      item: 'run_1000m',
      score: 100,
      threshold: 217,
      reason: '教体艺〔2014〕5号 表1-9',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rescored).toBe(1);
    const std = await get(as.teacherA, '/standard?gradeCode=J1&sex=M');
    const cell = std.tables.find((t: { item: string }) => t.item === 'run_1000m').cells[0];
    expect(cell).toMatchObject({ score: 100, threshold: 217, status: 'county' });
    // 3'30" = 210 s ≤ 217 → 100; bonus 7 s faster → 1 point (4 s step); 立定跳远 225 = 100, 引体向上 13 = 100, no bonus.
    const r = await db
      .selectFrom('health_fitness_results')
      .select(['scores', 'standard_score', 'bonus', 'total', 'grade'])
      .where('student_id', '=', fx.students.c71[1])
      .executeTakeFirstOrThrow();
    expect(r.scores.run_1000m).toEqual({ score: 100, status: 'county' });
    expect(r).toMatchObject({ standard_score: 100, bonus: 1, total: 101, grade: '优秀' });
    const logged = await db
      .selectFrom('audit_log')
      .select(['summary', 'before', 'after'])
      .where('entity', '=', 'health_standard_cell')
      .executeTakeFirstOrThrow();
    expect(logged.summary).toContain('初一男 1000米跑 100分 — → 217');
    const changes = await get(as.principalA, '/standard/changes');
    expect(changes.items).toHaveLength(1);
  });
});

describe('毕业成绩 of a graduation year', () => {
  it('六年级: this year × 50% + the mean of the earlier 小学 years × 50%, computed on import', async () => {
    // A 六年级 class in school A with one boy, whose 五年级 result of last year was 80.0.
    const classId = (
      await db
        .insertInto('classes')
        .values({
          county_id: fx.countyId,
          school_id: fx.schools.a,
          school_year_id: fx.years.current,
          grade_level: 6,
          class_no: 1,
          name: '六年级(1)班',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const studentId = (
      await db
        .insertInto('students')
        .values({
          county_id: fx.countyId,
          student_no: 'GGRAD00001',
          name: '毕业生',
          gender: 'M',
          school_id: fx.schools.a,
          class_id: classId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('health_fitness_results')
      .values({
        county_id: fx.countyId,
        school_year_id: fx.years.previous,
        student_id: studentId,
        school_id: fx.schools.a,
        class_id: fx.classes.aPrev,
        grade_level: 5,
        sex: 'M',
        items: '{}',
        scores: '{}',
        notes: '[]',
        total: 80,
        grade: '良好',
        updated_at: new Date(),
      })
      .execute();
    // Every item at its P6 男 80-point threshold, BMI 36/1.45² = 17.1 正常: 0.15×100 + 0.85×80 = 83.0, no bonus.
    await importFile(
      as.principalA,
      'health-fitness',
      csv('grad.csv', ['GGRAD00001,,六年级,男,,145,36,2500,8.6,9,135,39,102,,,,']),
    );
    const r = await db
      .selectFrom('health_fitness_results')
      .select(['total', 'grade', 'graduation_score'])
      .where('student_id', '=', studentId)
      .where('school_year_id', '=', fx.years.current)
      .executeTakeFirstOrThrow();
    // 83 × 50% + 80 × 50% = 81.5
    expect(r).toEqual({ total: 83, grade: '良好', graduation_score: 81.5 });
  });
});

describe('the psychologist role', () => {
  it('is granted on a school by the county admin and by the school’s principal', async () => {
    for (const [who, username] of [
      [as.countyAdmin, 'psy_a'],
      [as.principalA, 'psy_a2'],
    ] as const) {
      const res = await who.request('POST', '/api/v1/admin/users', {
        username,
        displayName: '心理老师',
        password: 'Psych2025x',
        roles: [{ role: 'psychologist', schoolId: fx.schools.a }],
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    const grants = await db.selectFrom('user_roles').select('role').where('role', '=', 'psychologist').execute();
    expect(grants).toHaveLength(2);
    // Without a school it is refused.
    const res = await as.countyAdmin.request('POST', '/api/v1/admin/users', {
      username: 'psy_b',
      displayName: '心理老师',
      password: 'Psych2025x',
      roles: [{ role: 'psychologist', regionId: fx.regions.east }],
    });
    expect(res.statusCode).toBe(400);
  });
});
