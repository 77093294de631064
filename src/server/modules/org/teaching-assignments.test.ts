import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../testing/app.js';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';

let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => {
  await t?.close();
});

const label = (a: { staffName: string; className: string; subjectName: string }) =>
  `${a.staffName} ${a.className} ${a.subjectName}`;

describe('teaching assignments', () => {
  it('lists the assignments of visible classes, plus the caller’s own', async () => {
    const all = (await t.as.countyAdmin.request('GET', `${API}/teaching-assignments?pageSize=100`)).json();
    expect(all.total).toBe(6);
    const teacher = (await t.as.teacherA.request('GET', `${API}/teaching-assignments?pageSize=100`)).json();
    // Their classes (a32, a41: 3 rows incl. 周老师's 语文 in a32) and their own row of last year.
    expect(teacher.items.map(label).sort()).toEqual(
      [
        '刘老师 三年级(2)班 数学',
        '刘老师 四年级(1)班 数学',
        '周老师 三年级(2)班 语文',
        '刘老师 二年级(1)班 数学',
      ].sort(),
    );
    const b = (await t.as.principalB.request('GET', `${API}/teaching-assignments`)).json();
    expect(b.items.map(label)).toEqual(['郑老师 三年级(1)班 语文']);
    expect(b.items[0]).toEqual({
      id: expect.any(Number),
      termId: t.fx.terms.current,
      staffId: t.fx.staff.teacherB,
      staffNo: 'B002',
      staffName: '郑老师',
      classId: t.fx.classes.b31,
      className: '三年级(1)班',
      schoolId: t.fx.schools.b,
      schoolName: '西区小学',
      subjectId: t.fx.subjects.yuwen,
      subjectName: '语文',
    });
    const byTerm = (
      await t.as.countyAdmin.request('GET', `${API}/teaching-assignments?termId=${t.fx.terms.previous}`)
    ).json();
    expect(byTerm.total).toBe(1);
    const bySchool = (
      await t.as.countyAdmin.request('GET', `${API}/teaching-assignments?schoolId=${t.fx.schools.a}`)
    ).json();
    expect(bySchool.total).toBe(5);
    const byStaff = (
      await t.as.countyAdmin.request('GET', `${API}/teaching-assignments?staffId=${t.fx.staff.teacherA}`)
    ).json();
    expect(byStaff.total).toBe(3);
    const byClass = (
      await t.as.countyAdmin.request('GET', `${API}/teaching-assignments?classId=${t.fx.classes.a32}`)
    ).json();
    expect(byClass.total).toBe(2);
    const byText = (
      await t.as.countyAdmin.request('GET', `${API}/teaching-assignments?q=${encodeURIComponent('郑')}`)
    ).json();
    expect(byText.total).toBe(1);
    const ofA = all.items.find((a: { schoolId: number }) => a.schoolId === t.fx.schools.a).id;
    expect((await t.as.principalB.request('GET', `${API}/teaching-assignments/${ofA}`)).statusCode).toBe(403);
    expect((await t.as.principalB.request('GET', `${API}/teaching-assignments/${b.items[0].id}`)).statusCode).toBe(200);
    expect((await t.as.principalB.request('GET', `${API}/teaching-assignments/99999999`)).statusCode).toBe(404);
  });

  it('creates an assignment that puts the class in the teacher’s scope', async () => {
    const body = {
      termId: t.fx.terms.current,
      staffId: t.fx.staff.teacherA,
      classId: t.fx.classes.a31,
      subjectId: t.fx.subjects.yingyu,
    };
    const before = (await t.as.teacherA.request('GET', `${API}/students`)).json().total;
    const res = await t.as.directorA.request('POST', `${API}/teaching-assignments`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(label(res.json())).toBe('刘老师 三年级(1)班 英语');
    // A fresh session resolves the scope again: a31's 4 students join the teacher's list.
    const again = await signIn(t.app, t.fx.users.teacherA.username, t.fx.password);
    expect((await again.request('GET', `${API}/students`)).json().total).toBe(before + 4);
    const dup = await t.as.directorA.request('POST', `${API}/teaching-assignments`, body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('与已有记录冲突：该教师在本学期已担任此班此学科的教学');
  });

  it('validates teacher, class, term and subject together', async () => {
    const base = {
      termId: t.fx.terms.current,
      staffId: t.fx.staff.teacherA,
      classId: t.fx.classes.a41,
      subjectId: t.fx.subjects.yuwen,
    };
    const post = (body: object) =>
      t.as.countyAdmin.request('POST', `${API}/teaching-assignments`, { ...base, ...body });
    const otherSchool = await post({ staffId: t.fx.staff.teacherB });
    expect(otherSchool.statusCode).toBe(400);
    expect(otherSchool.json().error.message).toContain('实验小学');
    const lastYearsTerm = await post({ termId: t.fx.terms.previous });
    expect(lastYearsTerm.statusCode).toBe(400);
    expect(lastYearsTerm.json().error.message).toContain('学年');
    expect((await post({ subjectId: 99999999 })).statusCode).toBe(400);
    expect((await post({ classId: 99999999 })).statusCode).toBe(400);
    expect((await post({ staffId: 99999999 })).statusCode).toBe(400);
    expect((await post({ termId: 99999999 })).statusCode).toBe(400);
    // Bureau staff may teach anywhere (a demonstration lesson).
    const bureau = await post({ staffId: t.fx.staff.bureauStaff });
    expect(bureau.statusCode, bureau.body).toBe(200);
  });

  it('is written only by those who manage the class’s school (403), also when the class changes', async () => {
    const body = {
      termId: t.fx.terms.current,
      staffId: t.fx.staff.teacherB,
      classId: t.fx.classes.b31,
      subjectId: t.fx.subjects.shuxue,
    };
    expect((await t.as.principalA.request('POST', `${API}/teaching-assignments`, body)).statusCode).toBe(403);
    expect((await t.as.teacherA.request('POST', `${API}/teaching-assignments`, body)).statusCode).toBe(403);
    const created = await t.as.principalB.request('POST', `${API}/teaching-assignments`, body);
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect(
      (await t.as.principalA.request('PATCH', `${API}/teaching-assignments/${id}`, { subjectId: t.fx.subjects.yuwen }))
        .statusCode,
    ).toBe(403);
    const intoA = await t.as.principalB.request('PATCH', `${API}/teaching-assignments/${id}`, {
      classId: t.fx.classes.a31,
    });
    expect(intoA.statusCode).toBe(403);
    const patched = await t.as.principalB.request('PATCH', `${API}/teaching-assignments/${id}`, {
      subjectId: t.fx.subjects.yingyu,
    });
    expect(patched.json().subjectName).toBe('英语');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'teaching_assignment')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1].before).toEqual({ subjectId: t.fx.subjects.shuxue, subjectName: '数学' });
    expect(audit[1].after).toEqual({ subjectId: t.fx.subjects.yingyu, subjectName: '英语' });
    // No archived_at on this table: DELETE removes the row, and the audit row keeps it.
    expect((await t.as.principalA.request('DELETE', `${API}/teaching-assignments/${id}`)).statusCode).toBe(403);
    expect((await t.as.principalB.request('DELETE', `${API}/teaching-assignments/${id}`)).json()).toEqual({ ok: true });
    expect((await t.as.principalB.request('GET', `${API}/teaching-assignments/${id}`)).statusCode).toBe(404);
    const deleted = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'teaching_assignment')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'delete')
      .executeTakeFirstOrThrow();
    expect(deleted.before).toMatchObject({ staffName: '郑老师', className: '三年级(1)班', subjectName: '英语' });
  });
});
