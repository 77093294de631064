import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_HOMEWORK } from '../../../common/surveys/templates.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { hashCode, newCode } from './codes.js';
import { type Submission, storeBatch } from './store-batch.js';

/** A batch stores each submission whole or not at all: fresh ones stored, retries and used codes not, races fall back. */
let t: OrgTestContext;
let base: Omit<Submission, 'nonce' | 'answers' | 'tokenHash'>;
beforeAll(async () => {
  t = await setupOrgTest();
  const s = await t.db
    .insertInto('survey_definitions')
    .values({
      county_id: t.fx.countyId,
      title: 'h',
      audience: 'parents',
      definition: JSON.stringify(TEMPLATE_HOMEWORK),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c = await t.db
    .insertInto('survey_campaigns')
    .values({
      county_id: t.fx.countyId,
      survey_id: s.id,
      title: 'h',
      audience: 'parents',
      definition: JSON.stringify(TEMPLATE_HOMEWORK),
      mode: 'tokens',
      school_ids: [t.fx.schools.a],
      opens_at: new Date(Date.now() - 1000),
      closes_at: new Date(Date.now() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u = await t.db
    .insertInto('survey_units')
    .values({
      county_id: t.fx.countyId,
      campaign_id: c.id,
      school_id: t.fx.schools.a,
      class_id: t.fx.classes.a31,
      eligible: 3,
      link_code: newCode(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  base = {
    countyId: t.fx.countyId,
    campaignId: c.id,
    unitId: u.id,
    schoolId: t.fx.schools.a,
    classId: t.fx.classes.a31,
  };
});
afterAll(async () => t.close());

async function token(): Promise<string> {
  const h = hashCode(newCode());
  await t.db
    .insertInto('survey_tokens')
    .values({ county_id: t.fx.countyId, code_hash: h, campaign_id: base.campaignId, unit_id: base.unitId })
    .execute();
  return h;
}
const count = async () =>
  (await t.db.selectFrom('survey_responses').select('id').where('campaign_id', '=', base.campaignId).execute()).length;

describe('batched submissions', () => {
  it('stores fresh ones, answers retries as duplicates and refuses used codes, in one statement', async () => {
    const [a, b, c] = [await token(), await token(), await token()];
    const first = { ...base, nonce: randomUUID(), answers: { minutes: 10 }, tokenHash: a };
    expect(
      await storeBatch(t.db, [first, { ...base, nonce: randomUUID(), answers: { minutes: 20 }, tokenHash: b }]),
    ).toEqual(['stored', 'stored']);
    const out = await storeBatch(t.db, [
      first, // a retry of a stored one
      { ...base, nonce: randomUUID(), answers: { minutes: 30 }, tokenHash: a }, // code a reused
      { ...base, nonce: randomUUID(), answers: { minutes: 40 }, tokenHash: c },
      { ...base, nonce: randomUUID(), answers: { minutes: 50 } }, // an open-link one
    ]);
    expect(out).toEqual(['duplicate', 'token_used', 'stored', 'stored']);
    expect(await count()).toBe(4);
    const used = await t.db
      .selectFrom('survey_tokens')
      .select('used')
      .where('campaign_id', '=', base.campaignId)
      .execute();
    expect(used.every((u) => u.used)).toBe(true);
  });

  it('stores a submission that comes twice in one batch once', async () => {
    const d = await token();
    const nonce = randomUUID();
    const out = await storeBatch(t.db, [
      { ...base, nonce, answers: { minutes: 1 }, tokenHash: d },
      { ...base, nonce, answers: { minutes: 1 }, tokenHash: d },
    ]);
    expect([...out].sort()).toEqual(['duplicate', 'stored']);
    expect(await count()).toBe(5);
  });

  it('falls back to one by one when two open-link submissions share a nonce (the receipt key), storing it once', async () => {
    const nonce = randomUUID();
    const out = await storeBatch(t.db, [
      { ...base, nonce, answers: { minutes: 2 } },
      { ...base, nonce, answers: { minutes: 2 } },
      { ...base, nonce: randomUUID(), answers: { minutes: 3 } },
    ]);
    expect(out).toEqual(['stored', 'duplicate', 'stored']);
    expect(await count()).toBe(7);
  });
});
