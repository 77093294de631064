import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/activities/index.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { todayInChina } from './shared.js';

const API = '/api/v1/activities';
let t: OrgTestContext;
let rubric: { id: number; criteria: { id: string }[] };
const today = todayInChina();

beforeAll(async () => {
  t = await setupOrgTest();
  const rubrics = (await t.as.principalA.request('GET', `${API}/rubrics`)).json();
  rubric = rubrics.find((r: { code: string }) => r.code === 'four-looks');
});
afterAll(() => t.close());

function body(overrides: Record<string, unknown> = {}) {
  return {
    teacherId: t.fx.staff.teacherA,
    classId: t.fx.classes.a32,
    subjectId: t.fx.subjects.shuxue,
    lessonDate: addDays(today, -1),
    period: 2,
    kind: '推门听课',
    rubricId: rubric.id,
    scores: Object.fromEntries(rubric.criteria.map((c, i) => [c.id, 1 + (i % 4)])),
    evidence: '小组讨论时多数学生参与',
    strengths: '目标清楚，练习有层次',
    improvement: '提问要给学困生留出思考时间',
    ...overrides,
  };
}

describe('rubrics', () => {
  it('seeds the four-criterion rubric and a 4-level one for the county', async () => {
    const rubrics = (await t.as.teacherA.request('GET', `${API}/rubrics`)).json();
    expect(
      rubrics.map((r: { code: string; levels: number; criteria: unknown[] }) => [r.code, r.levels, r.criteria.length]),
    ).toEqual([
      ['four-looks', 4, 4],
      ['overall-4', 4, 1],
    ]);
    expect(rubrics[0].criteria.map((c: { zh: string }) => c.zh)).toEqual([
      '学生参与的广度',
      '学生学习的深度',
      '教学目标达成的效度',
      '学生的满意度',
    ]);
  });
});

describe('observations', () => {
  let id: number;
  it('records an observation: score = mean level, school from the teacher', async () => {
    const res = await t.as.principalA.request('POST', `${API}/observations`, body());
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    id = o.id;
    // levels 1, 2, 3, 4 → mean 2.5
    expect(o).toMatchObject({
      score: 2.5,
      schoolId: t.fx.schools.a,
      observerId: t.fx.staff.principalA,
      acknowledgedAt: null,
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'activity_observations')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses the same lesson entered twice by the same observer', async () => {
    const res = await t.as.principalA.request('POST', `${API}/observations`, body({ kind: '随堂' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('已登记过');
    // another observer of the same lesson is fine (two observers → agreement statistics)
    const other = await t.as.directorA.request('POST', `${API}/observations`, body());
    expect(other.statusCode, other.body).toBe(200);
  });

  it('refuses a lesson dated in the future', async () => {
    const res = await t.as.principalA.request(
      'POST',
      `${API}/observations`,
      body({ lessonDate: addDays(today, 1), period: 3 }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不能晚于今天');
  });

  it('refuses a teacher outside the observer’s scope', async () => {
    const res = await t.as.principalB.request('POST', `${API}/observations`, body({ classId: null }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不在您可听课的范围内');
  });

  it('refuses missing or out-of-range rubric levels, a class of another school, oneself, and accounts without staff', async () => {
    const scores = body().scores as Record<string, number>;
    const first = Object.keys(scores)[0];
    const missing = { ...scores };
    delete missing[first];
    expect(
      (await t.as.principalA.request('POST', `${API}/observations`, body({ period: 4, scores: missing }))).statusCode,
    ).toBe(400);
    expect(
      (
        await t.as.principalA.request(
          'POST',
          `${API}/observations`,
          body({ period: 4, scores: { ...scores, [first]: 5 } }),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (await t.as.principalA.request('POST', `${API}/observations`, body({ period: 4, classId: t.fx.classes.b31 })))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await t.as.principalA.request(
          'POST',
          `${API}/observations`,
          body({ period: 4, teacherId: t.fx.staff.principalA }),
        )
      ).statusCode,
    ).toBe(400);
    expect((await t.as.countyAdmin.request('POST', `${API}/observations`, body({ period: 4 }))).statusCode).toBe(403);
  });

  it('lets the observed teacher see and acknowledge the feedback, and nobody else acknowledge it', async () => {
    const mine = (await t.as.teacherA.request('GET', `${API}/observations?mine=received`)).json();
    expect(mine.items.map((o: { id: number }) => o.id)).toContain(id);
    expect((await t.as.directorA.request('POST', `${API}/observations/${id}/acknowledge`, {})).statusCode).toBe(400);
    const ack = await t.as.teacherA.request('POST', `${API}/observations/${id}/acknowledge`, {
      note: '收到，下周改进',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledgement: '收到，下周改进' });
    expect(ack.json().acknowledgedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('shows an observation only to its observer, its teacher and viewers of the whole school', async () => {
    // headTeacherA is neither observer nor teacher and sees school A only through a class
    expect((await t.as.headTeacherA.request('GET', `${API}/observations/${id}`)).statusCode).toBe(403);
    expect((await t.as.principalB.request('GET', `${API}/observations/${id}`)).statusCode).toBe(403);
    expect((await t.as.districtLeader.request('GET', `${API}/observations/${id}`)).statusCode).toBe(200);
    expect((await t.as.principalA.request('GET', `${API}/observations/999999`)).statusCode).toBe(404);
    const list = (await t.as.headTeacherA.request('GET', `${API}/observations`)).json();
    expect(list.total).toBe(0);
  });

  it('lets only the observer edit or withdraw it', async () => {
    expect((await t.as.teacherA.request('PATCH', `${API}/observations/${id}`, { strengths: '改' })).statusCode).toBe(
      403,
    );
    const res = await t.as.principalA.request('PATCH', `${API}/observations/${id}`, {
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, 4])),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().score).toBe(4);
  });
});

describe('quota compliance moves with an observation', () => {
  it('counts the principal’s observations this term against 20 and shows the record behind it', async () => {
    const rules = (await t.as.principalA.request('GET', `${API}/quota-rules`)).json();
    const rule = rules.find((r: { code: string }) => r.code === 'observe-principal-term');
    const rows = async () =>
      (await t.as.principalA.request('GET', `${API}/compliance/subjects?ruleId=${rule.id}`)).json().items as {
        subjectId: string;
        measured: number;
        target: number;
        recordCount: number;
      }[];
    const before = (await rows()).find((r) => r.subjectId === String(t.fx.staff.principalA))!;
    expect(before.target).toBe(20);
    const res = await t.as.principalA.request('POST', `${API}/observations`, body({ period: 6 }));
    expect(res.statusCode, res.body).toBe(200);
    const after = (await rows()).find((r) => r.subjectId === String(t.fx.staff.principalA))!;
    expect(after.measured).toBe(before.measured + 1);
    const records = (
      await t.as.principalA.request(
        'GET',
        `${API}/compliance/records?ruleId=${rule.id}&subjectId=${t.fx.staff.principalA}`,
      )
    ).json();
    expect(records.items.map((r: { id: string }) => r.id)).toContain(`observation:${res.json().id}`);
    // principalB sees only school B's rows: not principalA's
    const b = (await t.as.principalB.request('GET', `${API}/compliance/subjects?ruleId=${rule.id}`)).json();
    expect(b.items.map((r: { subjectId: string }) => r.subjectId)).not.toContain(String(t.fx.staff.principalA));
    expect(
      (
        await t.as.principalB.request(
          'GET',
          `${API}/compliance/records?ruleId=${rule.id}&subjectId=${t.fx.staff.principalA}`,
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('quota rules editor', () => {
  it('lets the bureau switch a rule off or change its target, and nobody else', async () => {
    const rules = (await t.as.countyAdmin.request('GET', `${API}/quota-rules`)).json();
    const rule = rules.find((r: { code: string }) => r.code === 'observe-researcher-term');
    expect(rule.citation.quote).toContain('40');
    expect(
      (await t.as.principalA.request('PATCH', `${API}/quota-rules/${rule.id}`, { targetValue: 30 })).statusCode,
    ).toBe(403);
    const res = await t.as.countyAdmin.request('PATCH', `${API}/quota-rules/${rule.id}`, { targetValue: 30 });
    expect(res.json().targetValue).toBe(30);
    const bad = await t.as.countyAdmin.request('POST', `${API}/quota-rules`, {
      code: 'x-rule',
      label: 'x',
      activity: 'observation',
      subjectScope: 'person',
      measure: 'count',
      period: 'term',
      targetKind: 'fixed',
      targetValue: 3,
    });
    expect(bad.statusCode).toBe(400);
    const dup = await t.as.countyAdmin.request('POST', `${API}/quota-rules`, {
      code: 'observe-researcher-term',
      label: 'x',
      activity: 'observation',
      subjectScope: 'person',
      subjectRole: 'researcher',
      measure: 'count',
      period: 'term',
      targetKind: 'fixed',
      targetValue: 3,
    });
    expect(dup.statusCode).toBe(409);
  });
});
