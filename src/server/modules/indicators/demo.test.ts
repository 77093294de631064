import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { seedIndicatorsDemo } from './demo.js';

let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
  await seedIndicatorsDemo(t.db, t.fx.countyId);
});
afterAll(() => t.close());

describe('the demo plans', () => {
  it('seed a bureau 提升年 plan with the four phases, goals from the library, tasks for every school and a school plan', async () => {
    const plans = (await t.as.countyAdmin.request('GET', '/api/v1/indicators/plans')).json().items;
    expect(plans).toHaveLength(2);
    const bureau = plans.find((p: { ownerLevel: string }) => p.ownerLevel === 'county');
    const view = (await t.as.countyAdmin.request('GET', `/api/v1/indicators/plans/${bureau.id}`)).json();
    expect(view.phases.map((p: { name: string }) => p.name)).toEqual(['组织发动', '全面实施', '整改深化', '总结表彰']);
    expect(view.goals.length).toBe(6);
    const tier1 = view.goals.find((g: { code: string }) => g.code === 'gaokao-tier1-rate');
    expect(tier1).toMatchObject({ value: 0.083, target: 0.08, status: 'green' });
    const pass = view.goals.find((g: { code: string }) => g.code === 'primary-grad-pass-rate');
    expect(pass).toMatchObject({ target: 0.855, baseline: 0.82 });
    const weekly = view.tasks.find((x: { title: string }) => x.title === '每周工作进展报送');
    expect(weekly.units).toHaveLength(4);
    expect(weekly.recurrence).toMatchObject({ kind: 'weekly', weekday: 4, time: '17:00' });
    const school = (await t.as.principalB.request('GET', '/api/v1/indicators/plans')).json().items;
    expect(school.map((p: { ownerLevel: string }) => p.ownerLevel).sort()).toEqual(['county']);
  });
});
