import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';

/** 诉求办理 through the API: public intake with a tracking code, the lifecycle with its gates, rates, limits as data. */
let t: OrgTestContext;
const V = '/api/v1/surveys';
let county: string;

beforeAll(async () => {
  t = await setupOrgTest();
  county = (await t.db.selectFrom('regions').select('code').where('id', '=', t.fx.countyId).executeTakeFirstOrThrow())
    .code;
});
afterAll(async () => t.close());

const pub = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as object, remoteAddress: '10.2.0.1' });

describe('cases', () => {
  it('takes a public concern, anonymous, and follows it through every step to 办结', async () => {
    const form = (await pub('GET', `${V}/public/concern-form?county=${county}`)).json();
    expect(form.schools.map((s: { id: number }) => s.id)).toContain(t.fx.schools.a);
    const sent = await pub('POST', `${V}/public/cases`, {
      county,
      schoolId: t.fx.schools.a,
      category: '食堂',
      title: '午餐分量少',
      content: '孩子说中午吃不饱',
      anonymous: true,
      contactPhone: '13800001111',
    });
    expect(sent.statusCode).toBe(201);
    const code = sent.json().trackingCode;
    const row = await t.db.selectFrom('cases').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect([row.contact_phone, row.contact_name, row.state]).toEqual([null, null, 'pending']);
    const id = row.id;
    const act = (who: keyof OrgTestContext['as'], body: object) =>
      t.as[who].request('POST', `${V}/cases/${id}/actions`, body);

    expect((await act('teacherA', { action: 'accept' })).statusCode).toBe(403);
    expect((await act('principalA', { action: 'reply', note: 'x' })).json().error.message).toContain(
      '待签收的诉求不能答复',
    );
    expect((await act('principalA', { action: 'accept' })).statusCode).toBe(200);
    expect((await act('principalA', { action: 'request_info', note: '请说明年级' })).statusCode).toBe(200);
    const paused = (await t.as.principalA.request('GET', `${V}/cases/${id}`)).json();
    expect([paused.state, paused.replyBy]).toEqual(['supplement', null]); // the clock is stopped
    expect((await act('principalA', { action: 'resume' })).statusCode).toBe(200);
    expect((await act('principalA', { action: 'reply', note: '已调整午餐分量' })).statusCode).toBe(200);
    // The school cannot do the 回访 or close its own case: the bureau does.
    expect((await act('principalA', { action: 'visit', verdict: '满意' })).statusCode).toBe(403);
    expect((await act('countyAdmin', { action: 'visit', verdict: '不满意' })).statusCode).toBe(200);
    expect((await act('countyAdmin', { action: 'reopen' })).statusCode).toBe(200);
    expect((await act('principalA', { action: 'reply', note: '增加了菜量并公示菜谱' })).statusCode).toBe(200);
    expect((await act('countyAdmin', { action: 'visit', verdict: '基本满意' })).statusCode).toBe(200);
    expect((await act('countyAdmin', { action: 'close' })).json().error.message).toContain('办结须写明处理结果');
    expect((await act('countyAdmin', { action: 'close', note: '已整改，家长认可' })).statusCode).toBe(200);

    const track = (await pub('GET', `${V}/public/cases/${code.toLowerCase()}`)).json();
    expect(track.state).toBe('已办结');
    expect(track.reply).toBe('增加了菜量并公示菜谱');
    expect(track.steps.map((s: { step: string }) => s.step)).toEqual([
      '受理',
      '签收',
      '待补充',
      '恢复办理',
      '答复',
      '回访',
      '重办',
      '答复',
      '回访',
      '办结',
    ]);
    const stats = (await t.as.principalA.request('GET', `${V}/cases-stats`)).json();
    const a = stats.schools.find((s: { schoolId: number }) => s.schoolId === t.fx.schools.a);
    expect(a).toMatchObject({
      cases: 1,
      onTimeAcceptance: 1,
      onTimeCompletion: 1,
      visitSatisfaction: 1,
      byCategory: { 食堂: 1 },
    });
    expect((await t.as.principalB.request('GET', `${V}/cases/${id}`)).statusCode).toBe(403);
  });

  it('uses the county’s time limits, staff intake, 退回 and 派单, 催办', async () => {
    const limits = await t.as.countyAdmin.request('PUT', `${V}/cases-limits`, {
      rows: [{ category: '校车', urgency: 'normal', acceptDays: 2, replyDays: 3, closeDays: 10 }],
    });
    expect(limits.statusCode).toBe(200);
    const created = await t.as.countyAdmin.request('POST', `${V}/cases`, {
      channel: 'hotline12345',
      externalRef: 'GD-2026-001',
      category: '校车',
      schoolId: t.fx.schools.b,
      title: '校车超载',
      content: '早上校车很挤',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const row = await t.db.selectFrom('cases').select('limits').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.limits).toEqual({ acceptDays: 2, replyDays: 3, closeDays: 10 });
    expect(
      (
        await t.as.principalA.request('POST', `${V}/cases`, {
          channel: 'phone',
          category: '其他',
          schoolId: t.fx.schools.b,
          title: 'x',
          content: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const back = await t.as.principalB.request('POST', `${V}/cases/${id}/actions`, {
      action: 'return',
      note: '应由镇中心校承办',
    });
    expect(back.json().state).toBe('returned');
    const assign = await t.as.countyAdmin.request('POST', `${V}/cases/${id}/actions`, {
      action: 'assign',
      schoolId: t.fx.schools.d,
    });
    expect(assign.json().state).toBe('pending');
    expect((await t.as.countyAdmin.request('POST', `${V}/cases/${id}/urge`, { escalate: true })).statusCode).toBe(200);
    const detail = (await t.as.countyAdmin.request('GET', `${V}/cases/${id}`)).json();
    expect([detail.schoolId, detail.urgeCount, detail.escalatedAt !== null]).toEqual([t.fx.schools.d, 1, true]);
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['receive', 'return', 'assign', 'escalate']);
  });

  it('counts on the platform calendar, whose years the county edits', async () => {
    const put = await t.as.countyAdmin.request('PUT', '/api/v1/admin/calendar/2027', {
      source: '国办发明电〔2026〕测试',
      holidays: [{ from: '2027-10-01', to: '2027-10-07', name: '国庆节' }],
      workdays: ['2027-09-26'],
    });
    expect(put.statusCode).toBe(200);
    const years = (await t.as.teacherA.request('GET', '/api/v1/admin/calendar')).json().years;
    expect(years.map((y: { year: number }) => y.year)).toContain(2027);
  });

  it('三张清单: the special-parent list only for the named roles; closing needs a resolution and someone else’s check', async () => {
    const L = `${V}/ledger/special_parent`;
    expect((await t.as.teacherA.request('GET', L)).statusCode).toBe(403);
    expect((await t.as.directorA.request('GET', L)).statusCode).toBe(403);
    const made = await t.as.principalA.request('POST', L, {
      schoolId: t.fx.schools.a,
      title: '某家长多次反映食堂问题',
      detail: '需要班主任重点沟通',
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    expect((await t.as.principalB.request('GET', L)).json().items).toHaveLength(0);
    expect(
      (await t.as.principalA.request('POST', `${L}/${id}/steps`, { step: 'check', note: '已核' })).json().error.message,
    ).toContain('须先登记整改结果');
    expect(
      (await t.as.principalA.request('POST', `${L}/${id}/steps`, { step: 'resolve', note: '校长约谈，已调整' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.as.principalA.request('POST', `${L}/${id}/steps`, { step: 'check', note: '已核' })).json().error.message,
    ).toContain('须由他人核查');
    expect(
      (await t.as.countyAdmin.request('POST', `${L}/${id}/steps`, { step: 'check', note: '回访家长，属实' }))
        .statusCode,
    ).toBe(200);
    const items = (await t.as.principalA.request('GET', L)).json().items;
    expect(items[0]).toMatchObject({ status: 'closed', resolution: '校长约谈，已调整', checkNote: '回访家长，属实' });
  });

  it('问题清单: a weak dimension and a case become problems in the rectification ledger, listed with every source', async () => {
    const survey = (await t.as.principalA.request('GET', `${V}/definitions`)).json().items[0].id;
    const campaign = await t.as.principalA.request('POST', `${V}/campaigns`, {
      surveyId: survey,
      title: '家长测评',
      schoolIds: [t.fx.schools.a],
      mode: 'open',
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(campaign.statusCode).toBe(201);
    const campaignId = campaign.json().id;
    const fromSurvey = await t.as.directorA.request('POST', `${V}/ledger/problem`, {
      schoolId: t.fx.schools.a,
      title: '学业负担满意率偏低',
      campaignId,
      dimension: '学业负担',
    });
    expect(fromSurvey.statusCode).toBe(201);
    const kase = await t.as.principalA.request('POST', `${V}/cases`, {
      channel: 'phone',
      category: '食堂',
      schoolId: t.fx.schools.a,
      title: '饭菜偏咸',
      content: '家长反映午餐偏咸',
    });
    expect(kase.statusCode).toBe(201);
    const caseId = kase.json().id;
    // The problem's school must be the case's school; an unknown severity is refused by the ledger.
    const wrongSchool = await t.as.countyAdmin.request('POST', `${V}/ledger/problem`, {
      schoolId: t.fx.schools.b,
      title: '饭菜偏咸',
      caseId,
    });
    expect(wrongSchool.statusCode).toBe(400);
    const badSeverity = await t.as.principalA.request('POST', `${V}/ledger/problem`, {
      schoolId: t.fx.schools.a,
      title: '饭菜偏咸',
      caseId,
      severity: '特别严重',
    });
    expect(badSeverity.statusCode).toBe(400);
    const fromCase = await t.as.principalA.request('POST', `${V}/ledger/problem`, {
      schoolId: t.fx.schools.a,
      title: '饭菜偏咸',
      detail: '家长反映午餐偏咸',
      caseId,
      severity: '轻微',
    });
    expect(fromCase.statusCode).toBe(201);
    // A school cannot raise for another school.
    expect(
      (await t.as.principalB.request('POST', `${V}/ledger/problem`, { schoolId: t.fx.schools.a, title: 'x' }))
        .statusCode,
    ).toBe(403);
    // A problem raised by the inspectors in the ledger shows in the same list.
    const fromInspection = await t.as.countyAdmin.request('POST', '/api/v1/inspections/problems', {
      schoolId: t.fx.schools.a,
      category: '安全',
      severity: '重大',
      description: '消防通道堵塞',
    });
    expect(fromInspection.statusCode).toBe(200);
    const rows = await t.db
      .selectFrom('insp_problems')
      .select(['id', 'source_module', 'source_ref', 'severity', 'category', 'status'])
      .where('id', 'in', [fromSurvey.json().id, fromCase.json().id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.source_module, r.source_ref, r.severity, r.category, r.status])).toEqual([
      ['surveys', `campaign:${campaignId}/dimension:学业负担`, '一般', '满意度测评', 'found'],
      ['cases', `case:${caseId}`, '轻微', '食堂', 'found'],
    ]);
    const list = (await t.as.teacherA.request('GET', `${V}/ledger/problem`)).json().items;
    expect(list.map((i: { title: string; sourceModule: string }) => [i.sourceModule, i.title])).toEqual([
      ['inspections', '消防通道堵塞'],
      ['cases', '饭菜偏咸：家长反映午餐偏咸'],
      ['surveys', '学业负担满意率偏低'],
    ]);
    expect((await t.as.principalB.request('GET', `${V}/ledger/problem`)).json().items).toHaveLength(0);
    // Steps go through the ledger (order → answer → verify → 销号), not the list.
    const step = await t.as.principalA.request('POST', `${V}/ledger/problem/${fromCase.json().id}/steps`, {
      step: 'resolve',
      note: '已调整',
    });
    expect(step.json().error.message).toContain('问题整改台账');
  });
});
