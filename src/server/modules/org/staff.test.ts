import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';
import { createFixtureCounty, FIXTURE_ROLES, type FixtureCounty } from './testing-fixture.js';

let t: OrgTestContext;
let other: FixtureCounty;
beforeAll(async () => {
  t = await setupOrgTest();
  other = await createFixtureCounty(t.db, { prefix: 'fy', countyName: '邻县' });
});
afterAll(async () => {
  await t?.close();
});

describe('staff: reading', () => {
  it('filters the list and its total by every role’s scope', async () => {
    for (const role of FIXTURE_ROLES) {
      const body = (await t.as[role].request('GET', `${API}/staff?pageSize=2`)).json();
      expect(body.total, role).toBe(t.fx.expected.staff[role]);
      expect(body.items.length, role).toBe(2);
    }
    const b = (await t.as.principalB.request('GET', `${API}/staff?pageSize=100`)).json();
    expect(b.items.map((s: { staffNo: string }) => s.staffNo)).toEqual(['B001', 'B002']);
    // Bureau staff are for bureau roles only.
    const bureau = (await t.as.districtLeader.request('GET', `${API}/staff?q=J001`)).json();
    expect(bureau.total).toBe(1);
    expect((await t.as.principalA.request('GET', `${API}/staff?q=J001`)).json().total).toBe(0);
  });

  it('includes subject names and whether the person has an account; masks phones in lists', async () => {
    const list = (await t.as.principalA.request('GET', `${API}/staff?q=A006`)).json();
    expect(list.items).toEqual([
      {
        id: t.fx.staff.teacherA,
        staffNo: 'A006',
        name: '刘老师',
        gender: expect.any(String),
        schoolId: t.fx.schools.a,
        schoolName: '实验小学',
        regionId: null,
        phone: expect.stringMatching(/^139\*{4}\d{4}$/),
        title: 'second',
        tiers: [],
        subjectIds: [t.fx.subjects.shuxue, t.fx.subjects.yingyu],
        subjectNames: ['数学', '英语'],
        position: null,
        hasAccount: true,
      },
    ]);
    const noAccount = (await t.as.principalA.request('GET', `${API}/staff?q=A007`)).json();
    expect(noAccount.items[0].hasAccount).toBe(false);
  });

  it('shows the phone whole by id to those who manage the school, masked to others', async () => {
    const id = t.fx.staff.teacherA;
    expect((await t.as.principalA.request('GET', `${API}/staff/${id}`)).json().phone).toMatch(/^139\d{8}$/);
    expect((await t.as.countyAdmin.request('GET', `${API}/staff/${id}`)).json().phone).toMatch(/^139\d{8}$/);
    expect((await t.as.headTeacherA.request('GET', `${API}/staff/${id}`)).json().phone).toMatch(/^139\*{4}\d{4}$/);
    expect((await t.as.districtLeader.request('GET', `${API}/staff/${id}`)).json().phone).toMatch(/^139\*{4}\d{4}$/);
  });

  it('filters by school, subject, title and tier', async () => {
    const q = async (query: string) =>
      (await t.as.countyAdmin.request('GET', `${API}/staff?pageSize=100&${query}`))
        .json()
        .items.map((s: { staffNo: string }) => s.staffNo);
    expect(await q(`schoolId=${t.fx.schools.b}`)).toEqual(['B001', 'B002']);
    expect(await q(`subjectId=${t.fx.subjects.shuxue}`)).toEqual(['A002', 'A004', 'A006', 'C001']);
    expect(await q('title=senior')).toEqual(['A001', 'B001', 'J001']);
    expect(await q('tier=backbone')).toEqual(['A004', 'A005']);
    const desc = (await t.as.countyAdmin.request('GET', `${API}/staff?sort=staffNo&order=desc&pageSize=2`)).json();
    expect(desc.items.map((s: { staffNo: string }) => s.staffNo)).toEqual(['J001', 'D001']);
  });

  it('answers 403 outside the scope, 404 for nothing — including another county’s staff', async () => {
    expect((await t.as.principalA.request('GET', `${API}/staff/${t.fx.staff.teacherB}`)).statusCode).toBe(403);
    expect((await t.as.countyAdmin.request('GET', `${API}/staff/99999999`)).statusCode).toBe(404);
    expect((await t.as.countyAdmin.request('GET', `${API}/staff/${other.staff.teacherA}`)).statusCode).toBe(404);
    const list = (await t.as.countyAdmin.request('GET', `${API}/staff?pageSize=500`)).json();
    expect(list.total).toBe(12);
  });
});

describe('staff: writing', () => {
  it('creates staff in a managed school; 403 elsewhere; bureau staff only by the county admin', async () => {
    const body = { staffNo: 'A100', name: '新老师', schoolId: t.fx.schools.a, subjectIds: [t.fx.subjects.yuwen] };
    const created = await t.as.directorA.request('POST', `${API}/staff`, body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ staffNo: 'A100', subjectNames: ['语文'], hasAccount: false, tiers: [] });
    expect(
      (await t.as.principalA.request('POST', `${API}/staff`, { ...body, staffNo: 'B100', schoolId: t.fx.schools.b }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as.principalA.request('POST', `${API}/staff`, { ...body, staffNo: 'J100', schoolId: null })).statusCode,
    ).toBe(403);
    expect((await t.as.teacherA.request('POST', `${API}/staff`, { ...body, staffNo: 'A101' })).statusCode).toBe(403);
    const bureau = await t.as.countyAdmin.request('POST', `${API}/staff`, {
      staffNo: 'J100',
      name: '教研员',
      regionId: t.fx.countyId,
    });
    expect(bureau.statusCode, bureau.body).toBe(200);
    expect(bureau.json().schoolId).toBeNull();
  });

  it('refuses a duplicate 工号 (409) and unknown references (400)', async () => {
    const dup = await t.as.principalA.request('POST', `${API}/staff`, {
      staffNo: 'B001',
      name: '重复',
      schoolId: t.fx.schools.a,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('与已有记录冲突：工号 B001 已存在');
    const badSubject = await t.as.principalA.request('POST', `${API}/staff`, {
      staffNo: 'A102',
      name: 'x',
      schoolId: t.fx.schools.a,
      subjectIds: [other.subjects.yuwen],
    });
    expect(badSubject.statusCode).toBe(400);
    const badTier = await t.as.principalA.request('POST', `${API}/staff`, {
      staffNo: 'A102',
      name: 'x',
      schoolId: t.fx.schools.a,
      tiers: ['boss'],
    });
    expect(badTier.statusCode).toBe(400);
  });

  it('does not let a school admin move staff into another school; the county admin may', async () => {
    const id = t.fx.staff.otherTeacherA;
    expect(
      (await t.as.principalA.request('PATCH', `${API}/staff/${id}`, { schoolId: t.fx.schools.b })).statusCode,
    ).toBe(403);
    expect(
      (await t.as.principalB.request('PATCH', `${API}/staff/${id}`, { schoolId: t.fx.schools.b })).statusCode,
    ).toBe(403);
    // A head teacher of this year's classes does not leave the school before the classes have another.
    const blocked = await t.as.countyAdmin.request('PATCH', `${API}/staff/${id}`, { schoolId: t.fx.schools.b });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.message).toContain('三年级(2)班、四年级(1)班');
    const staffNo = (
      await t.as.principalA.request('POST', `${API}/staff`, { staffNo: 'A200', name: '轮岗', schoolId: t.fx.schools.a })
    ).json().id;
    const moved = await t.as.countyAdmin.request('PATCH', `${API}/staff/${staffNo}`, {
      schoolId: t.fx.schools.b,
      phone: '13912345678',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ schoolId: t.fx.schools.b, schoolName: '西区小学', phone: '13912345678' });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'staff')
      .where('entity_id', '=', String(staffNo))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ schoolId: t.fx.schools.a, schoolName: '实验小学', phone: null });
    expect(audit.after).toEqual({ schoolId: t.fx.schools.b, schoolName: '西区小学', phone: '13912345678' });
  });

  it('archives; archived staff leave the list unless includeArchived=true', async () => {
    const head = await t.as.principalA.request('DELETE', `${API}/staff/${t.fx.staff.headTeacherA}`);
    expect(head.statusCode).toBe(409);
    const id = (
      await t.as.principalA.request('POST', `${API}/staff`, { staffNo: 'A300', name: '离职', schoolId: t.fx.schools.a })
    ).json().id;
    expect((await t.as.principalA.request('DELETE', `${API}/staff/${id}`)).json()).toEqual({ ok: true });
    expect((await t.as.principalA.request('GET', `${API}/staff?q=A300`)).json().total).toBe(0);
    expect((await t.as.principalA.request('GET', `${API}/staff?q=A300&includeArchived=true`)).json().total).toBe(1);
    const row = await t.db.selectFrom('staff').select('archived_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.archived_at).toBeInstanceOf(Date);
  });
});
