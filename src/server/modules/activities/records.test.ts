import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/activities/index.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { todayInChina } from './shared.js';

const API = '/api/v1/activities';
let t: OrgTestContext;
const today = todayInChina();

beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(() => t.close());

describe('training', () => {
  it('refuses hours above the course, a second record of the same course, and recording for someone outside one’s school', async () => {
    const course = await t.as.countyAdmin.request('POST', `${API}/training-courses`, {
      name: '新课标专题培训',
      organiser: '县教师发展中心',
      hours: 8,
      level: '县级',
      startDate: addDays(today, -30),
      endDate: addDays(today, -28),
    });
    expect(course.statusCode, course.body).toBe(200);
    const courseId = course.json().id;
    const over = await t.as.teacherA.request('POST', `${API}/trainings`, {
      courseId,
      staffId: t.fx.staff.teacherA,
      hours: 10,
      completedOn: addDays(today, -28),
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('超过课程');
    const ok = await t.as.teacherA.request('POST', `${API}/trainings`, {
      courseId,
      staffId: t.fx.staff.teacherA,
      hours: 8,
      completedOn: addDays(today, -28),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ hours: 8, schoolId: t.fx.schools.a, courseHours: 8 });
    const again = await t.as.principalA.request('POST', `${API}/trainings`, {
      courseId,
      staffId: t.fx.staff.teacherA,
      hours: 2,
      completedOn: addDays(today, -28),
    });
    expect(again.statusCode).toBe(409);
    const outside = await t.as.principalB.request('POST', `${API}/trainings`, {
      courseId,
      staffId: t.fx.staff.otherTeacherA,
      hours: 2,
      completedOn: addDays(today, -28),
    });
    expect(outside.statusCode).toBe(403);
    // only the bureau keeps the course catalogue
    expect((await t.as.principalA.request('POST', `${API}/training-courses`, {})).statusCode).toBe(403);
  });
});

describe('scopes of school records', () => {
  it('shows a teacher’s training to them and their school’s leadership, not to colleagues or other schools', async () => {
    const ids = async (who: 'principalA' | 'headTeacherA' | 'principalB' | 'teacherA') =>
      ((await t.as[who].request('GET', `${API}/trainings`)).json().items as { staffId: number }[]).map(
        (x) => x.staffId,
      );
    expect(await ids('teacherA')).toContain(t.fx.staff.teacherA);
    expect(await ids('principalA')).toContain(t.fx.staff.teacherA);
    expect(await ids('headTeacherA')).not.toContain(t.fx.staff.teacherA);
    expect(await ids('principalB')).not.toContain(t.fx.staff.teacherA);
  });

  it('lets a teacher schedule their own open lesson, and refuses another school’s principal', async () => {
    const body = {
      hostStaffId: t.fx.staff.teacherA,
      subjectId: t.fx.subjects.shuxue,
      kind: '研究课',
      level: '校级',
      topic: '分数的初步认识',
      lessonDate: addDays(today, 7),
    };
    const own = await t.as.teacherA.request('POST', `${API}/open-lessons`, body);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ schoolId: t.fx.schools.a, observationCount: 0 });
    const other = await t.as.principalB.request('POST', `${API}/open-lessons`, body);
    expect(other.statusCode).toBe(400);
    expect((await t.as.principalB.request('GET', `${API}/open-lessons/${own.json().id}`)).statusCode).toBe(403);
  });
});

describe('home visits', () => {
  let id: number;
  it('refuses a student of another school, records one of the visitor’s school', async () => {
    const other = await t.as.teacherA.request('POST', `${API}/home-visits`, {
      studentId: t.fx.students.b31[0],
      visitDate: addDays(today, -3),
      mode: '入户',
      category: '留守',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('不是家访人所在学校');
    const res = await t.as.teacherA.request('POST', `${API}/home-visits`, {
      studentId: t.fx.students.a32[0],
      visitDate: addDays(today, -3),
      mode: '入户',
      category: '留守',
      notes: '祖父母监护，作业无人辅导',
      followUp: '每周电话联系一次',
    });
    expect(res.statusCode, res.body).toBe(200);
    id = res.json().id;
    const future = await t.as.teacherA.request('POST', `${API}/home-visits`, {
      studentId: t.fx.students.a32[0],
      visitDate: addDays(today, 2),
      mode: '电话',
      category: '留守',
    });
    expect(future.statusCode).toBe(400);
  });

  it('shows the notes to school roles only', async () => {
    const mine = (await t.as.teacherA.request('GET', `${API}/home-visits/${id}`)).json();
    expect(mine).toMatchObject({ notes: '祖父母监护，作业无人辅导', notesHidden: false });
    const principal = (await t.as.principalA.request('GET', `${API}/home-visits/${id}`)).json();
    expect(principal.notes).toBe('祖父母监护，作业无人辅导');
    const bureau = (await t.as.districtLeader.request('GET', `${API}/home-visits/${id}`)).json();
    expect(bureau).toMatchObject({ notes: null, followUp: null, notesHidden: true });
    expect((await t.as.principalB.request('GET', `${API}/home-visits/${id}`)).statusCode).toBe(403);
  });
});

describe('homework load', () => {
  it('refuses negative and absurd minutes and classes outside one’s scope', async () => {
    const body = { classId: t.fx.classes.a32, subjectId: t.fx.subjects.shuxue, hwDate: addDays(today, -1) };
    for (const minutes of [-5, 601]) {
      const res = await t.as.teacherA.request('POST', `${API}/homework`, { ...body, minutes });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('0–600');
    }
    const b = await t.as.teacherA.request('POST', `${API}/homework`, {
      ...body,
      classId: t.fx.classes.b31,
      minutes: 20,
    });
    expect(b.statusCode).toBe(400);
  });

  it('adds a class-day’s subjects against the grade cap and alerts the grade leader', async () => {
    const day = addDays(today, -1);
    // 三年级: cap 60. 数学 50 (teacherA) + 语文 20 (otherTeacherA's class, declared by the grade leader) = 70 → over by 10
    expect(
      (
        await t.as.teacherA.request('POST', `${API}/homework`, {
          classId: t.fx.classes.a32,
          subjectId: t.fx.subjects.shuxue,
          hwDate: day,
          minutes: 50,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.as.gradeLeaderA3.request('POST', `${API}/homework`, {
          classId: t.fx.classes.a32,
          subjectId: t.fx.subjects.yuwen,
          hwDate: day,
          minutes: 20,
        })
      ).statusCode,
    ).toBe(200);
    const map = (await t.as.gradeLeaderA3.request('GET', `${API}/homework/heatmap?from=${day}&to=${day}`)).json();
    expect(map.alerts).toEqual([
      {
        classId: t.fx.classes.a32,
        className: expect.any(String),
        gradeLevel: 3,
        date: day,
        total: 70,
        cap: 60,
        over: 10,
      },
    ]);
    expect(map).toMatchObject({ classDays: 1, daysOver: 1 });
    expect(map.cells).toMatchObject([{ classId: t.fx.classes.a32, days: 1, meanTotal: 70, shareOver: 1, cap: 60 }]);
    // declaring again replaces: 数学 30 → 50 total, within the cap
    await t.as.teacherA.request('POST', `${API}/homework`, {
      classId: t.fx.classes.a32,
      subjectId: t.fx.subjects.shuxue,
      hwDate: day,
      minutes: 30,
    });
    const after = (await t.as.gradeLeaderA3.request('GET', `${API}/homework/heatmap?from=${day}&to=${day}`)).json();
    expect(after.alerts).toEqual([]);
    // principalB sees nothing of school A
    const b = (await t.as.principalB.request('GET', `${API}/homework/heatmap?from=${day}&to=${day}`)).json();
    expect(b.classDays).toBe(0);
  });
});

describe('quota counting across period boundaries and part-time roles', () => {
  let principalRule: number;
  let researcherRule: number;
  let Y: number;
  beforeAll(async () => {
    const rules = (await t.as.countyAdmin.request('GET', `${API}/quota-rules`)).json() as {
      id: number;
      code: string;
    }[];
    principalRule = rules.find((r) => r.code === 'observe-principal-term')!.id;
    researcherRule = rules.find((r) => r.code === 'observe-researcher-term')!.id;
    Y = Number(t.fx.currentYear.startDate.slice(0, 4));
    const rubric = await t.db
      .selectFrom('activity_rubrics')
      .select('id')
      .where('county_id', '=', t.fx.countyId)
      .executeTakeFirstOrThrow();
    // Written straight in: the API refuses future lessons, the counting is what is tested here.
    const obs = (date: string, period: number, observer = t.fx.staff.principalB, teacher = t.fx.staff.teacherB) => ({
      county_id: t.fx.countyId,
      observer_id: observer,
      teacher_id: teacher,
      school_id: t.fx.schools.b,
      subject_id: t.fx.subjects.yuwen,
      lesson_date: date,
      period,
      kind: '随堂',
      rubric_id: rubric.id,
      scores: '{}',
      score: 3,
      strengths: '—',
      improvement: '—',
    });
    await t.db
      .insertInto('activity_observations')
      .values([
        obs(`${Y}-08-31`, 1), // summer: in no term
        obs(`${Y}-09-01`, 1), // first day of the first term
        obs(`${Y + 1}-01-31`, 1), // last day of the first term
        obs(`${Y + 1}-02-01`, 1), // first day of the second term
      ])
      .execute();
  });

  const row = async (ruleId: number, asOf: string, staffId: number) =>
    (
      (await t.as.countyAdmin.request('GET', `${API}/compliance/subjects?ruleId=${ruleId}&asOf=${asOf}`)).json()
        .items as { subjectId: string; measured: number; target: number; status: string; periodStart: string }[]
    ).find((r) => r.subjectId === String(staffId));

  it('counts a lesson on a term’s first and last day in that term, and none from the summer or the next term', async () => {
    const first = await row(principalRule, `${Y + 1}-01-31`, t.fx.staff.principalB);
    expect(first).toMatchObject({ measured: 2, target: 20, status: 'not_met', periodStart: `${Y}-09-01` });
    const second = await row(principalRule, `${Y + 1}-02-10`, t.fx.staff.principalB);
    expect(second).toMatchObject({ measured: 1, periodStart: `${Y + 1}-02-01` });
  });

  it('gives a part-time researcher appointed mid-term a pro-rata target', async () => {
    // teacherC is 兼职教研员 from 1 Dec: present 62 of the term's 153 days (1 Sep – 31 Jan) → ⌈40 × 62/153⌉ = ⌈16.2⌉ = 17
    await t.db
      .insertInto('activity_role_holdings')
      .values({ county_id: t.fx.countyId, staff_id: t.fx.staff.teacherC, role: 'researcher', from_date: `${Y}-12-01` })
      .execute();
    const r = await row(researcherRule, `${Y + 1}-01-31`, t.fx.staff.teacherC);
    expect(r).toMatchObject({ target: 17, measured: 0, status: 'not_met' });
    // in November the appointment lies ahead: nothing is expected yet, so not behind
    expect(await row(researcherRule, `${Y}-11-15`, t.fx.staff.teacherC)).toMatchObject({
      target: 17,
      expectedToDate: 0,
      status: 'on_track',
    });
  });

  it('judges behind schedule during the term, not only at its end', async () => {
    // 15 Nov: the term's 76th day of 153 → expected ⌊20 × 76/153⌋ = ⌊9.93⌋ = 9; principalB has 1 → behind
    const r = (await row(principalRule, `${Y}-11-15`, t.fx.staff.principalB))!;
    expect(r).toMatchObject({ measured: 1, status: 'behind' });
  });
});
