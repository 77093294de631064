import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';
import { FIXTURE_ROLES } from './testing-fixture.js';

let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => {
  await t?.close();
});

const MASKED = /^1[37]\d\*{4}\d{4}$/;

describe('guardians', () => {
  it('are seen by whoever sees the student; phones masked in every list', async () => {
    // One guardian per placed student (13), and a father for the first a31 student.
    const expected: Record<string, number> = {
      countyAdmin: 14,
      districtLeader: 11,
      inspector: 10,
      principalA: 9,
      directorA: 9,
      gradeLeaderA3: 7,
      subjectLeaderAMath: 9,
      headTeacherA: 5,
      teacherA: 4,
      principalB: 2,
    };
    for (const role of FIXTURE_ROLES) {
      const body = (await t.as[role].request('GET', `${API}/guardians?pageSize=100`)).json();
      expect(body.total, role).toBe(expected[role]);
      expect(
        body.items.every((g: { phone: string }) => MASKED.test(g.phone)),
        role,
      ).toBe(true);
    }
    const first = t.fx.students.a31[0];
    const ofStudent = (await t.as.headTeacherA.request('GET', `${API}/guardians?studentId=${first}`)).json();
    expect(ofStudent.items.map((g: { relation: string }) => g.relation).sort()).toEqual(['father', 'mother']);
    expect(ofStudent.items[0]).toEqual({
      id: expect.any(Number),
      studentId: first,
      studentNo: expect.stringMatching(/^GFX/),
      studentName: expect.any(String),
      schoolId: t.fx.schools.a,
      name: expect.any(String),
      relation: expect.any(String),
      phone: expect.stringMatching(MASKED),
    });
    expect((await t.as.countyAdmin.request('GET', `${API}/guardians?schoolId=${t.fx.schools.b}`)).json().total).toBe(2);
    expect((await t.as.countyAdmin.request('GET', `${API}/guardians?classId=${t.fx.classes.a32}`)).json().total).toBe(
      2,
    );
    expect(
      (await t.as.countyAdmin.request('GET', `${API}/guardians?q=${encodeURIComponent('王爸爸')}`)).json().total,
    ).toBe(1);
  });

  it('shows the whole phone by id only to users who manage the student’s school', async () => {
    const father = t.fx.guardians.get(t.fx.students.a31[0])![1];
    expect((await t.as.principalA.request('GET', `${API}/guardians/${father}`)).json().phone).toBe('13700001111');
    expect((await t.as.countyAdmin.request('GET', `${API}/guardians/${father}`)).json().phone).toBe('13700001111');
    expect((await t.as.headTeacherA.request('GET', `${API}/guardians/${father}`)).json().phone).toBe('137****1111');
    expect((await t.as.districtLeader.request('GET', `${API}/guardians/${father}`)).json().phone).toBe('137****1111');
    expect((await t.as.principalB.request('GET', `${API}/guardians/${father}`)).statusCode).toBe(403);
    expect((await t.as.teacherA.request('GET', `${API}/guardians/${father}`)).statusCode).toBe(403);
    expect((await t.as.countyAdmin.request('GET', `${API}/guardians/99999999`)).statusCode).toBe(404);
  });

  it('are written by those who manage the student’s school', async () => {
    const student = t.fx.students.a32[0];
    const body = { studentId: student, name: '爷爷', relation: 'grandparent', phone: '13600002222' };
    expect((await t.as.principalB.request('POST', `${API}/guardians`, body)).statusCode).toBe(403);
    expect((await t.as.teacherA.request('POST', `${API}/guardians`, body)).statusCode).toBe(403);
    expect(
      (await t.as.principalA.request('POST', `${API}/guardians`, { ...body, studentId: 99999999 })).statusCode,
    ).toBe(400);
    const created = await t.as.principalA.request('POST', `${API}/guardians`, body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ studentId: student, name: '爷爷', phone: '13600002222' });
    const dup = await t.as.principalA.request('POST', `${API}/guardians`, body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('与已有记录冲突：该学生已有名为“爷爷”的监护人');
    const id = created.json().id;
    expect(
      (await t.as.principalB.request('PATCH', `${API}/guardians/${id}`, { phone: '13600003333' })).statusCode,
    ).toBe(403);
    const patched = await t.as.directorA.request('PATCH', `${API}/guardians/${id}`, { phone: '13600003333' });
    expect(patched.statusCode, patched.body).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'guardian')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ phone: '13600002222' });
    expect(audit.after).toEqual({ phone: '13600003333' });
    const badPhone = await t.as.directorA.request('PATCH', `${API}/guardians/${id}`, { phone: 'call me' });
    expect(badPhone.statusCode).toBe(400);
    expect((await t.as.principalA.request('DELETE', `${API}/guardians/${id}`)).json()).toEqual({ ok: true });
    const list = (await t.as.principalA.request('GET', `${API}/guardians?studentId=${student}`)).json();
    expect(list.total).toBe(1);
    const all = (
      await t.as.principalA.request('GET', `${API}/guardians?studentId=${student}&includeArchived=true`)
    ).json();
    expect(all.total).toBe(2);
  });
});
