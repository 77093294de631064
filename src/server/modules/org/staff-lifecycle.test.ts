import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../testing/app.js';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';

/** A teacher who moves school or leaves: nothing of their old place stays behind silently. */
let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

describe('staff moves and leaving', () => {
  it('refuses to move a teacher to another school while they still teach classes of this year at the old one', async () => {
    const res = await t.as.countyAdmin.request('PATCH', `${API}/staff/${t.fx.staff.teacherA}`, {
      schoolId: t.fx.schools.b,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('请先调整任课安排');
    const row = await t.db
      .selectFrom('staff')
      .select('school_id')
      .where('id', '=', t.fx.staff.teacherA)
      .executeTakeFirstOrThrow();
    expect(row.school_id).toBe(t.fx.schools.a);
  });

  it('disables the account of an archived staff member and ends their sessions, with an audit row', async () => {
    const teacher = t.as.teacherA;
    expect((await teacher.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const archived = await t.as.principalA.request('DELETE', `${API}/staff/${t.fx.staff.teacherA}`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect((await teacher.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await expect(signIn(t.app, t.fx.users.teacherA.username, t.fx.password)).rejects.toThrow(/403/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'summary'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(t.fx.users.teacherA.id))
      .where('action', '=', 'update')
      .executeTakeFirst();
    expect(audit?.summary).toContain('停用其账号');
  });
});
