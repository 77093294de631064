import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from './shared.js';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';
import { FIXTURE_ROLES } from './testing-fixture.js';

let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => {
  await t?.close();
});

const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id).sort((a, b) => a - b);
const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

describe('students: reading by scope', () => {
  it('filters the list and its total by every role’s scope, in SQL', async () => {
    for (const role of FIXTURE_ROLES) {
      const res = await t.as[role].request('GET', `${API}/students?pageSize=5`);
      expect(res.statusCode, role).toBe(200);
      const body = res.json();
      expect(body.total, role).toBe(t.fx.expected.students[role]);
      expect(body.items.length, role).toBe(Math.min(5, t.fx.expected.students[role]));
    }
  });

  it('shows a 任课教师 exactly the students of the classes they teach, and a 班主任 those of their class', async () => {
    const { students } = t.fx;
    const teacher = (await t.as.teacherA.request('GET', `${API}/students?pageSize=100`)).json();
    expect(ids(teacher)).toEqual(sorted([...students.a32, ...students.a41]));
    const head = (await t.as.headTeacherA.request('GET', `${API}/students?pageSize=100`)).json();
    expect(ids(head)).toEqual(sorted([...students.a31, students.a31Suspended]));
  });

  it('never shows school B’s students to school A’s principal, and the 学区 leader only their 学区', async () => {
    const { students, schools } = t.fx;
    const a = (await t.as.principalA.request('GET', `${API}/students?pageSize=100`)).json();
    expect(a.items.every((s: { schoolId: number }) => s.schoolId === schools.a)).toBe(true);
    const filtered = (await t.as.principalA.request('GET', `${API}/students?schoolId=${schools.b}`)).json();
    expect(filtered).toEqual({ items: [], total: 0 });
    const district = (await t.as.districtLeader.request('GET', `${API}/students?pageSize=100`)).json();
    expect(new Set(district.items.map((s: { schoolId: number }) => s.schoolId))).toEqual(
      new Set([schools.a, schools.c]),
    );
    expect(ids(district)).not.toContain(students.b31[0]);
  });

  it('answers 403 for a student outside the scope and 404 for one that does not exist', async () => {
    const { students } = t.fx;
    expect((await t.as.principalA.request('GET', `${API}/students/${students.b31[0]}`)).statusCode).toBe(403);
    expect((await t.as.teacherA.request('GET', `${API}/students/${students.a31[0]}`)).statusCode).toBe(403);
    expect((await t.as.teacherA.request('GET', `${API}/students/${students.a32[0]}`)).statusCode).toBe(200);
    expect((await t.as.countyAdmin.request('GET', `${API}/students/99999999`)).statusCode).toBe(404);
  });

  it('returns the contract’s fields, with the class’s grade', async () => {
    const res = await t.as.principalA.request('GET', `${API}/students/${t.fx.students.a31[0]}`);
    expect(res.json()).toEqual({
      id: t.fx.students.a31[0],
      studentNo: expect.stringMatching(/^GFX\d{6}$/),
      name: expect.any(String),
      gender: expect.stringMatching(/^[MF]$/),
      birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      schoolId: t.fx.schools.a,
      schoolName: '实验小学',
      classId: t.fx.classes.a31,
      className: '三年级(1)班',
      gradeLevel: 3,
      status: 'active',
    });
  });

  it('filters by class, grade, status and text, and sorts', async () => {
    const { classes, students } = t.fx;
    const byClass = (await t.as.countyAdmin.request('GET', `${API}/students?classId=${classes.a31}`)).json();
    expect(byClass.total).toBe(4);
    const byGrade = (await t.as.countyAdmin.request('GET', `${API}/students?gradeLevel=3`)).json();
    expect(byGrade.total).toBe(8); // a31 4, a32 2, b31 2
    const suspended = (await t.as.principalA.request('GET', `${API}/students?status=suspended`)).json();
    expect(ids(suspended)).toEqual([students.a31Suspended]);
    const one = (await t.as.countyAdmin.request('GET', `${API}/students/${students.c71[0]}`)).json();
    const byNo = (await t.as.countyAdmin.request('GET', `${API}/students?q=${one.studentNo.toLowerCase()}`)).json();
    expect(ids(byNo)).toEqual([students.c71[0]]);
    const byName = (await t.as.countyAdmin.request('GET', `${API}/students?q=${encodeURIComponent(one.name)}`)).json();
    expect(ids(byName)).toContain(students.c71[0]);
    const desc = (await t.as.countyAdmin.request('GET', `${API}/students?sort=studentNo&order=desc&pageSize=3`)).json();
    const nos = desc.items.map((s: { studentNo: string }) => s.studentNo);
    expect(nos).toEqual([...nos].sort().reverse());
    const byClassName = (await t.as.principalA.request('GET', `${API}/students?sort=className&pageSize=100`)).json();
    const grades = byClassName.items.map((s: { gradeLevel: number | null }) => s.gradeLevel);
    expect(grades).toEqual([3, 3, 3, 3, 3, 3, 4, 4, null]);
  });
});

describe('students: writing', () => {
  it('creates a student with a class, opening an enrollment in the current term from today', async () => {
    const { schools, classes, terms } = t.fx;
    const res = await t.as.principalA.request('POST', `${API}/students`, {
      studentNo: 'g110101201501010011',
      name: '新同学',
      gender: 'F',
      birthDate: '2016-03-01',
      schoolId: schools.a,
      classId: classes.a31,
    });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({
      studentNo: 'G110101201501010011',
      classId: classes.a31,
      gradeLevel: 3,
      status: 'active',
    });
    const history = (await t.as.principalA.request('GET', `${API}/students/${created.id}/enrollments`)).json();
    expect(history.items).toEqual([
      {
        id: expect.any(Number),
        termId: terms.current,
        termName: expect.any(String),
        schoolId: schools.a,
        schoolName: '实验小学',
        classId: classes.a31,
        className: '三年级(1)班',
        startDate: todayInChina(),
        endDate: null,
        reason: 'enrol',
      },
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'student')
      .where('entity_id', '=', String(created.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses a duplicate 学籍号 with 409 and a Chinese message, and a malformed one with 400', async () => {
    const { schools } = t.fx;
    const existing = (await t.as.principalA.request('GET', `${API}/students/${t.fx.students.a32[0]}`)).json();
    const dup = await t.as.principalA.request('POST', `${API}/students`, {
      studentNo: existing.studentNo.toLowerCase(),
      name: '重复',
      gender: 'M',
      schoolId: schools.a,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('conflict');
    expect(dup.json().error.message).toBe(`与已有记录冲突：学籍号 ${existing.studentNo} 已存在`);
    // A duplicate in another school of the county is a duplicate too (unique per county).
    const elsewhere = await t.as.principalB.request('POST', `${API}/students`, {
      studentNo: existing.studentNo,
      name: '重复',
      gender: 'M',
      schoolId: schools.b,
    });
    expect(elsewhere.statusCode).toBe(409);
    for (const bad of ['12345', 'ABC-12345', 'A'.repeat(31), '学籍号123456']) {
      const res = await t.as.principalA.request('POST', `${API}/students`, {
        studentNo: bad,
        name: '格式',
        gender: 'M',
        schoolId: schools.a,
      });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.message).toBe('提交的数据有误：学籍号须为 6–30 位字母或数字');
    }
  });

  it('checks the class: same school, current school year', async () => {
    const { schools, classes } = t.fx;
    const body = { studentNo: 'CHK000001', name: '检查', gender: 'M', schoolId: schools.a };
    const otherSchool = await t.as.countyAdmin.request('POST', `${API}/students`, { ...body, classId: classes.b31 });
    expect(otherSchool.statusCode).toBe(400);
    expect(otherSchool.json().error.message).toContain('不属于学生所在的学校');
    const lastYear = await t.as.countyAdmin.request('POST', `${API}/students`, { ...body, classId: classes.aPrev });
    expect(lastYear.statusCode).toBe(400);
    expect(lastYear.json().error.message).toContain('当前学年');
    const badDate = await t.as.countyAdmin.request('POST', `${API}/students`, { ...body, birthDate: '2015-02-30' });
    expect(badDate.statusCode).toBe(400);
  });

  it('refuses writes outside the caller’s schools (403) and to roles that manage none', async () => {
    const { schools, students } = t.fx;
    const body = { studentNo: 'OUT000001', name: '越权', gender: 'M', schoolId: schools.b };
    expect((await t.as.principalA.request('POST', `${API}/students`, body)).statusCode).toBe(403);
    expect(
      (await t.as.headTeacherA.request('POST', `${API}/students`, { ...body, schoolId: schools.a })).statusCode,
    ).toBe(403);
    expect(
      (await t.as.gradeLeaderA3.request('PATCH', `${API}/students/${students.a31[1]}`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await t.as.principalA.request('PATCH', `${API}/students/${students.b31[0]}`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect((await t.as.principalA.request('DELETE', `${API}/students/${students.b31[0]}`)).statusCode).toBe(403);
    expect(
      (await t.as.districtLeader.request('PATCH', `${API}/students/${students.a31[1]}`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect((await t.as.countyAdmin.request('PATCH', `${API}/students/99999999`, { name: 'x' })).statusCode).toBe(404);
  });

  it('updates with an audit row holding before and after of the changed fields only', async () => {
    const id = t.fx.students.a41[0];
    const before = (await t.as.directorA.request('GET', `${API}/students/${id}`)).json();
    const res = await t.as.directorA.request('PATCH', `${API}/students/${id}`, {
      name: '改名同学',
      birthDate: '2016-05-05',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '改名同学', birthDate: '2016-05-05' });
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'student')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(row.before).toEqual({ name: before.name, birthDate: before.birthDate });
    expect(row.after).toEqual({ name: '改名同学', birthDate: '2016-05-05' });
    expect(row.username).toBe('fx_directorA');
  });

  it('changes status by PATCH: 毕业 closes the open enrollment, 在读 again reopens it', async () => {
    const id = t.fx.students.a41[1];
    const graduated = await t.as.principalA.request('PATCH', `${API}/students/${id}`, { status: 'graduated' });
    expect(graduated.json().status).toBe('graduated');
    let history = (await t.as.principalA.request('GET', `${API}/students/${id}/enrollments`)).json();
    expect(history.items.map((e: { endDate: string | null }) => e.endDate)).toEqual([todayInChina()]);
    const classes = (await t.as.principalA.request('GET', `${API}/classes/${t.fx.classes.a41}`)).json();
    expect(classes.studentCount).toBe(1);
    await t.as.principalA.request('PATCH', `${API}/students/${id}`, { status: 'active' });
    history = (await t.as.principalA.request('GET', `${API}/students/${id}/enrollments`)).json();
    expect(history.items.map((e: { endDate: string | null }) => e.endDate)).toEqual([todayInChina(), null]);
  });

  it('archives instead of deleting; archived students leave lists unless includeArchived=true', async () => {
    const id = t.fx.students.d11[0];
    expect((await t.as.countyAdmin.request('DELETE', `${API}/students/${id}`)).json()).toEqual({ ok: true });
    expect(
      await t.db.selectFrom('students').select('archived_at').where('id', '=', id).executeTakeFirst(),
    ).toMatchObject({
      archived_at: expect.any(Date),
    });
    const list = (await t.as.countyAdmin.request('GET', `${API}/students?schoolId=${t.fx.schools.d}`)).json();
    expect(list.total).toBe(0);
    const all = (
      await t.as.countyAdmin.request('GET', `${API}/students?schoolId=${t.fx.schools.d}&includeArchived=true`)
    ).json();
    expect(ids(all)).toEqual([id]);
    expect((await t.as.countyAdmin.request('GET', `${API}/students/${id}`)).statusCode).toBe(200);
  });
});

describe('students: transfer and history', () => {
  it('moves a student between classes of one school (调班) and keeps the history', async () => {
    const id = t.fx.students.a32[1];
    const date = todayInChina();
    const res = await t.as.principalA.request('POST', `${API}/students/${id}/transfer`, {
      classId: t.fx.classes.a31,
      date,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ classId: t.fx.classes.a31, schoolId: t.fx.schools.a, status: 'active' });
    const history = (await t.as.principalA.request('GET', `${API}/students/${id}/enrollments`)).json();
    expect(history.items.map((e: Record<string, unknown>) => [e.className, e.endDate, e.reason])).toEqual([
      ['三年级(2)班', date, 'enrol'],
      ['三年级(1)班', null, 'transfer'],
    ]);
    const same = await t.as.principalA.request('POST', `${API}/students/${id}/transfer`, {
      classId: t.fx.classes.a31,
      date,
    });
    expect(same.statusCode).toBe(400);
    const early = await t.as.principalA.request('POST', `${API}/students/${id}/transfer`, {
      classId: t.fx.classes.a41,
      date: t.fx.currentYear.startDate,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('不能早于');
  });

  it('between schools: neither school pushes or pulls alone; the sending school releases, the receiving takes in', async () => {
    const id = t.fx.students.a31[2];
    const date = todayInChina();
    const toB = { classId: t.fx.classes.b31, date };
    // A cannot push into B; B cannot pull an active student out of A.
    expect((await t.as.principalA.request('POST', `${API}/students/${id}/transfer`, toB)).statusCode).toBe(403);
    expect((await t.as.principalB.request('POST', `${API}/students/${id}/transfer`, toB)).statusCode).toBe(403);
    expect((await t.as.teacherA.request('POST', `${API}/students/${id}/transfer`, toB)).statusCode).toBe(403);
    // B cannot find an active student of A by 学籍号 (exact lookup answers 404 as for an unknown number).
    const studentNo = (await t.as.principalA.request('GET', `${API}/students/${id}`)).json().studentNo as string;
    const lookup = (who: 'principalA' | 'principalB' | 'teacherA', no = studentNo) =>
      t.as[who].request('GET', `${API}/students/lookup?studentNo=${encodeURIComponent(no)}`);
    expect((await lookup('principalB')).statusCode).toBe(404);
    expect((await lookup('principalB', 'GNOSUCH0001')).statusCode).toBe(404);
    expect((await lookup('principalA')).json().id).toBe(id);
    expect((await lookup('teacherA')).statusCode).toBe(403);
    // A releases (转出); then B finds the student by 学籍号 (lower case works) and takes them in.
    const released = await t.as.principalA.request('PATCH', `${API}/students/${id}`, { status: 'transferred_out' });
    expect(released.json().status).toBe('transferred_out');
    const found = await lookup('principalB', studentNo.toLowerCase());
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ id, status: 'transferred_out', schoolId: t.fx.schools.a });
    const taken = await t.as.principalB.request('POST', `${API}/students/${id}/transfer`, toB);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ schoolId: t.fx.schools.b, classId: t.fx.classes.b31, status: 'active' });
    // Now B's, no longer A's.
    expect((await t.as.principalA.request('GET', `${API}/students/${id}`)).statusCode).toBe(403);
    const history = (await t.as.principalB.request('GET', `${API}/students/${id}/enrollments`)).json();
    expect(history.items.map((e: Record<string, unknown>) => [e.schoolName, e.className, e.endDate, e.reason])).toEqual(
      [
        ['实验小学', '三年级(1)班', date, 'enrol'],
        ['西区小学', '三年级(1)班', null, 'transfer'],
      ],
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'student')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'transfer')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({
      schoolId: t.fx.schools.a,
      classId: t.fx.classes.a31,
      status: 'transferred_out',
    });
    expect(audit.after).toMatchObject({ schoolId: t.fx.schools.b, classId: t.fx.classes.b31, status: 'active' });
    expect(audit.username).toBe('fx_principalB');
  });

  it('lets another school take in a student their school let go as 毕业 (e.g. 小升初)', async () => {
    const id = t.fx.students.a32[0];
    const toB = { classId: t.fx.classes.b31, date: todayInChina() };
    expect((await t.as.principalB.request('POST', `${API}/students/${id}/transfer`, toB)).statusCode).toBe(403);
    await t.as.principalA.request('PATCH', `${API}/students/${id}`, { status: 'graduated' });
    const taken = await t.as.principalB.request('POST', `${API}/students/${id}/transfer`, toB);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ schoolId: t.fx.schools.b, status: 'active' });
  });

  it('lets a bureau admin over both schools transfer directly', async () => {
    const id = t.fx.students.c71[0];
    const res = await t.as.countyAdmin.request('POST', `${API}/students/${id}/transfer`, {
      classId: t.fx.classes.a41,
      date: todayInChina(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().schoolName).toBe('实验小学');
  });

  it('answers 403 / 404 for the history of a student outside the scope / not existing', async () => {
    expect(
      (await t.as.principalB.request('GET', `${API}/students/${t.fx.students.a31[0]}/enrollments`)).statusCode,
    ).toBe(403);
    expect((await t.as.principalB.request('GET', `${API}/students/99999999/enrollments`)).statusCode).toBe(404);
    expect(
      (
        await t.as.countyAdmin.request('POST', `${API}/students/99999999/transfer`, {
          classId: t.fx.classes.a31,
          date: todayInChina(),
        })
      ).statusCode,
    ).toBe(404);
  });
});
