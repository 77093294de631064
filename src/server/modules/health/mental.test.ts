/**
 * Mental-health records: every role of the fixture county plus a 心理健康教师 of school A (created here) tried on every
 * route; every read audited; the summary's counts suppressed below 5 and free of names.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { type Client, createTestApp, signIn } from '../../testing/app.js';
import { createTestDb } from '../../testing/db.js';
import {
  createFixtureCounty,
  FIXTURE_ROLES,
  type FixtureCounty,
  type FixtureRole,
  signInAll,
} from '../org/testing-fixture.js';
import { suppressCounts } from './mental-routes.js';

let db: Db;
let app: FastifyInstance;
let drop: () => Promise<void>;
let fx: FixtureCounty;
let as: Record<FixtureRole | 'psychologistA', Client>;
let cardId: number;

const M = '/api/v1/health/mental';
/** Who may read and keep school A's records: its 心理健康教师, 教导主任/德育主任 and 校长. */
const NAMED_A = new Set(['psychologistA', 'directorA', 'principalA']);

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  fx = await createFixtureCounty(db);
  app = await createTestApp(db);
  const fixture = await signInAll(app, fx);
  const created = await fixture.countyAdmin.request('POST', '/api/v1/admin/users', {
    username: 'psy_a',
    displayName: '心理老师',
    password: 'Psych2025x',
    roles: [{ role: 'psychologist', schoolId: fx.schools.a }],
  });
  expect(created.statusCode, created.body).toBeLessThan(300);
  as = { ...fixture, psychologistA: await signIn(app, 'psy_a', 'Psych2025x') };
}, 60_000);

afterAll(async () => {
  await app.close();
  await drop();
});

const reads = async () =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select(db.fn.countAll().as('n'))
        .where('action', '=', 'read')
        .where('entity', 'like', 'health_mental_card%')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('mental-health records', () => {
  it('the psychologist keeps a round, a red card with plan and helper, a follow-up', async () => {
    const psy = as.psychologistA;
    const round = await psy.request('POST', `${M}/rounds`, {
      schoolId: fx.schools.a,
      name: '2025学年上学期心理筛查',
      scale: 'MHT',
      screened: 9,
    });
    expect(round.statusCode, round.body).toBe(200);
    const card = await psy.request('POST', `${M}/cards`, {
      schoolId: fx.schools.a,
      studentNo: 'GFX000001',
      roundId: round.json().id,
      level: 'red',
      reason: '量表总分高于临界值，近期情绪低落',
      scaleScore: 72,
    });
    expect(card.statusCode, card.body).toBe(200);
    cardId = card.json().id;
    const plan = await psy.request('PATCH', `${M}/cards/${cardId}`, {
      plan: '每周一次个别辅导；联系家长；必要时转介医院',
      helperStaffId: fx.staff.headTeacherA,
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const outsider = await psy.request('PATCH', `${M}/cards/${cardId}`, { helperStaffId: fx.staff.teacherB });
    expect(outsider.statusCode).toBe(400);
    expect(
      (await psy.request('POST', `${M}/cards/${cardId}/followups`, { date: '2025-10-10', note: '第一次面谈' }))
        .statusCode,
    ).toBe(200);
    // a student of another school cannot get a card here
    const other = await psy.request('POST', `${M}/cards`, {
      schoolId: fx.schools.a,
      studentNo: 'GFX000010',
      level: 'blue',
      reason: '—',
    });
    expect(other.statusCode).toBe(400);
  });

  it('every role: only the named roles of school A read or change its records', async () => {
    for (const role of [...FIXTURE_ROLES, 'psychologistA'] as const) {
      const who = as[role];
      const allowed = NAMED_A.has(role);
      const list = await who.request('GET', `${M}/cards?schoolId=${fx.schools.a}`);
      const one = await who.request('GET', `${M}/cards/${cardId}`);
      const rounds = await who.request('GET', `${M}/rounds?schoolId=${fx.schools.a}`);
      const change = await who.request('PATCH', `${M}/cards/${cardId}`, { reason: '量表总分高于临界值，近期情绪低落' });
      const create = await who.request('POST', `${M}/cards`, {
        schoolId: fx.schools.a,
        studentNo: 'GFX000002',
        level: 'blue',
        reason: '测试',
      });
      for (const res of [list, one, rounds, change, create])
        expect(res.statusCode, `${role} ${res.body}`).toBe(allowed ? 200 : 403);
      if (allowed) {
        expect(list.json().items.map((c: { studentNo: string }) => c.studentNo)).toContain('GFX000001');
        expect(one.json()).toMatchObject({ studentName: expect.any(String), helperStaffId: fx.staff.headTeacherA });
        expect(one.json().followups).toHaveLength(1);
      }
    }
  });

  it('audits every read', async () => {
    const before = await reads();
    await as.principalA.request('GET', `${M}/cards?schoolId=${fx.schools.a}`);
    await as.directorA.request('GET', `${M}/cards/${cardId}`);
    expect(await reads()).toBe(before + 2);
    const refused = await as.teacherA.request('GET', `${M}/cards/${cardId}`);
    expect(refused.statusCode).toBe(403);
    expect(await reads()).toBe(before + 2);
  });

  it('closes a card; a closed card takes no more follow-ups', async () => {
    expect(
      (await as.psychologistA.request('POST', `${M}/cards/${cardId}/close`, { note: '情绪稳定，结案' })).statusCode,
    ).toBe(200);
    const again = await as.psychologistA.request('POST', `${M}/cards/${cardId}/followups`, {
      date: '2025-11-01',
      note: 'x',
    });
    expect(again.statusCode).toBe(400);
    const card = (await as.psychologistA.request('GET', `${M}/cards/${cardId}`)).json();
    expect(card).toMatchObject({ status: 'closed', closingNote: '情绪稳定，结案' });
  });

  it('everyone else sees counts only, suppressed below 5, without names', async () => {
    // Open cards of A now: the blue ones created above by the three named roles (3) — below 5, withheld.
    const school = await as.gradeLeaderA3.request('GET', `${M}/summary?level=school&unitId=${fx.schools.a}`);
    expect(school.statusCode).toBe(403); // a grade leader does not see the whole school
    const res = await as.countyAdmin.request('GET', `${M}/summary?level=county&unitId=${fx.countyId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ screened: 9, open: null, red: 0, yellow: 0, blue: null });
    expect(res.body).not.toContain('GFX');
    expect(res.body).not.toContain('同学');
  });
});

describe('suppression of the counts (hand-worked)', () => {
  const rows = (red: number, yellow: number, blue: number) => [
    { level: 'red', n: red },
    { level: 'yellow', n: yellow },
    { level: 'blue', n: blue },
  ];
  it('withholds 1–4 and whatever would give it away by subtraction', () => {
    expect(suppressCounts(rows(0, 0, 0))).toEqual({ open: 0, red: 0, yellow: 0, blue: 0 });
    expect(suppressCounts(rows(5, 6, 7))).toEqual({ open: 18, red: 5, yellow: 6, blue: 7 });
    // red 2 is withheld; alone it would be 18 − 8 − 8: the smallest other (yellow 8) is withheld too.
    expect(suppressCounts(rows(2, 8, 9))).toEqual({ open: 19, red: null, yellow: null, blue: 9 });
    // red 3 + yellow 4 = 7 ≥ 5 withheld together: blue can stay.
    expect(suppressCounts(rows(3, 4, 9))).toEqual({ open: 16, red: null, yellow: null, blue: 9 });
    expect(suppressCounts(rows(1, 0, 2))).toEqual({ open: null, red: null, yellow: 0, blue: null });
  });
});
