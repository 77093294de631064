import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn } from '../../testing/app.js';
import { ADMIN_PASSWORD, type AdminFixture, adminFixture, createAccount } from './fixture.js';

let f: AdminFixture;
const USERS = '/api/v1/admin/users';
const PW = 'Passw0rd!x';

beforeAll(async () => {
  f = await adminFixture();
});
afterAll(async () => {
  await f.app.close();
  await f.drop();
});

async function login(username: string, password: string) {
  return f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}
type Item = { id: number; username: string; roles: { role: string; label: string; scopeName: string }[] } & Record<
  string,
  unknown
>;
async function list(client: Client, query = ''): Promise<{ items: Item[]; total: number }> {
  const res = await client.request('GET', `${USERS}?pageSize=500${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('accounts: create', () => {
  it('creates an account with a generated password shown once, which must be changed', async () => {
    const res = await f.admin.request('POST', USERS, {
      username: 'wang.a1',
      displayName: '王老师',
      staffId: f.staffA1,
      roles: [{ role: 'grade_leader', schoolId: f.a1, gradeLevel: 3 }],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      username: 'wang.a1',
      displayName: '王老师',
      staffId: f.staffA1,
      staffName: '王老师',
      locale: 'zh-CN',
      disabled: false,
      locked: false,
      mustChangePassword: true,
      lastLoginAt: null,
      roles: [
        {
          role: 'grade_leader',
          regionId: null,
          schoolId: f.a1,
          gradeLevel: 3,
          subjectId: null,
          label: '年级组长',
          scopeName: '东区一小 · 三年级',
        },
      ],
    });
    expect(body.initialPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    const signedIn = await signIn(f.app, 'wang.a1', body.initialPassword);
    expect(signedIn.user.mustChangePassword).toBe(true);
    // the password is in no later answer
    const again = await f.admin.request('GET', `${USERS}/${body.id}`);
    expect(again.json().initialPassword).toBeUndefined();
    expect(again.json().lastLoginAt).not.toBeNull();
  });

  it('takes a given password under the password policy', async () => {
    const weak = await f.admin.request('POST', USERS, {
      username: 'weak1',
      displayName: 'x',
      password: 'abc',
      roles: [],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toBe('新密码至少 8 位');
    const simple = await f.admin.request('POST', USERS, {
      username: 'weak1',
      displayName: 'x',
      password: 'abcdefghij',
      roles: [],
    });
    expect(simple.json().error.message).toBe('新密码须同时包含字母和数字');
    const ok = await f.admin.request('POST', USERS, {
      username: 'given1',
      displayName: '某人',
      password: PW,
      roles: [],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().initialPassword).toBeUndefined();
    expect(ok.json().mustChangePassword).toBe(true);
    await signIn(f.app, 'given1', PW);
  });

  it('checks the username: form, and uniqueness whatever the case (409, in Chinese)', async () => {
    for (const bad of ['ab', 'has space', '张三', 'a'.repeat(33), 'semi;colon']) {
      const res = await f.admin.request('POST', USERS, { username: bad, displayName: 'x', roles: [] });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.message).toBe('用户名须为 3–32 位英文字母、数字或 _ . -');
    }
    const dup = await f.admin.request('POST', USERS, { username: 'ADMIN', displayName: 'x', roles: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', message: '用户名“ADMIN”已被使用' });
  });

  it('refuses a second account for the same staff member', async () => {
    const res = await f.admin.request('POST', USERS, {
      username: 'wang2',
      displayName: '王',
      staffId: f.staffA1,
      roles: [],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('该教职工已关联账号 wang.a1');
    const missing = await f.admin.request('POST', USERS, {
      username: 'wang3',
      displayName: '王',
      staffId: 999999,
      roles: [],
    });
    expect(missing.statusCode).toBe(400);
  });
});

describe('accounts: role grants are validated', () => {
  const cases: [string, () => Record<string, unknown>, string | (() => string)][] = [
    [
      'derived teacher role',
      () => ({ role: 'teacher', schoolId: f.a1 }),
      '“任课教师”不能授予：班主任和任课教师由班级和任课安排自动确定',
    ],
    [
      'derived head teacher role',
      () => ({ role: 'head_teacher', schoolId: f.a1 }),
      '“班主任”不能授予：班主任和任课教师由班级和任课安排自动确定',
    ],
    ['unknown role', () => ({ role: 'superuser', regionId: f.countyId }), '未知的角色：superuser'],
    ['grade leader without grade', () => ({ role: 'grade_leader', schoolId: f.a1 }), '“年级组长”须指定年级'],
    ['grade leader without school', () => ({ role: 'grade_leader', gradeLevel: 2 }), '“年级组长”须指定学校'],
    ['subject leader without subject', () => ({ role: 'subject_leader', schoolId: f.a1 }), '“教研组长”须指定学科'],
    [
      'school role without school',
      () => ({ role: 'school_director', regionId: f.east }),
      '“教导主任/德育主任”不能指定区域',
    ],
    [
      'bureau role with a school',
      () => ({ role: 'bureau_leader', regionId: f.east, schoolId: f.a1 }),
      '“局领导”不能指定学校',
    ],
    ['bureau role without region', () => ({ role: 'researcher' }), '“教研员”须指定区域'],
    [
      'inspector with region and school',
      () => ({ role: 'inspector', regionId: f.east, schoolId: f.a1 }),
      '“督学”须指定一个区域或一所学校（二选一）',
    ],
    ['inspector with neither', () => ({ role: 'inspector' }), '“督学”须指定一个区域或一所学校（二选一）'],
    [
      'region of another county',
      () => ({ role: 'researcher', regionId: f.otherCounty }),
      () => `区域不存在或不属于本县（编号 ${f.otherCounty}）`,
    ],
    [
      'school of another county',
      () => ({ role: 'school_admin', schoolId: f.otherSchool }),
      () => `学校不存在、已归档或不属于本县（编号 ${f.otherSchool}）`,
    ],
    [
      'subject of another county',
      () => ({ role: 'subject_leader', schoolId: f.a1, subjectId: f.otherSubject }),
      () => `学科不存在、已归档或不属于本县（编号 ${f.otherSubject}）`,
    ],
    [
      'grade the school does not teach',
      () => ({ role: 'grade_leader', schoolId: f.a1, gradeLevel: 8 }),
      '东区一小没有八年级',
    ],
  ];
  for (const [name, grant, message] of cases) {
    it(`refuses: ${name}`, async () => {
      const res = await f.admin.request('POST', USERS, {
        username: 'grant.test',
        displayName: 'x',
        roles: [{ ...grant() }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(typeof message === 'function' ? message() : message);
      expect(res.json().error.details).toMatchObject({ index: 0 });
    });
  }

  it('says it in English to an English-speaking admin, and points at the grant', async () => {
    await createAccount(f.admin, {
      username: 'admin.en',
      displayName: 'Admin EN',
      locale: 'en',
      roles: [{ role: 'bureau_admin', regionId: f.countyId }],
    });
    const en = await signIn(f.app, 'admin.en', PW);
    const res = await en.request('POST', USERS, {
      username: 'grant.test',
      displayName: 'x',
      roles: [
        { role: 'school_director', schoolId: f.a1 },
        { role: 'grade_leader', schoolId: f.a1 },
      ],
    });
    expect(res.json().error.message).toBe('“Grade leader” needs a grade');
    expect(res.json().error.details).toEqual({ index: 1, field: 'gradeLevel' });
  });

  it('accepts every well-formed grant and drops duplicates', async () => {
    const res = await f.admin.request('POST', USERS, {
      username: 'many.roles',
      displayName: '多角色',
      password: PW,
      roles: [
        { role: 'inspector', schoolId: f.a1 },
        { role: 'inspector', schoolId: f.a1, regionId: null },
        { role: 'inspector', regionId: f.west },
        { role: 'subject_leader', schoolId: f.a2, subjectId: f.yuwen },
        { role: 'grade_leader', schoolId: f.a2, gradeLevel: 8, label: 'ignored' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles.map((r: Item['roles'][0]) => `${r.label}:${r.scopeName}`)).toEqual([
      '督学:东区一小',
      '督学:西区',
      '教研组长:东区中学 · 语文',
      '年级组长:东区中学 · 八年级',
    ]);
  });
});

describe('accounts: list, update, disable, reset, unlock', () => {
  let zhao: number;
  let zhaoClient: Client;

  beforeAll(async () => {
    zhao = await createAccount(f.admin, {
      username: 'zhao.b1',
      displayName: '赵老师',
      staffId: f.staffB1,
      roles: [{ role: 'subject_leader', schoolId: f.b1, subjectId: f.yuwen }],
    });
    zhaoClient = await signIn(f.app, 'zhao.b1', PW);
  });

  it('lists with search, filters, sorting and paging, and totals that match', async () => {
    const all = await list(f.admin);
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((i) => i.username)).toContain('admin');
    const byName = await list(f.admin, `&q=${encodeURIComponent('赵')}`);
    expect(byName.items.map((i) => i.username)).toEqual(['zhao.b1']);
    const byStaffNo = await list(f.admin, '&q=T003');
    expect(byStaffNo.items.map((i) => i.username)).toEqual(['zhao.b1']);
    const leaders = await list(f.admin, '&role=subject_leader');
    expect(leaders.items.map((i) => i.username).sort()).toEqual(['many.roles', 'zhao.b1']);
    const ofB1 = await list(f.admin, `&schoolId=${f.b1}`);
    expect(ofB1.items.map((i) => i.username)).toEqual(['zhao.b1']);
    const ofA1 = await list(f.admin, `&schoolId=${f.a1}`);
    expect(ofA1.items.map((i) => i.username).sort()).toEqual(['many.roles', 'wang.a1']);
    const page = await f.admin.request('GET', `${USERS}?pageSize=2&page=2&sort=username&order=desc`);
    const ascending = (await list(f.admin, '&sort=username&order=asc')).items.map((i) => i.username);
    const sorted = [...ascending].reverse();
    expect(page.json().items.map((i: Item) => i.username)).toEqual(sorted.slice(2, 4));
    expect(page.json().total).toBe(all.total);
  });

  it('updates name, locale, staff link and replaces the roles, with an audit row of what changed', async () => {
    const res = await f.admin.request('PATCH', `${USERS}/${zhao}`, {
      displayName: '赵老师（西区一小）',
      locale: 'en',
      roles: [{ role: 'school_director', schoolId: f.b1 }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: '赵老师（西区一小）',
      locale: 'en',
      roles: [{ role: 'school_director', schoolId: f.b1, label: '教导主任/德育主任', scopeName: '西区一小' }],
    });
    const row = await f.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(zhao))
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.summary).toBe('修改账号 zhao.b1：姓名、语言、角色');
    expect(Object.keys(row.before as object).sort()).toEqual(['displayName', 'locale', 'roles']);
    expect((row.after as { roles: unknown[] }).roles).toEqual([
      { role: 'school_director', regionId: null, schoolId: f.b1, gradeLevel: null, subjectId: null },
    ]);
    // the user's own session sees the new roles at once
    const me = await zhaoClient.request('GET', '/api/v1/auth/me');
    expect(me.json().user.roles.map((r: { role: string }) => r.role)).toEqual(['school_director']);
    const unlink = await f.admin.request('PATCH', `${USERS}/${zhao}`, { staffId: null });
    expect(unlink.json()).toMatchObject({ staffId: null, staffName: null });
    const relink = await f.admin.request('PATCH', `${USERS}/${zhao}`, { staffId: f.staffB1, locale: 'zh-CN' });
    expect(relink.json()).toMatchObject({ staffId: f.staffB1, staffName: '赵老师' });
  });

  it('disables an account: its session stops working and it cannot sign in; enabling restores sign-in', async () => {
    expect((await zhaoClient.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const res = await f.admin.request('PATCH', `${USERS}/${zhao}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await zhaoClient.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const sessions = await f.db.selectFrom('sessions').select('token_hash').where('user_id', '=', zhao).execute();
    expect(sessions).toEqual([]);
    const again = await login('zhao.b1', PW);
    expect(again.statusCode).toBe(403);
    expect(again.json().error.message).toBe('账号已停用，请联系管理员');
    expect((await list(f.admin, '&disabled=true')).items.map((i) => i.username)).toEqual(['zhao.b1']);
    expect((await list(f.admin, '&disabled=false')).items.map((i) => i.username)).not.toContain('zhao.b1');

    const enable = await f.admin.request('PATCH', `${USERS}/${zhao}`, { disabled: false });
    expect(enable.json().disabled).toBe(false);
    zhaoClient = await signIn(f.app, 'zhao.b1', PW);
  });

  it('resets a password: old sessions end, the old password stops working, the new one must be changed', async () => {
    const res = await f.admin.request('PATCH', `${USERS}/${zhao}`, { password: 'short' });
    expect(res.statusCode).toBe(400);
    const ok = await f.admin.request('PATCH', `${USERS}/${zhao}`, { password: 'NewPass2026' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mustChangePassword).toBe(true);
    expect((await zhaoClient.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('zhao.b1', PW)).statusCode).toBe(401);
    zhaoClient = await signIn(f.app, 'zhao.b1', 'NewPass2026');
    expect(zhaoClient.user.mustChangePassword).toBe(true);
    const row = await f.db
      .selectFrom('audit_log')
      .select(['summary', 'before', 'after'])
      .where('entity_id', '=', String(zhao))
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.summary).toBe('修改账号 zhao.b1：重置密码');
    expect(row.after).toEqual({ passwordReset: true });
  });

  it('unlocks a locked account', async () => {
    for (let i = 0; i < 5; i++) await login('zhao.b1', 'wrong-password1');
    expect((await login('zhao.b1', 'NewPass2026')).statusCode).toBe(423);
    expect((await f.admin.request('GET', `${USERS}/${zhao}`)).json().locked).toBe(true);
    const res = await f.admin.request('POST', `${USERS}/${zhao}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().locked).toBe(false);
    expect((await login('zhao.b1', 'NewPass2026')).statusCode).toBe(200);
    const row = await f.db
      .selectFrom('audit_log')
      .select(['summary', 'user_id'])
      .where('action', '=', 'unlock')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ summary: '解锁账号 zhao.b1', user_id: f.admin.user.id });
  });

  it('writes nothing for an update that changes nothing', async () => {
    const count = async () =>
      (await f.db.selectFrom('audit_log').select('id').where('entity_id', '=', String(zhao)).execute()).length;
    const before = await count();
    const res = await f.admin.request('PATCH', `${USERS}/${zhao}`, {
      displayName: '赵老师（西区一小）',
      disabled: false,
    });
    expect(res.statusCode).toBe(200);
    expect(await count()).toBe(before);
  });

  it('answers 404 for an account that does not exist', async () => {
    expect((await f.admin.request('GET', `${USERS}/987654`)).statusCode).toBe(404);
    expect((await f.admin.request('PATCH', `${USERS}/987654`, { displayName: 'x' })).statusCode).toBe(404);
    expect((await f.admin.request('POST', `${USERS}/987654/unlock`)).statusCode).toBe(404);
  });
});

describe('accounts: self and the last county administrator', () => {
  it('cannot disable oneself or reset one’s own password here', async () => {
    const self = await f.admin.request('PATCH', `${USERS}/${f.admin.user.id}`, { disabled: true });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('不能停用自己的账号');
    const pw = await f.admin.request('PATCH', `${USERS}/${f.admin.user.id}`, { password: 'Another2026' });
    expect(pw.json().error.message).toBe('请在“修改密码”中修改自己的密码');
  });

  it('keeps at least one enabled county bureau_admin', async () => {
    // admin.en (created above) is a second county admin: disable it, then admin is the last one
    const en = (await list(f.admin, '&q=admin.en')).items[0];
    expect((await f.admin.request('PATCH', `${USERS}/${en.id}`, { disabled: true })).statusCode).toBe(200);
    const demote = await f.admin.request('PATCH', `${USERS}/${f.admin.user.id}`, {
      roles: [{ role: 'bureau_leader', regionId: f.countyId }],
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toBe('须至少保留一名未停用的县级教育局管理员');
    // a 学区 bureau_admin grant does not count as the county's
    const toDistrict = await f.admin.request('PATCH', `${USERS}/${f.admin.user.id}`, {
      roles: [{ role: 'bureau_admin', regionId: f.east }],
    });
    expect(toDistrict.statusCode).toBe(409);
    // nothing changed
    const me = await f.admin.request('GET', `${USERS}/${f.admin.user.id}`);
    expect(me.json().roles.map((r: { role: string; regionId: number }) => [r.role, r.regionId])).toEqual([
      ['bureau_admin', f.countyId],
    ]);

    // with a second admin enabled, the other can be disabled — and then the second cannot leave the role
    expect((await f.admin.request('PATCH', `${USERS}/${en.id}`, { disabled: false })).statusCode).toBe(200);
    const second = await signIn(f.app, 'admin.en', PW);
    expect((await second.request('PATCH', `${USERS}/${f.admin.user.id}`, { disabled: true })).statusCode).toBe(200);
    const leave = await second.request('PATCH', `${USERS}/${en.id}`, { roles: [] });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.message).toBe('At least one enabled county bureau administrator must remain');
    expect((await second.request('PATCH', `${USERS}/${f.admin.user.id}`, { disabled: false })).statusCode).toBe(200);
    f.admin = await signIn(f.app, 'admin', ADMIN_PASSWORD);
  });
});

describe('accounts: who manages whom', () => {
  let principalA1: Client;
  let districtEast: Client;
  let ids: Record<string, number>;

  beforeAll(async () => {
    ids = {
      eastAdmin: await createAccount(f.admin, {
        username: 'east.admin',
        displayName: '东区管理员',
        roles: [{ role: 'bureau_admin', regionId: f.east }],
      }),
      a1Principal: await createAccount(f.admin, {
        username: 'a1.principal',
        displayName: '东区一小校长',
        roles: [{ role: 'school_admin', schoolId: f.a1 }],
      }),
      b1Principal: await createAccount(f.admin, {
        username: 'b1.principal',
        displayName: '西区一小校长',
        roles: [{ role: 'school_admin', schoolId: f.b1 }],
      }),
      a1Inspector: await createAccount(f.admin, {
        username: 'a1.inspector',
        displayName: '督学',
        roles: [{ role: 'inspector', schoolId: f.a1 }],
      }),
      eastOffice: await createAccount(f.admin, {
        username: 'east.office',
        displayName: '孙干事',
        staffId: f.staffEastOffice,
        roles: [{ role: 'researcher', regionId: f.east }],
      }),
      noScope: await createAccount(f.admin, { username: 'county.only', displayName: '县里的人', roles: [] }),
    };
    const all = await list(f.admin);
    for (const name of ['wang.a1', 'zhao.b1', 'many.roles', 'admin'])
      ids[name] = all.items.find((i) => i.username === name)!.id;
    principalA1 = await signIn(f.app, 'a1.principal', PW);
    districtEast = await signIn(f.app, 'east.admin', PW);
  });

  it('a school admin lists only the accounts wholly in their school (not themselves, not bureau roles)', async () => {
    const seen = await list(principalA1);
    expect(seen.items.map((i) => i.username).sort()).toEqual(['wang.a1']);
    expect(seen.total).toBe(1);
    // a teacher account of the school (no grants, linked staff) they create is theirs too
    const res = await principalA1.request('POST', USERS, {
      username: 'li.a1',
      displayName: '李老师',
      staffId: f.staffA1b,
      password: PW,
      roles: [],
    });
    expect(res.statusCode).toBe(200);
    const dean = await principalA1.request('POST', USERS, {
      username: 'dean.a1',
      displayName: '教导主任',
      roles: [{ role: 'school_director', schoolId: f.a1 }],
    });
    expect(dean.statusCode).toBe(200);
    const after = await list(principalA1);
    expect(after.items.map((i) => i.username).sort()).toEqual(['dean.a1', 'li.a1', 'wang.a1']);
    expect(after.total).toBe(3);
    const paged = await principalA1.request('GET', `${USERS}?pageSize=1`);
    expect(paged.json().total).toBe(3);
    expect((await list(principalA1, `&schoolId=${f.b1}`)).total).toBe(0);
  });

  it('a school admin gets 403 for accounts of the bureau, of another school, and for their peers', async () => {
    for (const name of [
      'admin',
      'eastAdmin',
      'b1Principal',
      'zhao.b1',
      'a1Inspector',
      'many.roles',
      'noScope',
      'a1Principal',
    ]) {
      const id = ids[name];
      expect((await principalA1.request('GET', `${USERS}/${id}`)).statusCode, name).toBe(403);
      expect((await principalA1.request('PATCH', `${USERS}/${id}`, { displayName: 'x' })).statusCode, name).toBe(403);
      expect((await principalA1.request('POST', `${USERS}/${id}/unlock`)).statusCode, name).toBe(403);
    }
    expect((await principalA1.request('GET', `${USERS}/${ids['wang.a1']}`)).statusCode).toBe(200);
    expect((await principalA1.request('GET', `${USERS}/987654`)).statusCode).toBe(404);
  });

  it('a school admin grants only the school roles below theirs, in their school', async () => {
    const tryCreate = (roles: unknown[], staffId?: number) =>
      principalA1.request('POST', USERS, { username: 'x.try', displayName: 'x', password: PW, roles, staffId });
    const other = await tryCreate([{ role: 'school_director', schoolId: f.b1 }]);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('您无权授予或管理“教导主任/德育主任”角色（超出您的管理范围）');
    expect((await tryCreate([{ role: 'school_admin', schoolId: f.a1 }])).statusCode).toBe(403);
    expect((await tryCreate([{ role: 'bureau_leader', regionId: f.east }])).statusCode).toBe(403);
    expect((await tryCreate([{ role: 'inspector', schoolId: f.a1 }])).statusCode).toBe(403);
    const foreignStaff = await tryCreate([], f.staffB1);
    expect(foreignStaff.statusCode).toBe(403);
    expect(foreignStaff.json().error.message).toBe('只能关联本单位的教职工');
    const nothing = await tryCreate([]);
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.message).toBe('请为账号授予本单位的角色，或关联本单位的教职工');
    // nor can they widen an account of theirs beyond the school
    const widen = await principalA1.request('PATCH', `${USERS}/${ids['wang.a1']}`, {
      roles: [
        { role: 'grade_leader', schoolId: f.a1, gradeLevel: 3 },
        { role: 'researcher', regionId: f.east },
      ],
    });
    expect(widen.statusCode).toBe(403);
    const ok = await principalA1.request('PATCH', `${USERS}/${ids['wang.a1']}`, {
      roles: [{ role: 'grade_leader', schoolId: f.a1, gradeLevel: 4 }],
    });
    expect(ok.statusCode).toBe(200);
    expect((await list(f.admin, '&q=x.try')).total).toBe(0);
  });

  it('a 学区 admin manages the accounts of the 学区, but no bureau_admin and nothing outside', async () => {
    const seen = await list(districtEast);
    expect(seen.items.map((i) => i.username).sort()).toEqual([
      'a1.inspector',
      'a1.principal',
      'dean.a1',
      'east.office',
      'li.a1',
      'wang.a1',
    ]);
    expect(seen.total).toBe(6);
    // many.roles holds 督学 of 西区 too: not wholly in 东区
    for (const name of ['admin', 'eastAdmin', 'b1Principal', 'zhao.b1', 'many.roles', 'noScope']) {
      expect((await districtEast.request('GET', `${USERS}/${ids[name]}`)).statusCode, name).toBe(403);
    }
    const principal = await districtEast.request('POST', USERS, {
      username: 'a2.principal',
      displayName: '东区中学校长',
      password: PW,
      roles: [{ role: 'school_admin', schoolId: f.a2 }],
    });
    expect(principal.statusCode).toBe(200);
    const leader = await districtEast.request('POST', USERS, {
      username: 'east.leader',
      displayName: '东区领导',
      password: PW,
      roles: [{ role: 'bureau_leader', regionId: f.east }],
    });
    expect(leader.statusCode).toBe(200);
    const peer = await districtEast.request('POST', USERS, {
      username: 'east.admin2',
      displayName: 'x',
      password: PW,
      roles: [{ role: 'bureau_admin', regionId: f.east }],
    });
    expect(peer.statusCode).toBe(403);
    const county = await districtEast.request('POST', USERS, {
      username: 'county.res',
      displayName: 'x',
      password: PW,
      roles: [{ role: 'researcher', regionId: f.countyId }],
    });
    expect(county.statusCode).toBe(403);
    expect((await districtEast.request('PATCH', `${USERS}/${ids.a1Principal}`, { disabled: true })).statusCode).toBe(
      200,
    );
    expect((await districtEast.request('PATCH', `${USERS}/${ids.a1Principal}`, { disabled: false })).statusCode).toBe(
      200,
    );
    // disabling ended the principal's session
    expect((await principalA1.request('GET', USERS)).statusCode).toBe(401);
    principalA1 = await signIn(f.app, 'a1.principal', PW);
  });

  it('is closed to users who administer nothing, and the audit log is the county admin’s alone', async () => {
    const teacher = await signIn(f.app, 'li.a1', PW);
    expect((await teacher.request('GET', USERS)).statusCode).toBe(403);
    expect((await teacher.request('POST', USERS, { username: 'zzz', displayName: 'z', roles: [] })).statusCode).toBe(
      403,
    );
    expect((await principalA1.request('GET', '/api/v1/admin/audit')).statusCode).toBe(403);
    expect((await districtEast.request('GET', '/api/v1/admin/audit')).statusCode).toBe(403);
    expect((await f.app.inject({ method: 'GET', url: USERS })).statusCode).toBe(401);
  });

  it('never writes a password or its hash into the audit log', async () => {
    const rows = await f.db.selectFrom('audit_log').select(['before', 'after', 'summary']).execute();
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(PW);
    expect(text).not.toContain('NewPass2026');
    expect(text).not.toMatch(/password_hash|passwordHash/);
  });
});
