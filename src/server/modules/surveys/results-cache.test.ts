import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveScope } from '../../platform/auth/scope.js';
import { loadUser } from '../../platform/auth/session.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import type { FixtureRole } from '../org/testing-fixture.js';
import { campaignResults } from './results.js';

/**
 * The cached results path (results-cache.ts) gives exactly what a fresh computation over the answers gives — for a
 * county-wide caller, a principal and a 班主任, with the change column from a previous round — and a new answer
 * (stored by any node: here straight into the table) is in the very next result.
 */
let t: OrgTestContext;
const V = '/api/v1/surveys';
const SCALE = ['满意', '满意', '基本满意', '不满意', '不了解'];

beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

async function authOf(role: FixtureRole): Promise<AuthContext> {
  const user = (await loadUser(t.db, t.fx.countyId, t.fx.users[role].id))!;
  return { user, csrfToken: '', tokenHash: '', scope: await resolveScope(t.db, user) };
}

/** Deterministic answers in every unit of the campaign (varied, with 不了解; every third unit small: 3–13). */
async function seedAnswers(campaignId: number, seed: number) {
  const units = await t.db
    .selectFrom('survey_units')
    .select(['id', 'school_id', 'class_id'])
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute();
  const rows = units.flatMap((u, k) =>
    Array.from({ length: (k % 3 === 2 ? 3 : 10) + ((k * 7 + seed) % 11) }, (_, i) => {
      const v = (n: number) => SCALE[(i * n + k + seed) % SCALE.length];
      return {
        county_id: t.fx.countyId,
        campaign_id: campaignId,
        unit_id: u.id,
        school_id: u.school_id,
        class_id: u.class_id,
        answers: JSON.stringify({
          overall: v(3),
          dims: { ethics: v(1), teaching: v(2), burden: v(5), service: v(7), safety: v(11) },
          ...(i % 4 === 0 ? { comment: '作业有点多' } : {}),
        }),
        submitted_on: '2026-11-23',
      };
    }),
  );
  await t.db.insertInto('survey_responses').values(rows).execute();
}

describe('results cache', () => {
  let current: number;
  it('serves the same results as a fresh computation, and a new answer at once', async () => {
    const admin = t.as.countyAdmin;
    const defs = (await admin.request('GET', `${V}/definitions`)).json();
    const survey = defs.items.find((d: { templateKey: string }) => d.templateKey === 'parent').id;
    const open = (title: string, previousCampaignId?: number) =>
      admin.request('POST', `${V}/campaigns`, {
        surveyId: survey,
        title,
        schoolIds: [t.fx.schools.a, t.fx.schools.b, t.fx.schools.c, t.fx.schools.d],
        mode: 'open',
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        ...(previousCampaignId ? { previousCampaignId } : {}),
      });
    const prev = (await open('上一轮')).json().id;
    current = (await open('本轮', prev)).json().id;
    await seedAnswers(prev, 1);
    await seedAnswers(current, 2);

    for (const role of ['countyAdmin', 'principalA', 'headTeacherA'] as const) {
      const auth = await authOf(role);
      const fresh = await campaignResults(t.db, auth, current, { countyName: '测试县', cache: false });
      const cold = await campaignResults(t.db, auth, current, { countyName: '测试县' });
      const warm = await campaignResults(t.db, auth, current, { countyName: '测试县' });
      expect(cold).toEqual(fresh);
      expect(warm).toEqual(fresh);
      expect(fresh.groups.length).toBeGreaterThan(0);
    }
    const auth = await authOf('countyAdmin');
    const before = await campaignResults(t.db, auth, current, { countyName: '测试县' });
    expect(before.changes.some((c) => c.change !== null)).toBe(true);
    // Through the route too (its JSON is the computed object's).
    const viaHttp = (await t.as.countyAdmin.request('GET', `${V}/campaigns/${current}/results`)).json();
    const fresh = await campaignResults(t.db, auth, current, { countyName: '测试县', cache: false });
    expect(viaHttp.groups).toEqual(JSON.parse(JSON.stringify(fresh.groups)));

    // New answers in both rounds: the cached path follows at once.
    await seedAnswers(current, 3);
    await seedAnswers(prev, 4);
    const after = await campaignResults(t.db, auth, current, { countyName: '测试县' });
    const recomputed = await campaignResults(t.db, auth, current, { countyName: '测试县', cache: false });
    expect(after).toEqual(recomputed);
    const county = (r: typeof after) => r.groups.find((g) => g.level === 'county')!.respondents;
    expect(county(after)).toBeGreaterThan(county(before)!);
    expect(after.changes).not.toEqual(before.changes);
  });
});
