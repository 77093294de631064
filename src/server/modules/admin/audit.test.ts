import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../platform/audit.js';
import { type Client, signIn } from '../../testing/app.js';
import { type AdminFixture, adminFixture, createAccount } from './fixture.js';

let f: AdminFixture;
let second: Client;
let created: number[];
const AUDIT = '/api/v1/admin/audit';

type Entry = {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};
async function entries(query = ''): Promise<{ items: Entry[]; total: number }> {
  const res = await f.admin.request('GET', `${AUDIT}?pageSize=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The calendar day in China of an instant, as YYYY-MM-DD. */
function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  f = await adminFixture();
  created = [
    await createAccount(f.admin, {
      username: 'audit.one',
      displayName: '甲',
      roles: [{ role: 'school_admin', schoolId: f.a1 }],
    }),
    await createAccount(f.admin, {
      username: 'audit.two',
      displayName: '乙',
      roles: [{ role: 'bureau_admin', regionId: f.countyId }],
    }),
  ];
  second = await signIn(f.app, 'audit.two', 'Passw0rd!x');
  await createAccount(second, { username: 'audit.three', displayName: '丙', roles: [] });
  await second.request('PATCH', `/api/v1/admin/users/${created[0]}`, { displayName: '甲（改）' });
  // another county's log is not this county's
  await audit(
    f.db,
    { countyId: f.otherCounty, userId: null, username: 'elsewhere' },
    { action: 'create', entity: 'user', summary: '邻县的记录' },
  );
});
afterAll(async () => {
  await f.app.close();
  await f.drop();
});

describe('audit log', () => {
  it('lists the county’s entries newest first, with who, what and from where', async () => {
    const all = await entries();
    expect(all.total).toBe(all.items.length);
    expect(all.items.some((e) => e.summary === '邻县的记录')).toBe(false);
    const ids = all.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const ats = all.items.map((e) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const update = all.items.find((e) => e.action === 'update' && e.entityId === String(created[0]))!;
    expect(update).toMatchObject({
      userId: second.user.id,
      username: 'audit.two',
      entity: 'user',
      summary: '修改账号 audit.one：姓名',
      before: { displayName: '甲' },
      after: { displayName: '甲（改）' },
    });
    expect(update.ip).toBeTruthy();
    expect(new Date(update.at).toISOString()).toBe(update.at);
  });

  it('filters by entity, action, user, record and text, with totals to match', async () => {
    const creates = await entries('&entity=user&action=create');
    // the bootstrap admin plus the three above
    expect(creates.total).toBe(4);
    expect(creates.items.every((e) => e.action === 'create' && e.entity === 'user')).toBe(true);
    const bySecond = await entries(`&userId=${second.user.id}`);
    expect(bySecond.items.map((e) => e.action).sort()).toEqual(['create', 'login', 'update']);
    const ofOne = await entries(`&entityId=${created[0]}`);
    expect(ofOne.items.map((e) => e.action)).toEqual(['update', 'create']);
    const text = await entries(`&q=${encodeURIComponent('audit.three')}`);
    expect(text.items.map((e) => e.summary)).toEqual(['创建账号 audit.three（丙）']);
    const byUsername = await entries('&q=AUDIT.TWO&action=login');
    expect(byUsername.total).toBe(1);
    const wildcard = await entries(`&q=${encodeURIComponent('%')}`);
    expect(wildcard.total).toBe(0);
    const page = await f.admin.request('GET', `${AUDIT}?pageSize=2&page=2`);
    const all = await entries();
    expect(page.json().items.map((e: Entry) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
    expect(page.json().total).toBe(all.total);
  });

  it('filters by date (whole days in China time) and by date-time', async () => {
    // two entries either side of midnight in China: 2024-03-01 23:30 and 2024-03-02 00:30 (+08:00)
    for (const [summary, at] of [
      ['深夜', '2024-03-01T15:30:00Z'],
      ['凌晨', '2024-03-01T16:30:00Z'],
    ]) {
      await audit(
        f.db,
        { countyId: f.countyId, userId: null, username: 'system' },
        { action: 'probe', entity: 'probe', summary },
      );
      await f.db
        .updateTable('audit_log')
        .set({ at: new Date(at) })
        .where('summary', '=', summary)
        .execute();
    }
    const summaries = async (query: string) => (await entries(`&entity=probe${query}`)).items.map((e) => e.summary);
    expect(await summaries('&from=2024-03-01&to=2024-03-01')).toEqual(['深夜']);
    expect(await summaries('&from=2024-03-02&to=2024-03-02')).toEqual(['凌晨']);
    expect(await summaries('&from=2024-03-01&to=2024-03-02')).toEqual(['凌晨', '深夜']);
    expect(await summaries('&to=2024-02-29')).toEqual([]);
    expect(await summaries(`&from=${encodeURIComponent('2024-03-02T00:00:00+08:00')}`)).toEqual(['凌晨']);
    expect(await summaries(`&to=${encodeURIComponent('2024-03-01T16:30:00Z')}`)).toEqual(['凌晨', '深夜']);
    expect(await summaries(`&to=${encodeURIComponent('2024-03-01T16:29:59Z')}`)).toEqual(['深夜']);

    const all = await entries();
    const today = chinaDay(Date.parse(all.items[0].at));
    const ofToday = all.items.filter((e) => chinaDay(Date.parse(e.at)) === today).length;
    expect(ofToday).toBeGreaterThan(0);
    expect((await entries(`&from=${today}&to=${today}`)).total).toBe(ofToday);
    expect((await entries(`&from=${chinaDay(Date.now() + 86400_000)}`)).total).toBe(0);
  });

  it('refuses dates it cannot read', async () => {
    for (const bad of ['2025-02-30', 'yesterday', '2025-13-01', '2025-01-01T99:00:00Z']) {
      const res = await f.admin.request('GET', `${AUDIT}?from=${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.message).toBe('日期格式有误（from），请使用 YYYY-MM-DD');
    }
  });

  it('is the county admin’s alone', async () => {
    const principal = await signIn(f.app, 'audit.one', 'Passw0rd!x');
    expect((await principal.request('GET', AUDIT)).statusCode).toBe(403);
    expect((await second.request('GET', AUDIT)).statusCode).toBe(200);
  });

  it('holds no password hash anywhere', async () => {
    const rows = await f.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('$argon2');
  });
});
