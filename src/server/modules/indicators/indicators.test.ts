import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../platform/documents/read-docx.js';
import { todayInChina } from '../org/shared.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';

/**
 * The indicators module over HTTP on the fixture county (testing-fixture.ts): school A has 8 enrolled students in
 * classes of 4 (a31: 3 在读 + 1 休学), 2 and 2, and 7 staff; B 2 students, C 2, D 1 — 13 in the county. The unplaced
 * student of A has no enrollment and is not counted.
 */
let t: OrgTestContext;
const API = '/api/v1/indicators';
let yearPeriod: { id: number; startDate: string; endDate: string; name: string };
let library: {
  id: number;
  code: string;
  name: string;
  definition: string;
  sourceKey: string;
  sourceAvailable: boolean;
}[];
const byCode = (code: string) => library.find((i) => i.code === code)!;

beforeAll(async () => {
  t = await setupOrgTest();
  library = (await t.as.countyAdmin.request('GET', `${API}/library`)).json().items;
  const periods = (await t.as.countyAdmin.request('GET', `${API}/periods`)).json().items;
  yearPeriod = periods.find(
    (p: { kind: string; name: string }) => p.kind === 'school_year' && p.name === t.fx.currentYear.name,
  );
});
afterAll(() => t.close());

const get = (path: string, who = t.as.countyAdmin) => who.request('GET', `${API}${path}`);
const post = (path: string, body: unknown, who = t.as.countyAdmin) => who.request('POST', `${API}${path}`, body);
const values = (code: string, unit: string, refresh = true) =>
  get(`/${code}/values?unit=${unit}&period=${yearPeriod.id}${refresh ? '&refresh=true' : ''}`);
const detail = (res: { json: () => { error: { message: string } } }) => res.json().error.message;

describe('indicator library', () => {
  it('is seeded with at least 40 indicators, each 口径 citing its seed line, bound to registered sources', () => {
    expect(library.length).toBeGreaterThanOrEqual(40);
    for (const i of library) expect(i.definition, i.code).toMatch(/seed-00\d/);
    expect(byCode('primary-grad-pass-rate')).toMatchObject({ sourceKey: 'exams.passRate', sourceAvailable: true });
    expect(byCode('student-count')).toMatchObject({ sourceKey: 'org.studentCount', sourceAvailable: true });
  });

  it('refuses a source that does not exist, and params the source rejects', async () => {
    const base = {
      code: 'x-test',
      name: '测试',
      unit: 'percent',
      direction: 'higher',
      definition: '测试',
      level: 'school',
    };
    const unknown = await post('/library', { ...base, sourceKey: 'exams.noSuchThing' });
    expect(unknown.statusCode).toBe(400);
    expect(detail(unknown)).toContain('指标来源“exams.noSuchThing”不存在');
    const bad = await post('/library', { ...base, sourceKey: 'org.largeClassShare', params: { threshold: 5.5 } });
    expect(detail(bad)).toContain('threshold');
  });

  it('refuses a period that overlaps another of its kind', async () => {
    const res = await post('/periods', {
      kind: 'school_year',
      name: '重叠学年',
      startDate: yearPeriod.startDate,
      endDate: yearPeriod.endDate,
    });
    expect(res.statusCode).toBe(400);
    expect(detail(res)).toContain('重叠');
  });
});

describe('values from the org registry (the contract)', () => {
  it('在籍学生数: school A 8, the county 13; no target → status none; source org with its ref and time', async () => {
    const a = (await values('student-count', `school:${t.fx.schools.a}`)).json();
    expect(a).toMatchObject({
      value: 8,
      target: null,
      baseline: null,
      status: 'none',
      source: { module: 'org', available: true },
    });
    expect(a.source.computedAt).toMatch(/^\d{4}-/);
    expect((await values('student-count', `region:${t.fx.countyId}`)).json().value).toBe(13);
  });

  it('大班额比例 with threshold 3: A has classes of 4, 2, 2 → 1/3; 生师比 A = 8 / 7', async () => {
    const patched = await t.as.countyAdmin.request('PATCH', `${API}/library/${byCode('large-class-share').id}`, {
      params: { threshold: 3 },
    });
    expect(patched.body).toBe('{"ok":true}');
    expect((await values('large-class-share', `school:${t.fx.schools.a}`)).json().value).toBeCloseTo(1 / 3, 12);
    expect((await values('student-teacher-ratio', `school:${t.fx.schools.a}`)).json().value).toBeCloseTo(8 / 7, 12);
  });

  it('a source not on this server gives no value (never a made-up one), even with a target', async () => {
    // An indicator whose module is not installed (e.g. a library row from a server with one more module).
    const row = await t.db
      .insertInto('indicators')
      .values({
        county_id: t.fx.countyId,
        code: 'absent-module-rate',
        name: '未安装模块的指标',
        unit: 'percent',
        direction: 'higher',
        definition: '测试（seed-000）',
        level: 'school',
        source_key: 'absent.rate',
        params: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const target = await post('/targets', {
      indicatorId: Number(row.id),
      unit: `school:${t.fx.schools.a}`,
      periodId: yearPeriod.id,
      kind: 'absolute',
      value: 0.95,
    });
    expect(target.statusCode).toBe(200);
    expect((await values('absent-module-rate', `school:${t.fx.schools.a}`)).json()).toMatchObject({
      value: null,
      target: 0.95,
      status: 'none',
      source: { module: 'absent', available: false },
    });
  });

  it('a school outside the caller’s scope is refused', async () => {
    expect(
      (
        await values('student-count', `school:${t.fx.schools.b}`, false).then(() =>
          t.as.principalA.request(
            'GET',
            `${API}/student-count/values?unit=school:${t.fx.schools.b}&period=${yearPeriod.id}`,
          ),
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('org units of the contract', () => {
  it('a 学区 is region:<id>: its 局领导 reads it (东区: A 8 + C 2 = 10), not the county nor the other 学区', async () => {
    const leader = t.as.districtLeader;
    const east = await leader.request(
      'GET',
      `${API}/student-count/values?unit=region:${t.fx.regions.east}&period=${yearPeriod.id}&refresh=true`,
    );
    expect(east.json().value).toBe(10);
    const county = await leader.request(
      'GET',
      `${API}/student-count/values?unit=region:${t.fx.countyId}&period=${yearPeriod.id}`,
    );
    expect(county.statusCode).toBe(403);
    const west = await leader.request(
      'GET',
      `${API}/student-count/values?unit=region:${t.fx.regions.west}&period=${yearPeriod.id}`,
    );
    expect(west.statusCode).toBe(403);
  });

  it('refuses a unit that is not school:<id> or region:<id>', async () => {
    expect(detail(await values('student-count', 'class:3'))).toContain('school:<学校id>');
  });
});

describe('targets, hand-entered values and splits', () => {
  let gaokaoTarget: number;
  it('a change target needs a baseline; +3.5 points from 0.82 is 0.855', async () => {
    const body = {
      indicatorId: byCode('gaokao-tier1-rate').id,
      unit: `region:${t.fx.countyId}`,
      periodId: yearPeriod.id,
      kind: 'change',
      delta: 0.035,
    };
    const none = await post('/targets', body);
    expect(detail(none)).toContain('基线');
    const ok = await post('/targets', { ...body, baseline: 0.82 });
    gaokaoTarget = ok.json().id;
    expect((await values('gaokao-tier1-rate', `region:${t.fx.countyId}`)).json()).toMatchObject({
      value: null,
      target: 0.855,
      baseline: 0.82,
      status: 'none',
    });
  });

  it('a manual value needs evidence and counts only once the bureau approves it: 0.86 ≥ 0.855 is green', async () => {
    const body = {
      indicatorId: byCode('gaokao-tier1-rate').id,
      unit: `region:${t.fx.countyId}`,
      periodId: yearPeriod.id,
      value: 0.86,
    };
    expect(detail(await post('/manual-values', { ...body, evidenceNote: ' ' }))).toContain('证明材料');
    const entered = await post('/manual-values', { ...body, evidenceNote: '省考试院录取数据（2026）' });
    expect(entered.json().status).toBe('pending');
    expect((await values('gaokao-tier1-rate', `region:${t.fx.countyId}`)).json().value).toBeNull();
    expect(
      (await post(`/manual-values/${entered.json().id}/review`, { decision: 'approve' }, t.as.principalA)).statusCode,
    ).toBe(403);
    expect((await post(`/manual-values/${entered.json().id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    const v = (await values('gaokao-tier1-rate', `region:${t.fx.countyId}`, false)).json();
    expect(v).toMatchObject({ value: 0.86, target: 0.855, status: 'green', source: { module: 'indicators' } });
    expect(v.source.ref).toContain('省考试院');
    const a = (await get(`/targets/${gaokaoTarget}/attainment`)).json();
    expect(a).toMatchObject({ status: 'green', gap: 0.005 });
    expect(a.ratio).toBeCloseTo(0.04 / 0.035, 10);
  });

  it('a manual value for a computed indicator is refused', async () => {
    const res = await post('/manual-values', {
      indicatorId: byCode('student-count').id,
      unit: `school:${t.fx.schools.a}`,
      periodId: yearPeriod.id,
      value: 1,
      evidenceNote: '手填',
    });
    expect(detail(res)).toContain('org.studentCount');
  });

  it('splits 20 places over students 8/2/2/1 by largest remainder → 12/3/3/2; the schools below theirs, worst first', async () => {
    const county = await post('/targets', {
      indicatorId: byCode('student-count').id,
      unit: `region:${t.fx.countyId}`,
      periodId: yearPeriod.id,
      kind: 'count',
      value: 20,
    });
    const id = county.json().id;
    expect((await post(`/targets/${id}/split`, { method: 'proportional' })).json()).toEqual({ created: 4 });
    const a = (await get(`/targets/${id}/attainment?refresh=true`)).json();
    const s = t.fx.schools;
    expect(
      a.schools
        .map((x: { schoolId: number; target: number; value: number }) => [x.schoolId, x.target, x.value])
        .sort((p: number[], q: number[]) => p[0] - q[0]),
    ).toEqual(
      [
        [s.a, 12, 8],
        [s.b, 3, 2],
        [s.c, 3, 2],
        [s.d, 2, 1],
      ].sort((p, q) => p[0] - q[0]),
    );
    expect(a.value).toBe(13);
    expect(a.status).toBe('red');
    expect(a.schoolsMissing[0]).toMatchObject({ schoolId: s.a, gap: -4 });
    expect(a.schoolsMissing).toHaveLength(4);
    const child = (await get(`/targets?indicatorId=${byCode('student-count').id}`))
      .json()
      .items.find((x: { splitFromId: number | null }) => x.splitFromId === id);
    const again = await post(`/targets/${child.id}/split`, { method: 'equal' });
    expect(detail(again)).toContain('循环');
  });
});

describe('plans, tasks, reports, filings and the 总结', () => {
  let planId: number;
  const today = todayInChina();
  it('creates a 提升年 plan over the school year with the four default phases', async () => {
    const res = await post('/plans', {
      kind: 'improvement_year',
      title: '教学质量提升年活动',
      ownerUnit: `region:${t.fx.countyId}`,
      startDate: t.fx.currentYear.startDate,
      endDate: t.fx.currentYear.endDate,
      basis: '县教育局三年计划',
      leadingGroup: [
        { role: 'leader', name: '王局长', title: '局长' },
        { role: 'office', name: '教研室' },
      ],
      filingDue: t.fx.currentYear.endDate,
    });
    planId = res.json().id;
    const plan = (await get(`/plans/${planId}`)).json();
    expect(plan.phases.map((p: { name: string }) => p.name)).toEqual(['组织发动', '全面实施', '整改深化', '总结表彰']);
  });

  it('refuses a task deadline outside the plan’s span, and a task with neither deadline nor recurrence', async () => {
    const out = await post(`/plans/${planId}/tasks`, { title: '越界', leadUnit: '教研室', dueDate: '2099-01-01' });
    expect(detail(out)).toContain('不在方案起止日期');
    expect(detail(await post(`/plans/${planId}/tasks`, { title: '无期限', leadUnit: '教研室' }))).toContain('期限');
  });

  it('tracks reports per school: late, on time, overdue; ranks units in the 进展通报; lists the overdue', async () => {
    const s = t.fx.schools;
    const past = await post(`/plans/${planId}/tasks`, {
      title: '制定校本实施方案',
      leadUnit: '教研室',
      responsibleSchoolIds: [s.a, s.b],
      dueDate: t.fx.currentYear.startDate,
    });
    const future = await post(`/plans/${planId}/tasks`, {
      title: '开展集体备课',
      leadUnit: '教研室',
      responsibleSchoolIds: [s.a, s.b],
      dueDate: t.fx.currentYear.endDate,
    });
    const report = (task: number, due: string, schoolId: number, who = t.as.principalA) =>
      post(`/tasks/${task}/reports`, { schoolId, dueDate: due, status: 'done', narrative: '已完成' }, who);
    expect((await report(past.json().id, t.fx.currentYear.startDate, s.a)).statusCode).toBe(200);
    expect((await report(future.json().id, t.fx.currentYear.endDate, s.a)).statusCode).toBe(200);
    expect((await report(past.json().id, t.fx.currentYear.startDate, s.b)).statusCode).toBe(403);
    const bulletin = (await get(`/plans/${planId}/bulletin`)).json();
    // A: first task done late (0/1), second done before its deadline (1/1) → 1/2; B: first overdue → 0/1.
    expect(
      bulletin.ranked.map((r: { rank: number; schoolId: number; due: number; doneOnTime: number }) => [
        r.rank,
        r.schoolId,
        r.doneOnTime,
        r.due,
      ]),
    ).toEqual([
      [1, s.a, 1, 2],
      [2, s.b, 0, 1],
    ]);
    // A periodic bulletin counts only the due dates in its window: from the day after the first deadline, A has
    // met its one due date (1/1) and B has nothing due.
    const from = new Date(Date.parse(`${t.fx.currentYear.startDate}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const windowed = (await get(`/plans/${planId}/bulletin?from=${from}`)).json();
    expect(
      windowed.ranked.map((r: { schoolId: number; due: number; doneOnTime: number }) => [
        r.schoolId,
        r.doneOnTime,
        r.due,
      ]),
    ).toEqual([[s.a, 1, 1]]);
    expect(windowed.nothingDue).toHaveLength(1);
    // The same counts as indicator values: 任务按期完成率 of A = 1/2; 周报按时报送率 counts weekly tasks only → none due.
    expect((await values('task-completion-rate', `school:${s.a}`)).json().value).toBe(0.5);
    expect((await values('task-completion-rate', `school:${s.b}`)).json().value).toBe(0);
    expect((await values('weekly-report-on-time', `school:${s.a}`)).json().value).toBeNull();
    const overdue = (await get('/overdue')).json().items;
    expect(overdue.map((o: { schoolId: number; title: string }) => [o.schoolId, o.title])).toEqual([
      [s.b, '制定校本实施方案'],
    ]);
    expect((await get('/overdue', t.as.principalA)).json().items).toEqual([]);
    expect(today >= t.fx.currentYear.startDate).toBe(true);
  });

  it('cascades: a school files its plan, the bureau returns it, the school re-files, the bureau approves', async () => {
    const s = t.fx.schools;
    const filed = await post(
      `/plans/${planId}/filings`,
      { schoolId: s.a, title: '实验小学提升年实施方案', content: '…' },
      t.as.principalA,
    );
    expect(
      (await post(`/filings/${filed.json().id}/review`, { decision: 'return', comment: '请补充时间表' })).statusCode,
    ).toBe(200);
    await post(
      `/plans/${planId}/filings`,
      { schoolId: s.a, title: '实验小学提升年实施方案（修改稿）' },
      t.as.principalA,
    );
    expect((await post(`/filings/${filed.json().id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    const list = (await get(`/plans/${planId}/filings`)).json().items;
    expect(list.find((f: { schoolId: number }) => f.schoolId === s.a)).toMatchObject({
      status: 'approved',
      late: false,
    });
    expect(list.find((f: { schoolId: number }) => f.schoolId === s.b)).toMatchObject({ status: 'missing' });
  });

  it('writes the 总结 as Word: goals with attainment and source footnotes, tasks done and not done, narratives kept', async () => {
    const target = (await get(`/targets?indicatorId=${byCode('gaokao-tier1-rate').id}`)).json().items[0];
    expect((await post(`/plans/${planId}/goals`, { targetId: target.id })).statusCode).toBe(200);
    const put = await t.as.countyAdmin.request('PUT', `${API}/plans/${planId}/summary-texts/goals`, {
      body: '全县高考一本上线率稳步提高。',
    });
    expect(put.body).toBe('{"ok":true}');
    await t.as.countyAdmin.request('PUT', `${API}/plans/${planId}/summary-texts/plan`, {
      body: '全县高考一本上线率稳步提高。',
    });
    for (const style of ['mirror', 'pdca', 'topical']) {
      const res = await get(`/plans/${planId}/summary.docx?style=${style}`);
      expect(res.statusCode).toBe(200);
      const doc = await readDocx(res.rawPayload);
      expect(doc.text).toContain('全县高考一本上线率稳步提高。');
      expect(doc.text).toContain('高考一本上线率');
      expect(doc.text).toContain('86%');
      expect(doc.text).toContain('已达成');
      expect(doc.footnotes).toContain('手工录入');
      expect(doc.footnotes).toContain('省考试院');
    }
    const mirror = await readDocx((await get(`/plans/${planId}/summary.docx?style=mirror`)).rawPayload);
    expect(mirror.text).toContain('已完成的任务（0项）');
    expect(mirror.text).toContain('未完成的任务（2项）');
    expect(mirror.text).toContain('制定校本实施方案');
    expect(mirror.text).toContain('组长：王局长（局长）');
    const bulletin = await readDocx((await get(`/plans/${planId}/bulletin.docx`)).rawPayload);
    expect(bulletin.text).toContain('各单位任务完成情况排名');
  });

  it('a red goal and an overdue task become problems in the rectification ledger; the 总结 counts them', async () => {
    const s = t.fx.schools;
    // 大班额比例 of A is 1/3 (lower is better): an absolute target of 0 with no baseline is red.
    const target = await post('/targets', {
      indicatorId: byCode('large-class-share').id,
      unit: `school:${s.a}`,
      periodId: yearPeriod.id,
      kind: 'absolute',
      value: 0,
    });
    expect(target.statusCode).toBe(200);
    expect((await post(`/plans/${planId}/goals`, { targetId: target.json().id })).statusCode).toBe(200);
    const plan = (await get(`/plans/${planId}`)).json();
    const goal = plan.goals.find((g: { targetId: number }) => g.targetId === target.json().id);
    const green = plan.goals.find((g: { targetId: number }) => g.targetId !== target.json().id);
    expect([goal.status, green.status]).toEqual(['red', 'green']);
    const task = plan.tasks.find((x: { title: string }) => x.title === '制定校本实施方案');
    const raise = (body: object, who = t.as.countyAdmin) => post(`/plans/${planId}/problems`, body, who);
    // Only the bureau raises; only a red goal at a school, or a school overdue on the task; a known severity.
    expect((await raise({ goalId: goal.id, severity: '一般' }, t.as.principalA)).statusCode).toBe(403);
    expect(detail(await raise({ goalId: green.id, severity: '一般' }))).toContain('落后');
    expect(detail(await raise({ taskId: task.id, schoolId: s.a, severity: '一般' }))).toContain('逾期');
    expect((await raise({ goalId: goal.id, severity: '特别严重' })).statusCode).toBe(400);
    const fromGoal = await raise({ goalId: goal.id, severity: '重大' });
    expect(fromGoal.statusCode).toBe(201);
    expect(detail(await raise({ goalId: goal.id, severity: '重大' }))).toContain('已在整改台账');
    const fromTask = await raise({ taskId: task.id, schoolId: s.b, severity: '一般' });
    expect(fromTask.statusCode).toBe(201);
    const rows = await t.db
      .selectFrom('insp_problems')
      .select(['school_id', 'source_module', 'source_ref', 'severity', 'status'])
      .where('id', 'in', [fromGoal.json().id, fromTask.json().id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.school_id, r.source_module, r.source_ref, r.severity, r.status])).toEqual([
      [s.a, 'plans', `goal:${goal.id}`, '重大', 'found'],
      [s.b, 'plans', `task:${task.id}`, '一般', 'found'],
    ]);
    const listed = (await get(`/plans/${planId}/problems`)).json();
    expect(listed.severities).toEqual(['重大', '一般', '轻微']);
    expect(listed.items.map((i: { ref: string }) => i.ref)).toEqual([`goal:${goal.id}`, `task:${task.id}`]);
    expect((await get(`/plans/${planId}/problems`, t.as.principalB)).json().items).toHaveLength(1);
    // The 问题清单 of the schools shows them too.
    const list = (await t.as.principalA.request('GET', '/api/v1/surveys/ledger/problem')).json().items;
    expect(list.map((i: { sourceModule: string }) => i.sourceModule)).toEqual(['plans']);
    // The task's problem goes through the ledger to 销号: order → the school answers → the bureau verifies.
    const ins = (path: string, body: object, who = t.as.countyAdmin) =>
      who.request('POST', `/api/v1/inspections/problems/${fromTask.json().id}/${path}`, body);
    expect((await ins('order', { unit: '城北中学', person: '校长' })).statusCode).toBe(200);
    // The school's report carries a file as evidence (uploaded through the ledger's file endpoint).
    const boundary = '----tisheng-test';
    const file = await t.as.principalB.request(
      'POST',
      `/api/v1/inspections/files?schoolId=${s.b}`,
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="方案.png"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(64, 1),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    const respond = await ins('respond', { report: '已补交方案', evidence: [file.json().id] }, t.as.principalB);
    expect(respond.statusCode).toBe(200);
    expect((await ins('verify', { fixed: true, fullyFixed: true })).statusCode).toBe(200);
    // 2 raised in the plan's span, 1 closed → 50.0%; closed the day it was raised → 0.0 days; 1 open, not overdue.
    for (const style of ['topical', 'mirror', 'pdca']) {
      const doc = await readDocx((await get(`/plans/${planId}/summary.docx?style=${style}`)).rawPayload);
      expect(doc.text).toContain('问题发现与整改');
      expect(doc.text).toContain('共登记问题2个，已销号1个，销号率50.0%');
      expect(doc.text).toContain('平均整改0.0天；未销号1个，其中逾期0个');
      expect(doc.text).toContain('规划目标任务');
      expect(doc.text).toContain(`目标「${byCode('large-class-share').name}」`);
      expect(doc.footnotes).toContain('问题整改台账');
    }
  });
});
