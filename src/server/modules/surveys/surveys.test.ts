import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_PARENT } from '../../../common/surveys/templates.js';
import { readDocx } from '../../platform/documents/read-docx.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';

/**
 * The survey loop through the API: definitions (builder rules, JSON export/import), a campaign of school A (one
 * unit per class, eligible = students 在读), the public endpoints (open link, roster codes, every kind of bad
 * input refused whole), anonymity of the stored rows, coverage and results with small-group suppression.
 */
let t: OrgTestContext;
const V = '/api/v1/surveys';
let ip = 0;
/** A public request from its own address (the per-client limit is tested on its own at the end). */
const pub = (
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  remoteAddress = `10.1.${(ip >> 8) & 255}.${ip++ & 255}`,
) => t.app.inject({ method, url, payload: payload as object, remoteAddress });

const dims = (v: string) => ({ ethics: v, teaching: v, burden: v, service: v, safety: v });
const answer = (overall: string, extra: Record<string, unknown> = {}) => ({ overall, dims: dims('满意'), ...extra });

let parentSurvey: number;
let openCampaign: number;
const links = new Map<number, string>();

beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

describe('survey definitions', () => {
  it('seeds the four templates, refuses a broken definition and round-trips JSON', async () => {
    const list = await t.as.principalA.request('GET', `${V}/definitions`);
    expect(list.json().items.map((s: { templateKey: string }) => s.templateKey)).toEqual([
      'parent',
      'student',
      'teacher',
      'homework',
    ]);
    parentSurvey = list.json().items[0].id;
    const bad = await t.as.principalA.request('POST', `${V}/definitions`, {
      definition: {
        title: 'x',
        audience: 'parents',
        questions: [{ id: 'a', kind: 'single', title: 'q', options: ['1'] }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('第 1 题至少需要两个选项');
    const exported = await t.as.teacherA.request('GET', `${V}/definitions/${parentSurvey}/export`);
    expect(exported.headers['content-disposition']).toContain('.survey.json');
    expect(JSON.parse(exported.body)).toEqual(TEMPLATE_PARENT);
    const imported = await t.as.principalA.request('POST', `${V}/definitions`, {
      definition: JSON.parse(exported.body),
    });
    expect(imported.statusCode).toBe(201);
    const back = await t.as.principalA.request('GET', `${V}/definitions/${imported.json().id}`);
    expect(back.json().definition).toEqual(TEMPLATE_PARENT);
    expect(await t.as.teacherA.request('POST', `${V}/definitions`, { definition: TEMPLATE_PARENT })).toHaveProperty(
      'statusCode',
      403,
    );
  });
});

describe('campaigns and the public endpoints', () => {
  const window = () => ({
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

  it('opens a campaign with one unit per class of the school; only for managed schools', async () => {
    const denied = await t.as.principalB.request('POST', `${V}/campaigns`, {
      surveyId: parentSurvey,
      title: '家长测评',
      schoolIds: [t.fx.schools.a],
      mode: 'open',
      ...window(),
    });
    expect(denied.statusCode).toBe(400);
    const res = await t.as.principalA.request('POST', `${V}/campaigns`, {
      surveyId: parentSurvey,
      title: '家长测评',
      schoolIds: [t.fx.schools.a],
      mode: 'open',
      ...window(),
    });
    expect(res.statusCode).toBe(201);
    openCampaign = res.json().id;
    expect(res.json().units).toBe(3);
    const detail = (await t.as.principalA.request('GET', `${V}/campaigns/${openCampaign}`)).json();
    const eligible = Object.fromEntries(
      detail.units.map((u: { classId: number; eligible: number }) => [u.classId, u.eligible]),
    );
    // a31 has three students 在读 and one 休学 (not eligible).
    expect(eligible).toEqual({ [t.fx.classes.a31]: 3, [t.fx.classes.a32]: 2, [t.fx.classes.a41]: 2 });
    for (const u of detail.units) links.set(u.classId, u.linkCode);
    const posters = await t.as.headTeacherA.request('GET', `${V}/campaigns/${openCampaign}/posters`);
    expect(posters.body.match(/<svg/g)).toHaveLength(1); // the 班主任 prints their own class
    expect(posters.body).toContain(`/s/?c=${links.get(t.fx.classes.a31)}`);
  });

  it('serves the form, stores a valid submission once, refuses bad input whole', async () => {
    const c = links.get(t.fx.classes.a31)!;
    const form = await pub('GET', `${V}/public/form?c=${c}`);
    expect(form.statusCode).toBe(200);
    expect(form.json().unitName).toContain('三年级(1)班');
    const nonce = randomUUID();
    const html = '<script>alert(1)</script> 食堂太贵';
    const ok = await pub('POST', `${V}/public/responses`, { c, nonce, answers: answer('满意', { comment: html }) });
    expect(ok.statusCode).toBe(201);
    const again = await pub('POST', `${V}/public/responses`, { c, nonce, answers: answer('满意', { comment: html }) });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    const bad = [
      [{ c, nonce: randomUUID(), answers: { ...answer('满意'), nope: 1 } }, '不在问卷中'],
      [{ c, nonce: randomUUID(), answers: { ...answer('满意'), unsatisfied_reason: '远' } }, '不应作答'],
      [{ c, nonce: randomUUID(), answers: { overall: '满意' } }, '是必答题'],
      [{ c, nonce: randomUUID(), answers: answer('很满意') }, '不在量表范围内'],
      [{ c, nonce: randomUUID(), answers: answer('满意', { comment: 'x'.repeat(1001) }) }, '文字过长'],
      [{ c: 'ZZZZZZZZZZ', nonce: randomUUID(), answers: answer('满意') }, '链接或填写码无效'],
      [{ c, nonce: 'not-a-uuid', answers: answer('满意') }, ''],
    ] as const;
    for (const [body, text] of bad) {
      const res = await pub('POST', `${V}/public/responses`, body);
      expect(res.statusCode, text).toBeGreaterThanOrEqual(400);
      expect(res.json().error.message).toContain(text);
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: `${V}/public/responses`,
      headers: { 'content-type': 'application/json' },
      payload: '{"c": "x", ',
      remoteAddress: '10.9.9.9',
    });
    expect(malformed.statusCode).toBe(400);
    const rows = await t.db
      .selectFrom('survey_responses')
      .selectAll()
      .where('campaign_id', '=', openCampaign)
      .execute();
    expect(rows).toHaveLength(1);
    expect((rows[0].answers as { comment: string }).comment).toBe(html); // stored as text, as typed
    // Anonymity: the answer row has the unit and the day, nothing about the person.
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['answers', 'campaign_id', 'class_id', 'county_id', 'id', 'school_id', 'submitted_on', 'unit_id'].sort(),
    );
  });

  it('roster codes: one per family, printed once, single use; forged and reused codes refused', async () => {
    const res = await t.as.principalA.request('POST', `${V}/campaigns`, {
      surveyId: parentSurvey,
      title: '家长测评（填写码）',
      schoolIds: [t.fx.schools.a],
      gradeLevels: [3],
      mode: 'tokens',
      ...window(),
    });
    expect(res.json().units).toBe(2);
    const id = res.json().id;
    const slips = await t.as.principalA.request('POST', `${V}/campaigns/${id}/tokens`, {});
    const codes = [...slips.body.matchAll(/class="code">([A-Z0-9]{5})-([A-Z0-9]{5})</g)].map((m) => m[1] + m[2]);
    expect(codes).toHaveLength(5); // a31: 3 families, a32: 2
    const stored = await t.db.selectFrom('survey_tokens').selectAll().where('campaign_id', '=', id).execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(codes[0]);
    expect(Object.keys(stored[0]).sort()).toEqual(['campaign_id', 'code_hash', 'county_id', 'unit_id', 'used']);
    const first = await pub('POST', `${V}/public/responses`, {
      t: codes[0],
      nonce: randomUUID(),
      answers: answer('基本满意'),
    });
    expect(first.statusCode).toBe(201);
    const reuse = await pub('POST', `${V}/public/responses`, {
      t: codes[0],
      nonce: randomUUID(),
      answers: answer('满意'),
    });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().error.message).toContain('已经使用过');
    expect((await pub('GET', `${V}/public/form?t=${codes[0]}`)).statusCode).toBe(409);
    // A typed code with the slip's dash and lower case works.
    const typed = `${codes[1].slice(0, 5).toLowerCase()}-${codes[1].slice(5)}`;
    expect((await pub('GET', `${V}/public/form?t=${typed}`)).statusCode).toBe(200);
    expect(
      (await pub('POST', `${V}/public/responses`, { t: 'ABCDEFGHJK', nonce: randomUUID(), answers: answer('满意') }))
        .statusCode,
    ).toBe(404);
    // An invalid answer leaves the code unused (nothing stored half).
    const invalid = await pub('POST', `${V}/public/responses`, {
      t: codes[1],
      nonce: randomUUID(),
      answers: { overall: '满意' },
    });
    expect(invalid.statusCode).toBe(400);
    const used = await t.db.selectFrom('survey_tokens').select('used').where('campaign_id', '=', id).execute();
    expect(used.filter((u) => u.used)).toHaveLength(1);
    expect(await t.db.selectFrom('survey_responses').select('id').where('campaign_id', '=', id).execute()).toHaveLength(
      1,
    );
  });

  it('refuses a closed campaign', async () => {
    const res = await t.as.principalA.request('POST', `${V}/campaigns`, {
      surveyId: parentSurvey,
      title: '已结束',
      schoolIds: [t.fx.schools.a],
      mode: 'open',
      opensAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      closesAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const detail = (await t.as.principalA.request('GET', `${V}/campaigns/${res.json().id}`)).json();
    const c = detail.units[0].linkCode;
    const r = await pub('POST', `${V}/public/responses`, { c, nonce: randomUUID(), answers: answer('满意') });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe('本次测评已结束');
  });
});

describe('coverage and results', () => {
  it('counts coverage per class and school, each caller within their scope', async () => {
    // a31: 11 more (12 in all: 8 满意, 2 基本满意, 1 不满意, 1 不了解); a32: 11 不满意; a41: 3 满意.
    const plan: [number, string[]][] = [
      [t.fx.classes.a31, [...Array(7).fill('满意'), '基本满意', '基本满意', '不满意', '不了解']],
      [t.fx.classes.a32, Array(11).fill('不满意')],
      [t.fx.classes.a41, Array(3).fill('满意')],
    ];
    for (const [cls, overalls] of plan)
      for (const o of overalls) {
        const r = await pub('POST', `${V}/public/responses`, {
          c: links.get(cls),
          nonce: randomUUID(),
          answers: answer(o),
        });
        expect(r.statusCode).toBe(201);
      }
    const principal = (await t.as.principalA.request('GET', `${V}/campaigns/${openCampaign}`)).json();
    expect(principal.total).toEqual({ eligible: 7, respondents: 26, coverage: 26 / 7 });
    const head = (await t.as.headTeacherA.request('GET', `${V}/campaigns/${openCampaign}`)).json();
    expect(head.units.map((u: { classId: number }) => u.classId)).toEqual([t.fx.classes.a31]);
    expect((await t.as.principalB.request('GET', `${V}/campaigns/${openCampaign}`)).statusCode).toBe(403);
  });

  it('computes rates by hand-checked counts and suppresses small and revealing groups', async () => {
    const r = (await t.as.principalA.request('GET', `${V}/campaigns/${openCampaign}/results`)).json();
    const school = r.groups.find((g: { level: string }) => g.level === 'school');
    // Item "overall" over school A: 满意 8 + 3 = 11, 基本满意 2, 不满意 1 + 11 = 12, 不了解 1.
    const overall = school.items.overall;
    expect([overall.satisfied, overall.basicallySatisfied, overall.dissatisfied, overall.unknown]).toEqual([
      11, 2, 12, 1,
    ]);
    expect(overall.rate).toBeCloseTo(13 / 25, 12);
    expect(overall.unknownShare).toBeCloseTo(1 / 26, 12);
    // Index of the item: (11·100 + 2·50 + 12·0) / 25 = 48.
    expect(overall.index).toBeCloseTo(48, 12);
    const classes = Object.fromEntries(
      r.groups
        .filter((g: { level: string }) => g.level === 'class')
        .map((g: { id: string; name: string; suppressed: boolean }) => [g.name.split(' ')[1], g.suppressed]),
    );
    // a41 (3) is under 10; a32 (11) is withheld too, or school − a31 would give a41 away.
    expect(classes).toEqual({ '三年级(1)班': false, '三年级(2)班': true, '四年级(1)班': true });
    const a31 = r.groups.find((g: { name: string }) => g.name.endsWith('三年级(1)班'));
    expect(a31.items.overall.rate).toBeCloseTo(10 / 11, 12);
    expect(r.ranking.all.map((x: { name: string }) => x.name)).toEqual([school.name]);
    // The 班主任 sees their class, never a "school" made of it.
    const head = (await t.as.headTeacherA.request('GET', `${V}/campaigns/${openCampaign}/results`)).json();
    expect(head.groups.map((g: { level: string }) => g.level)).toEqual(['class']);
  });

  it('finds comments by keyword and exports the workbook', async () => {
    const found = (await t.as.principalA.request('GET', `${V}/campaigns/${openCampaign}/comments?q=食堂`)).json();
    expect(found.items).toEqual([expect.objectContaining({ text: '<script>alert(1)</script> 食堂太贵' })]);
    const none = (await t.as.principalA.request('GET', `${V}/campaigns/${openCampaign}/comments?q=校车`)).json();
    expect(none.total).toBe(0);
    const x = await t.as.principalA.request('GET', `${V}/campaigns/${openCampaign}/export`);
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('writes the bulletin with the published figures only', async () => {
    const res = await t.as.principalA.request('GET', `${V}/campaigns/${openCampaign}/bulletin`);
    expect(res.statusCode).toBe(200);
    const doc = await readDocx(res.rawPayload);
    expect(doc.text).toContain('家长测评情况通报');
    expect(doc.text).toContain('三、学校排名');
    expect(doc.text).toContain('实验小学');
    expect(doc.footnotes).toContain('不了解”不计入分母');
  });

  it('cuts off a flood from one client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 70; i++)
      codes.push(
        (await pub('POST', `${V}/public/responses`, { c: 'x', nonce: randomUUID(), answers: {} }, '10.99.0.1'))
          .statusCode,
      );
    expect(codes.filter((c) => c === 429)).toHaveLength(10);
    const r = await pub('POST', `${V}/public/responses`, { c: 'x', nonce: randomUUID(), answers: {} }, '10.99.0.1');
    expect(r.json().error.message).toBe('提交过于频繁，请稍后再试');
  });
});
