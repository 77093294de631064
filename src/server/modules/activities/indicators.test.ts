import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/activities/index.js';
import { indicatorSource } from '../indicators/sources.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { todayInChina } from './shared.js';

const API = '/api/v1/activities';
let t: OrgTestContext;
const today = todayInChina();
const period = { from: addDays(today, -30), to: today };

beforeAll(async () => {
  t = await setupOrgTest(); // registers the sources (the routes plugin does)
});
afterAll(() => t.close());

const compute = (
  key: string,
  unit: { level: 'county' | 'region' | 'school' | 'class' | 'teacher'; id: number },
  params = {},
) => indicatorSource(key)!.compute(t.db, { countyId: t.fx.countyId, unit, period, params });

describe('indicator sources', () => {
  it('registers the five sources', () => {
    for (const key of [
      'activities.quotaShare',
      'activities.observationMeanScore',
      'activities.trainingHoursPerTeacher',
      'activities.homeVisitCoverage',
      'activities.homeworkOverCapShare',
    ])
      expect(indicatorSource(key)?.module).toBe('activities');
  });

  it('gives null, not 0, where there is nothing to compute from', async () => {
    expect(
      (await compute('activities.observationMeanScore', { level: 'school', id: t.fx.schools.a })).value,
    ).toBeNull();
    expect(
      (await compute('activities.homeworkOverCapShare', { level: 'school', id: t.fx.schools.a })).value,
    ).toBeNull();
  });

  it('computes the mean observation score, training hours per teacher, home-visit coverage and homework over-cap share', async () => {
    const rubric = (await t.as.principalA.request('GET', `${API}/rubrics`)).json()[1]; // overall 4-level
    for (const [who, level, p] of [
      ['principalA', 4, 1],
      ['directorA', 2, 2],
    ] as const) {
      const res = await t.as[who].request('POST', `${API}/observations`, {
        teacherId: t.fx.staff.teacherA,
        subjectId: t.fx.subjects.shuxue,
        lessonDate: addDays(today, -1),
        period: p,
        kind: '随堂',
        rubricId: rubric.id,
        scores: { overall: level },
        strengths: '—',
        improvement: '—',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // (4 + 2) / 2 = 3
    expect(
      await compute('activities.observationMeanScore', { level: 'teacher', id: t.fx.staff.teacherA }),
    ).toMatchObject({
      value: 3,
      n: 2,
    });

    const course = (
      await t.as.countyAdmin.request('POST', `${API}/training-courses`, {
        name: '课程',
        organiser: '县',
        hours: 24,
        level: '县级',
        startDate: addDays(today, -10),
        endDate: addDays(today, -9),
      })
    ).json();
    await t.as.teacherA.request('POST', `${API}/trainings`, {
      courseId: course.id,
      staffId: t.fx.staff.teacherA,
      hours: 24,
      completedOn: addDays(today, -9),
    });
    await t.as.principalA.request('POST', `${API}/trainings`, {
      courseId: course.id,
      staffId: t.fx.staff.headTeacherA,
      hours: 12,
      completedOn: addDays(today, -9),
    });
    // school A has 7 staff (A001–A007): (24 + 12) / 7
    const hours = await compute('activities.trainingHoursPerTeacher', { level: 'school', id: t.fx.schools.a });
    expect(hours.n).toBe(7);
    expect(hours.value).toBeCloseTo(36 / 7, 10);

    // class a32 has 2 students; one visited → 1/2
    await t.as.teacherA.request('POST', `${API}/home-visits`, {
      studentId: t.fx.students.a32[0],
      visitDate: addDays(today, -2),
      mode: '电话',
      category: '其他',
    });
    expect(await compute('activities.homeVisitCoverage', { level: 'class', id: t.fx.classes.a32 })).toMatchObject({
      value: 0.5,
      n: 2,
    });

    // a32 (grade 3, cap 60): day 1 = 70 (over), day 2 = 40 → 1 of 2 class-days over
    for (const [day, minutes] of [
      [addDays(today, -3), 70],
      [addDays(today, -4), 40],
    ] as const)
      await t.as.teacherA.request('POST', `${API}/homework`, {
        classId: t.fx.classes.a32,
        subjectId: t.fx.subjects.shuxue,
        hwDate: day,
        minutes,
      });
    expect(await compute('activities.homeworkOverCapShare', { level: 'class', id: t.fx.classes.a32 })).toMatchObject({
      value: 0.5,
      n: 2,
    });
  });

  it('gives the share of a school’s principals meeting the principal quota', async () => {
    // principalA has 1 observation (above) of 20 → not met; the only principal of A → 0 of 1
    const v = await compute(
      'activities.quotaShare',
      { level: 'school', id: t.fx.schools.a },
      { ruleCode: 'observe-principal-term' },
    );
    expect(v).toMatchObject({ value: 0, n: 1 });
    expect(indicatorSource('activities.quotaShare')!.checkParams!({})).toContain('ruleCode');
  });
});
