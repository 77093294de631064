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

const classIds = (body: { items: { id: number }[] }) => body.items.map((c) => c.id).sort((a, b) => a - b);

describe('classes: reading', () => {
  it('filters the list and its total by every role’s scope', async () => {
    for (const role of FIXTURE_ROLES) {
      const body = (await t.as[role].request('GET', `${API}/classes?pageSize=100`)).json();
      expect(body.total, role).toBe(t.fx.expected.classes[role]);
    }
    const { classes } = t.fx;
    const teacher = (await t.as.teacherA.request('GET', `${API}/classes`)).json();
    expect(classIds(teacher)).toEqual([classes.a32, classes.a41].sort((a, b) => a - b));
    const grade = (await t.as.gradeLeaderA3.request('GET', `${API}/classes`)).json();
    expect(classIds(grade)).toEqual([classes.a31, classes.a32].sort((a, b) => a - b));
    expect((await t.as.headTeacherA.request('GET', `${API}/classes/${classes.a32}`)).statusCode).toBe(403);
    expect((await t.as.principalB.request('GET', `${API}/classes/${classes.a31}`)).statusCode).toBe(403);
    expect((await t.as.principalB.request('GET', `${API}/classes/99999999`)).statusCode).toBe(404);
  });

  it('gives the head teacher’s name and the number of 在读 students', async () => {
    const a31 = (await t.as.principalA.request('GET', `${API}/classes/${t.fx.classes.a31}`)).json();
    expect(a31).toEqual({
      id: t.fx.classes.a31,
      schoolId: t.fx.schools.a,
      schoolName: '实验小学',
      schoolYearId: t.fx.years.current,
      gradeLevel: 3,
      classNo: 1,
      name: '三年级(1)班',
      headTeacherId: t.fx.staff.headTeacherA,
      headTeacherName: '陈老师',
      studentCount: 3, // the 休学 student is not counted
    });
    const list = (await t.as.principalA.request('GET', `${API}/classes?schoolYearId=${t.fx.years.current}`)).json();
    expect(list.items.map((c: { name: string; studentCount: number }) => [c.name, c.studentCount])).toEqual([
      ['三年级(1)班', 3],
      ['三年级(2)班', 2],
      ['四年级(1)班', 2],
    ]);
  });

  it('filters by school, year, grade and text; sorts by grade then number', async () => {
    const q = async (query: string) =>
      (await t.as.countyAdmin.request('GET', `${API}/classes?pageSize=100&${query}`))
        .json()
        .items.map((c: { schoolName: string; name: string }) => `${c.schoolName}${c.name}`);
    expect(await q(`schoolId=${t.fx.schools.b}`)).toEqual(['西区小学三年级(1)班']);
    expect(await q(`schoolYearId=${t.fx.years.previous}`)).toEqual(['实验小学二年级(1)班']);
    expect(await q('gradeLevel=3&sort=schoolName')).toEqual([
      '实验小学三年级(1)班',
      '实验小学三年级(2)班',
      '西区小学三年级(1)班',
    ]);
    expect(await q(`q=${encodeURIComponent('周老师')}`)).toEqual(['实验小学三年级(2)班', '实验小学四年级(1)班']);
    const desc = (await t.as.countyAdmin.request('GET', `${API}/classes?sort=gradeLevel&order=desc&pageSize=2`)).json();
    expect(desc.items.map((c: { gradeLevel: number }) => c.gradeLevel)).toEqual([7, 4]);
  });
});

describe('classes: writing', () => {
  it('creates a class with a default name; validates school year, grade and head teacher', async () => {
    const body = { schoolId: t.fx.schools.a, schoolYearId: t.fx.years.current, gradeLevel: 5, classNo: 2 };
    const created = await t.as.principalA.request('POST', `${API}/classes`, {
      ...body,
      headTeacherId: t.fx.staff.principalA,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ name: '五年级(2)班', headTeacherName: '张校长', studentCount: 0 });
    const dup = await t.as.principalA.request('POST', `${API}/classes`, body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('与已有记录冲突：实验小学在该学年已有五年级(2)班');
    const foreignHead = await t.as.principalA.request('POST', `${API}/classes`, {
      ...body,
      classNo: 3,
      headTeacherId: t.fx.staff.teacherB,
    });
    expect(foreignHead.statusCode).toBe(400);
    expect(foreignHead.json().error.message).toBe('提交的数据有误：班主任须是本校（实验小学）在职的教职工');
    const noYear = await t.as.principalA.request('POST', `${API}/classes`, {
      ...body,
      classNo: 4,
      schoolYearId: 99999999,
    });
    expect(noYear.statusCode).toBe(400);
    const wrongGrade = await t.as.principalA.request('POST', `${API}/classes`, { ...body, gradeLevel: 8 });
    expect(wrongGrade.statusCode).toBe(400);
    expect(wrongGrade.json().error.message).toContain('没有八年级');
  });

  it('refuses classes in schools the caller does not manage (403)', async () => {
    const body = { schoolId: t.fx.schools.b, schoolYearId: t.fx.years.current, gradeLevel: 2, classNo: 1 };
    expect((await t.as.principalA.request('POST', `${API}/classes`, body)).statusCode).toBe(403);
    expect(
      (await t.as.gradeLeaderA3.request('POST', `${API}/classes`, { ...body, schoolId: t.fx.schools.a })).statusCode,
    ).toBe(403);
    expect(
      (await t.as.headTeacherA.request('PATCH', `${API}/classes/${t.fx.classes.a31}`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await t.as.principalB.request('PATCH', `${API}/classes/${t.fx.classes.a31}`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect((await t.as.principalB.request('DELETE', `${API}/classes/${t.fx.classes.a31}`)).statusCode).toBe(403);
  });

  it('changes the head teacher and renumbers with the default name following; audited', async () => {
    const id = (
      await t.as.principalA.request('POST', `${API}/classes`, {
        schoolId: t.fx.schools.a,
        schoolYearId: t.fx.years.current,
        gradeLevel: 6,
        classNo: 1,
      })
    ).json().id;
    const res = await t.as.directorA.request('PATCH', `${API}/classes/${id}`, {
      classNo: 5,
      headTeacherId: t.fx.staff.directorA,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '六年级(5)班', headTeacherName: '王主任' });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'class')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ classNo: 1, name: '六年级(1)班', headTeacherId: null, headTeacherName: null });
    expect(audit.after).toEqual({
      classNo: 5,
      name: '六年级(5)班',
      headTeacherId: t.fx.staff.directorA,
      headTeacherName: '王主任',
    });
    // A school admin cannot move it to another school; the county admin can while it is empty.
    expect(
      (await t.as.principalA.request('PATCH', `${API}/classes/${id}`, { schoolId: t.fx.schools.b })).statusCode,
    ).toBe(403);
    const headElsewhere = await t.as.countyAdmin.request('PATCH', `${API}/classes/${id}`, { schoolId: t.fx.schools.b });
    expect(headElsewhere.statusCode).toBe(400);
    const moved = await t.as.countyAdmin.request('PATCH', `${API}/classes/${id}`, {
      schoolId: t.fx.schools.b,
      headTeacherId: null,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ schoolId: t.fx.schools.b, schoolName: '西区小学' });
    const withStudents = await t.as.countyAdmin.request('PATCH', `${API}/classes/${t.fx.classes.a32}`, {
      schoolId: t.fx.schools.b,
    });
    expect(withStudents.statusCode).toBe(400);
  });

  it('archives only classes without students; archived classes leave lists unless includeArchived=true', async () => {
    const busy = await t.as.principalA.request('DELETE', `${API}/classes/${t.fx.classes.a31}`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.message).toContain('4 名');
    const id = (
      await t.as.principalA.request('POST', `${API}/classes`, {
        schoolId: t.fx.schools.a,
        schoolYearId: t.fx.years.current,
        gradeLevel: 1,
        classNo: 9,
      })
    ).json().id;
    expect((await t.as.principalA.request('DELETE', `${API}/classes/${id}`)).json()).toEqual({ ok: true });
    const list = (await t.as.principalA.request('GET', `${API}/classes?gradeLevel=1`)).json();
    expect(list.total).toBe(0);
    const all = (await t.as.principalA.request('GET', `${API}/classes?gradeLevel=1&includeArchived=true`)).json();
    expect(all.items.map((c: { id: number }) => c.id)).toEqual([id]);
    // A student cannot be placed in an archived class.
    const placed = await t.as.principalA.request('POST', `${API}/students`, {
      studentNo: 'ARCH00001',
      name: 'x',
      gender: 'M',
      schoolId: t.fx.schools.a,
      classId: id,
    });
    expect(placed.statusCode).toBe(400);
  });
});
