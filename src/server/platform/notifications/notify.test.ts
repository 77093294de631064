import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { type OrgTestContext, setupOrgTest } from '../../modules/org/test-context.js';
import type { FixtureCounty } from '../../modules/org/testing-fixture.js';
import { notify } from './notify.js';
import { resolveRecipients } from './recipients.js';

let t: OrgTestContext;
let db: Db;
let fx: FixtureCounty;
beforeAll(async () => {
  t = await setupOrgTest();
  db = t.db;
  fx = t.fx;
}, 60_000);
afterAll(() => t.close());

describe('resolveRecipients', () => {
  it('a role at a school: the school grant holders and a region grant above the school', async () => {
    const u = fx.users;
    expect(await resolveRecipients(db, fx.countyId, [{ role: 'school_admin', schoolId: fx.schools.a }])).toEqual([
      u.principalA.id,
    ]);
    // 东区's 局领导 holds bureau_leader over school A (A is in 东区); B is in 西区.
    expect(await resolveRecipients(db, fx.countyId, [{ role: 'bureau_leader', schoolId: fx.schools.a }])).toEqual([
      u.districtLeader.id,
    ]);
    expect(await resolveRecipients(db, fx.countyId, [{ role: 'bureau_leader', schoolId: fx.schools.b }])).toEqual([]);
    // The county's 教育局管理员 is granted on the county region, so covers every school.
    expect(await resolveRecipients(db, fx.countyId, [{ role: 'bureau_admin', schoolId: fx.schools.b }])).toEqual([
      u.countyAdmin.id,
    ]);
  });

  it('a role in the county; users and staff; duplicates once; disabled users never', async () => {
    const u = fx.users;
    const all = await resolveRecipients(db, fx.countyId, [
      { role: 'school_admin', county: true },
      { userId: u.principalA.id },
      { staffId: fx.staff.directorA },
    ]);
    expect(all).toEqual([u.principalA.id, u.directorA.id, u.principalB.id].sort((a, b) => a - b));
    await db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', u.principalB.id).execute();
    expect(await resolveRecipients(db, fx.countyId, [{ role: 'school_admin', county: true }])).toEqual([
      u.principalA.id,
    ]);
    await db.updateTable('users').set({ disabled_at: null }).where('id', '=', u.principalB.id).execute();
  });

  it('班主任 and 任课教师 follow from the current classes and assignments (staff → users)', async () => {
    const u = fx.users;
    const heads = await resolveRecipients(db, fx.countyId, [{ role: 'head_teacher', schoolId: fx.schools.a }]);
    expect(heads).toContain(u.headTeacherA.id);
    expect(heads).not.toContain(u.teacherA.id);
    const teachers = await resolveRecipients(db, fx.countyId, [{ role: 'teacher', schoolId: fx.schools.a }]);
    expect(teachers).toContain(u.teacherA.id);
    expect(await resolveRecipients(db, fx.countyId, [{ role: 'teacher', schoolId: fx.schools.b }])).not.toContain(
      u.teacherA.id,
    );
  });
});

describe('notify and the API', () => {
  it('stores one message per user, deduplicated by key, in the caller’s transaction', async () => {
    const base = {
      countyId: fx.countyId,
      recipients: [{ role: 'school_admin' as const, schoolId: fx.schools.a }, { userId: fx.users.directorA.id }],
      kind: 'test.event',
      title: '请处理',
      link: '/somewhere',
      dedupeKey: 'test:1',
    };
    expect(await db.transaction().execute((trx) => notify(trx, base))).toBe(2);
    expect(await db.transaction().execute((trx) => notify(trx, base))).toBe(0);
    // A rolled-back event leaves no message behind.
    await expect(
      db.transaction().execute(async (trx) => {
        await notify(trx, { ...base, dedupeKey: 'test:2' });
        throw new Error('event failed');
      }),
    ).rejects.toThrow('event failed');
    const rows = await db.selectFrom('notifications').select(['user_id', 'dedupe_key']).execute();
    expect(rows.filter((r) => r.dedupe_key === 'test:2')).toEqual([]);
    expect(rows.filter((r) => r.dedupe_key === 'test:1').length).toBe(2);
    // Without a key every call is a new message.
    await notify(db, { ...base, recipients: [{ userId: fx.users.directorA.id }], dedupeKey: null });
    await notify(db, { ...base, recipients: [{ userId: fx.users.directorA.id }], dedupeKey: null });
  });

  it('a user lists, counts and marks only their own messages', async () => {
    const api = '/api/v1/notifications';
    const a = t.as.principalA;
    const d = t.as.directorA;
    const listA = (await a.request('GET', `${api}?pageSize=10`)).json();
    expect(listA.total).toBe(1);
    expect(listA.items[0]).toMatchObject({ title: '请处理', link: '/somewhere', read: false });
    expect((await d.request('GET', `${api}/unread-count`)).json()).toEqual({ count: 3 });
    expect((await t.as.teacherA.request('GET', api)).json()).toEqual({ items: [], total: 0 });
    // Someone else's message: 403; an unknown one: 404.
    expect((await d.request('POST', `${api}/${listA.items[0].id}/read`)).statusCode).toBe(403);
    expect((await a.request('POST', `${api}/999999999/read`)).statusCode).toBe(404);
    expect((await a.request('POST', `${api}/${listA.items[0].id}/read`)).statusCode).toBe(200);
    expect((await a.request('GET', `${api}/unread-count`)).json()).toEqual({ count: 0 });
    expect((await d.request('GET', `${api}/unread-count`)).json()).toEqual({ count: 3 });
    expect((await d.request('GET', `${api}?unread=true&pageSize=2`)).json().items.length).toBe(2);
    expect((await d.request('POST', `${api}/read-all`)).json()).toEqual({ marked: 3 });
    expect((await d.request('GET', `${api}/unread-count`)).json()).toEqual({ count: 0 });
    expect((await a.request('GET', api)).json().items[0].read).toBe(true);
  });
});
