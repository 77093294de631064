import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/calendar/dates.js';
import { readDocx } from '../../platform/documents/read-docx.js';
import { type Client, signIn } from '../../testing/app.js';
import { todayInChina } from '../org/shared.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { runReminders } from './workers.js';

const API = '/api/v1/inspections';
let ctx: OrgTestContext;
const today = todayInChina();

beforeAll(async () => {
  ctx = await setupOrgTest();
});
afterAll(async () => {
  await ctx?.close();
});

/** A multipart upload of one file through app.inject. */
async function upload(c: Client, schoolId: number, name: string, content: Buffer) {
  const boundary = '----tisheng-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', `${API}/files?schoolId=${schoolId}`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

async function templateId(c: Client, title: string): Promise<number> {
  const res = await c.request('GET', `${API}/templates`);
  expect(res.statusCode).toBe(200);
  return res.json().items.find((t: { title: string }) => t.title === title).id;
}

describe('templates', () => {
  it('seeds the library, published; editing a published version makes the next version', async () => {
    const { as } = ctx;
    const list = (await as.inspector.request('GET', `${API}/templates`)).json().items;
    expect(list.length).toBe(7);
    expect(list.every((t: { status: string }) => t.status === 'published')).toBe(true);
    const busId = await templateId(as.inspector, '校车安全检查表');
    const v1 = (await as.inspector.request('GET', `${API}/templates/${busId}`)).json();
    expect(v1.issues).toEqual([]);
    // A published version cannot change, through the API or in the database.
    const put = await as.inspector.request('PUT', `${API}/templates/${busId}`, {
      category: v1.category,
      body: v1.body,
    });
    expect(put.statusCode).toBe(409);
    await expect(sql`UPDATE insp_templates SET title = 'x' WHERE id = ${busId}`.execute(ctx.db)).rejects.toThrow(
      /immutable/,
    );
    const rev = await as.inspector.request('POST', `${API}/templates/${busId}/revise`);
    expect(rev.statusCode).toBe(200);
    const v2id = rev.json().id;
    const again = await as.inspector.request('POST', `${API}/templates/${busId}/revise`);
    expect(again.statusCode).toBe(409);
    const body = { ...v1.body, title: '校车安全检查表（修订）' };
    expect((await as.inspector.request('PUT', `${API}/templates/${v2id}`, { category: '校车', body })).statusCode).toBe(
      200,
    );
    expect((await as.inspector.request('POST', `${API}/templates/${v2id}/publish`)).statusCode).toBe(200);
    const v2 = (await as.inspector.request('GET', `${API}/templates/${v2id}`)).json();
    expect([v2.version, v2.familyId, v2.body.title]).toEqual([2, busId, '校车安全检查表（修订）']);
    // The lowest band keeps "no minimum" (null), not 0.
    expect(v2.body.grades.at(-1)).toEqual({ label: '不合格', min: null });
    expect((await as.inspector.request('GET', `${API}/templates/${busId}`)).json().body.title).toBe('校车安全检查表');
    // Teachers have no access; a principal reads.
    expect((await as.teacherA.request('GET', `${API}/templates`)).statusCode).toBe(403);
    expect((await as.principalA.request('POST', `${API}/templates/${busId}/revise`)).statusCode).toBe(403);
  });

  it('round-trips a template through Excel', async () => {
    const { as } = ctx;
    const id = await templateId(as.inspector, '义务教育现代化学校创建自评标准');
    const xlsx = await as.inspector.request('GET', `${API}/templates/${id}/export`);
    expect(xlsx.statusCode).toBe(200);
    const boundary = '----x';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.xlsx"\r\n\r\n`),
      xlsx.rawPayload,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const imp = await as.inspector.request('POST', `${API}/templates/import`, payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(imp.statusCode).toBe(200);
    expect(imp.json().issues).toEqual([]);
    const [a, b] = await Promise.all(
      [id, imp.json().id].map(async (x) => (await as.inspector.request('GET', `${API}/templates/${x}`)).json().body),
    );
    expect(b).toEqual(a);
  });
});

describe('a visit, scoring and the ledger', () => {
  let visitId: number;
  let photo: number;

  it('plans a visit; an unannounced visit is hidden from the school before its first day', async () => {
    const { as, fx } = ctx;
    const canteen = await templateId(as.inspector, '学校食堂检查表');
    const plan = {
      title: '食堂专项检查',
      kind: 'special',
      templateId: canteen,
      startsOn: today,
      endsOn: addDays(today, 7),
      unannounced: true,
      schoolIds: [fx.schools.a],
      inspectorIds: [fx.users.inspector.id, fx.users.countyAdmin.id],
    };
    expect(
      (await as.inspector.request('POST', `${API}/plans`, { ...plan, schoolIds: [fx.schools.b] })).statusCode,
    ).toBe(400);
    expect(
      (await as.inspector.request('POST', `${API}/plans`, { ...plan, endsOn: addDays(today, -1) })).statusCode,
    ).toBe(400);
    expect((await as.principalA.request('POST', `${API}/plans`, plan)).statusCode).toBe(403);
    const res = await as.inspector.request('POST', `${API}/plans`, plan);
    expect(res.statusCode).toBe(200);
    visitId = res.json().visitIds[0];
    const later = await as.inspector.request('POST', `${API}/plans`, {
      ...plan,
      title: '下周突击检查',
      startsOn: addDays(today, 7),
      endsOn: addDays(today, 8),
    });
    const hidden = later.json().visitIds[0];
    const seen = (await as.principalA.request('GET', `${API}/visits`)).json().items.map((v: { id: number }) => v.id);
    expect(seen).toContain(visitId);
    expect(seen).not.toContain(hidden);
    expect((await as.principalA.request('GET', `${API}/visits/${hidden}`)).statusCode).toBe(404);
    expect((await as.principalB.request('GET', `${API}/visits/${visitId}`)).statusCode).toBe(403);
    expect((await as.inspector.request('GET', `${API}/visits/${hidden}`)).statusCode).toBe(200);
  });

  it('checks uploads by content and size', async () => {
    const { as, fx } = ctx;
    const ok = await upload(as.inspector, fx.schools.a, 'canteen.png', PNG);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mime).toBe('image/png');
    photo = ok.json().id;
    const txt = await upload(as.inspector, fx.schools.a, 'evil.png', Buffer.from('hello, not an image'));
    expect(txt.statusCode).toBe(400);
    expect(txt.json().error.message).toContain('只能上传图片');
    const big = await upload(
      as.inspector,
      fx.schools.a,
      'big.png',
      Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]),
    );
    expect(big.statusCode).toBe(400);
    expect(big.json().error.message).toContain('文件过大');
    expect((await upload(as.principalB, fx.schools.a, 'x.png', PNG)).statusCode).toBe(403);
  });

  const full = (a21: number, a51: number, evidence: number[]) => ({
    'A1.1': { pass: true, evidence },
    'A1.2': { pass: true },
    'A2.1': { points: a21, evidence },
    'A2.2': { pass: true },
    'A3.1': { pass: true },
    'A3.2': { pass: false, note: '灭火器过期' },
    'A4.1': { pass: true },
    'A5.1': { points: a51 },
  });

  it('refuses bad sheets: out of range, missing photo, veto blank, stale revision', async () => {
    const { as } = ctx;
    const put = (answers: object, revision: number) =>
      as.inspector.request('PUT', `${API}/visits/${visitId}/sheet`, { answers, revision });
    const range = await put({ 'A2.1': { points: 16 } }, 0);
    expect(range.statusCode).toBe(400);
    expect(range.json().error.message).toContain('超出范围');
    const draft = await put({ 'A2.1': { points: 12 } }, 0);
    expect(draft.statusCode).toBe(200);
    expect(draft.json().revision).toBe(1);
    expect((await put({ 'A2.1': { points: 11 } }, 0)).statusCode).toBe(409);
    const submit = (answers: object, revision: number) =>
      as.inspector.request('POST', `${API}/visits/${visitId}/sheet/submit`, { answers, revision });
    const noPhoto = await submit(full(12, 8, []), 1);
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.message).toContain('缺少佐证材料');
    const { 'A4.1': _veto, ...vetoBlank } = full(12, 8, [photo]);
    const blank = await submit(vetoBlank, 1);
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.message).toContain('A4.1');
    // Someone not named on the plan cannot score.
    expect(
      (await as.districtLeader.request('PUT', `${API}/visits/${visitId}/sheet`, { answers: {}, revision: 0 }))
        .statusCode,
    ).toBe(400);
  });

  it('combines two inspectors submitting at once; a double submit of one sheet is refused', async () => {
    const { as } = ctx;
    const [a, b, again] = await Promise.all([
      as.inspector.request('POST', `${API}/visits/${visitId}/sheet/submit`, {
        answers: full(12, 8, [photo]),
        revision: 1,
      }),
      as.countyAdmin.request('POST', `${API}/visits/${visitId}/sheet/submit`, {
        answers: full(9, 10, [photo]),
        revision: 0,
      }),
      as.inspector.request('POST', `${API}/visits/${visitId}/sheet/submit`, {
        answers: full(12, 8, [photo]),
        revision: 1,
      }),
    ]);
    // The countyAdmin's sheet goes in; of the inspector's two identical submits exactly one wins.
    expect(b.statusCode).toBe(200);
    expect([a.statusCode, again.statusCode].sort()).toEqual([200, 409]);
    const r = (await as.inspector.request('GET', `${API}/visits/${visitId}/result`)).json();
    // Inspector: 15+15+12+10+15+0+10+8 = 85; admin: 15+15+9+10+15+0+10+10 = 84; mean 84.5 → 良好 (≥ 80).
    expect(r.result.total).toBe(84.5);
    expect(r.result.grade).toBe('良好');
    expect(r.result.combined.nodes['A2.1']).toMatchObject({ mean: 10.5, min: 9, max: 12, range: 3, flagged: false });
    expect(r.result.findings).toEqual([
      { code: 'A3.2', title: '燃气、消防设施完好', reason: 'failed', ratio: 0, count: 2 },
    ]);
    // Not published: the school does not see it yet.
    expect((await as.principalA.request('GET', `${API}/visits/${visitId}/result`)).statusCode).toBe(404);
  });

  it('publishes; the school objects within the window and gets a decision', async () => {
    const { as } = ctx;
    expect((await as.inspector.request('POST', `${API}/visits/${visitId}/publish`)).json().objectionUntil).toBe(
      addDays(today, 15),
    );
    expect((await as.principalA.request('GET', `${API}/visits/${visitId}/result`)).statusCode).toBe(200);
    expect(
      (await as.principalA.request('POST', `${API}/visits/${visitId}/objection`, { reason: '灭火器已于当日更换' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await as.principalA.request('POST', `${API}/visits/${visitId}/objection`, { reason: '再次' })).statusCode,
    ).toBe(409);
    expect(
      (
        await as.inspector.request('POST', `${API}/visits/${visitId}/objection/decide`, {
          upheld: false,
          decision: '检查时未更换，维持结果',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('runs the ledger: finding → order → answer → rejected → answer → 回头看 → 销号 → reopen', async () => {
    const { as, db, fx } = ctx;
    const f = await as.inspector.request('POST', `${API}/visits/${visitId}/findings`, {
      code: 'A3.2',
      category: '食品卫生',
      severity: '一般',
      description: '食堂灭火器过期',
    });
    expect(f.statusCode).toBe(200);
    const id = f.json().id;
    const dup = await as.inspector.request('POST', `${API}/visits/${visitId}/findings`, {
      code: 'A3.2',
      category: '食品卫生',
      severity: '一般',
      description: '重复',
    });
    expect(dup.statusCode).toBe(409);
    const step = (c: Client, type: string, body: object) => c.request('POST', `${API}/problems/${id}/${type}`, body);
    const past = await step(as.inspector, 'order', { unit: '后勤处', person: '王主任', deadline: addDays(today, -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toContain('早于今天');
    expect((await step(as.principalA, 'order', { unit: '后勤处', person: '王主任' })).statusCode).toBe(403);
    const order = await step(as.inspector, 'order', { unit: '后勤处', person: '王主任', flagged: true });
    expect(order.json()).toMatchObject({ status: 'ordered', deadline: addDays(today, 30) });
    expect((await step(as.principalB, 'respond', { report: 'x', evidence: [] })).statusCode).toBe(403);
    expect((await step(as.principalA, 'respond', { report: '已更换', evidence: [] })).statusCode).toBe(400);
    const ev = (await upload(as.principalA, fx.schools.a, 'new.png', Buffer.concat([PNG, Buffer.from('b')]))).json().id;
    expect((await step(as.principalA, 'respond', { report: '已更换灭火器', evidence: [ev] })).json().status).toBe(
      'responded',
    );
    expect((await step(as.inspector, 'verify', { fixed: false, fullyFixed: false })).statusCode).toBe(400);
    const reject = await step(as.inspector, 'verify', { fixed: true, fullyFixed: false, reason: '燃气报警器未装' });
    expect(reject.json().status).toBe('ordered');
    expect((await step(as.principalA, 'respond', { report: '已加装燃气报警器', evidence: [ev] })).json().status).toBe(
      'responded',
    );
    // 回头看: the criterion scored again; a still-failing re-score cannot close the problem.
    const stillBad = await step(as.inspector, 'verify', { fixed: true, fullyFixed: true, rescore: { pass: false } });
    expect(stillBad.statusCode).toBe(400);
    const close = await step(as.inspector, 'verify', { fixed: true, fullyFixed: true, rescore: { pass: true } });
    expect(close.json().status).toBe('closed');
    const p = (await as.principalA.request('GET', `${API}/problems/${id}`)).json().problem;
    expect([p.beforeRatio, p.afterRatio, p.flagged, p.closedOn]).toEqual([0, 1, true, today]);
    expect((await as.inspector.request('PATCH', `${API}/problems/${id}`, { description: '改' })).statusCode).toBe(400);
    expect((await step(as.inspector, 'reopen', { reason: '' })).statusCode).toBe(400);
    expect((await step(as.inspector, 'reopen', { reason: '群众再次投诉' })).json().status).toBe('ordered');
    // Self-verification: someone who is both the school's head and an inspector files the report; they cannot verify it.
    await db
      .insertInto('user_roles')
      .values({ county_id: fx.countyId, user_id: fx.users.inspector.id, role: 'school_admin', school_id: fx.schools.a })
      .execute();
    const both = await signIn(ctx.app, fx.users.inspector.username, fx.password);
    expect((await step(both, 'respond', { report: '已再次整改', evidence: [ev] })).json().status).toBe('responded');
    const self = await step(both, 'verify', { fixed: true, fullyFixed: true });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain('核验人不能是整改报告的提交人');
    await db
      .deleteFrom('user_roles')
      .where('user_id', '=', fx.users.inspector.id)
      .where('role', '=', 'school_admin')
      .execute();
    expect(
      (await step(as.countyAdmin, 'verify', { fixed: false, fullyFixed: false, reason: '复查仍有隐患' })).json().status,
    ).toBe('ordered');
    const audits = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'insp_problem')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'create',
      'order',
      'respond',
      'verify',
      'respond',
      'verify',
      'reopen',
      'respond',
      'verify',
    ]);
  });

  it('counts zone compliance against the visit-frequency rule', async () => {
    const { as, fx } = ctx;
    const zone = await as.inspector.request('POST', `${API}/zones`, {
      name: '东区责任区',
      inspectorId: fx.users.inspector.id,
      minVisits: 1,
      period: 'month',
      schoolIds: [fx.schools.a, fx.schools.d],
    });
    expect(zone.statusCode).toBe(200);
    const taken = await as.countyAdmin.request('POST', `${API}/zones`, {
      name: '另一责任区',
      inspectorId: fx.users.inspector.id,
      minVisits: 1,
      period: 'month',
      schoolIds: [fx.schools.a],
    });
    expect(taken.statusCode).toBe(409);
    // This month: A had the 食堂 visit (scored and published) → 1 ≥ 1; D none → 0 < 1, behind. The planned-only
    // unannounced visit next week does not count.
    const z = (await as.inspector.request('GET', `${API}/zones`))
      .json()
      .items.find((x: { name: string }) => x.name === '东区责任区');
    const done = Object.fromEntries(
      z.schools.map((s: { id: number; done: number; behind: boolean }) => [s.id, [s.done, s.behind]]),
    );
    expect(done).toEqual({ [fx.schools.a]: [1, false], [fx.schools.d]: [0, true] });
    expect(z.behind).toBe(1);
  });

  it('refuses a template workbook with a bad row, naming the row', async () => {
    const { as } = ctx;
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('模板').addRows([
      ['名称', '类别', '计分方式', '满分', '层级名称', '等级段', '否决等级', '适用学校类型'],
      ['坏模板', '其他', '累加', 10, '指标', '合格:6;不合格:', '', ''],
    ]);
    const c = wb.addWorksheet('指标');
    c.addRow([
      '代码',
      '名称',
      '权重',
      '评分方式',
      '满分',
      '等级',
      '达标线',
      '方向',
      '单位',
      '不合格线',
      '一票否决',
      '需佐证',
      '必填',
      '适用学校类型',
      '评分说明',
    ]);
    c.addRow(['A1', '好的', 1, '分值', 10]);
    c.addRow(['A2', '坏的', 1, '打分', 10]);
    const payload = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----y';
    const res = await as.inspector.request(
      'POST',
      `${API}/templates/import`,
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bad.xlsx"\r\n\r\n`),
        payload,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('第 3 行');
  });

  it('keeps the rules as data the county admin changes (audited)', async () => {
    const { as } = ctx;
    expect((await as.inspector.request('GET', `${API}/settings`)).json().rules.rectification.deadlineDays).toBe(30);
    expect((await as.inspector.request('PUT', `${API}/settings`, { resultObjectionDays: 10 })).statusCode).toBe(403);
    const bad = await as.countyAdmin.request('PUT', `${API}/settings`, {
      escalation: { remindDaysBefore: 3, schoolHeadAfterDays: 10, bureauAfterDays: 5 },
    });
    expect(bad.statusCode).toBe(400);
    const orphan = await as.countyAdmin.request('PUT', `${API}/settings`, { severities: ['一般', '轻微'] });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.message).toContain('整改期限中的严重程度“重大”不在严重程度列表中');
    const ok = await as.countyAdmin.request('PUT', `${API}/settings`, { resultObjectionDays: 10 });
    expect(ok.json().rules).toMatchObject({ resultObjectionDays: 10, lowRatio: 0.6 });
    const logged = await ctx.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity', '=', 'insp_settings')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const objection = (v: unknown) => (v as { resultObjectionDays: number }).resultObjectionDays;
    expect([objection(logged.before), objection(logged.after)]).toEqual([15, 10]);
    await as.countyAdmin.request('PUT', `${API}/settings`, { resultObjectionDays: 15 });
  });

  it('records reminders and escalation on a fake clock, once each', async () => {
    const { db, as } = ctx;
    const list = (await as.inspector.request('GET', `${API}/problems?status=ordered`)).json().items;
    const p = list[0];
    expect(await runReminders(db, addDays(p.deadline, -2))).toBe(1);
    expect(await runReminders(db, addDays(p.deadline, -1))).toBe(0);
    expect(await runReminders(db, addDays(p.deadline, 20))).toBe(2);
    const after = (await as.inspector.request('GET', `${API}/problems/${p.id}`)).json();
    expect(after.reminders.map((r: { kind: string }) => r.kind)).toEqual(['before', 'school_head', 'bureau']);
    expect((await as.inspector.request('GET', `${API}/problems?status=ordered`)).json().items[0].escalation).toBe(2);
  });

  it('exports the round as 督导报告 and 通报 (Word)', async () => {
    const { as } = ctx;
    const planId = (await as.inspector.request('GET', `${API}/visits`))
      .json()
      .items.find((v: { planTitle: string }) => v.planTitle === '食堂专项检查').planId;
    const report = await as.inspector.request('GET', `${API}/plans/${planId}/report`);
    expect(report.statusCode).toBe(200);
    const r = await readDocx(report.rawPayload);
    expect(r.text).toContain('食堂专项检查督导报告');
    expect(r.text).toContain('84.5');
    expect(r.media.length).toBe(1);
    const bulletin = await readDocx(
      (await as.districtLeader.request('GET', `${API}/plans/${planId}/bulletin`)).rawPayload,
    );
    expect(bulletin.text).toContain('食堂灭火器过期');
  });
});
