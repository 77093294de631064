import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';

let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

describe('schools', () => {
  it('lets a 校长 edit their school’s details but not its type, region or existence', async () => {
    const a = t.fx.schools.a;
    const renamed = await t.as.principalA.request('PATCH', `${API}/schools/${a}`, { contactPerson: '王老师' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().contactPerson).toBe('王老师');
    expect((await t.as.principalA.request('PATCH', `${API}/schools/${a}`, { type: 'junior' })).statusCode).toBe(403);
    expect((await t.as.principalA.request('PATCH', `${API}/schools/${a}`, { isWeak: true })).statusCode).toBe(403);
    expect((await t.as.principalA.request('DELETE', `${API}/schools/${a}`)).statusCode).toBe(403);
    const row = await t.db.selectFrom('schools').select('archived_at').where('id', '=', a).executeTakeFirstOrThrow();
    expect(row.archived_at).toBeNull();
  });

  it('lets the county’s 教育局管理员 archive a school, which then leaves the list', async () => {
    const d = t.fx.schools.d;
    expect((await t.as.countyAdmin.request('DELETE', `${API}/schools/${d}`)).statusCode).toBe(200);
    const list = (await t.as.countyAdmin.request('GET', `${API}/schools?pageSize=100`)).json();
    expect(list.items.map((s: { id: number }) => s.id)).not.toContain(d);
    const all = (await t.as.countyAdmin.request('GET', `${API}/schools?pageSize=100&includeArchived=true`)).json();
    expect(all.items.find((s: { id: number }) => s.id === d).archived).toBe(true);
    expect(all.total).toBe(list.total + 1);
  });
});
