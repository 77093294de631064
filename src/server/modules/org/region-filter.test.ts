import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';

/** The org picker's 学区 narrows every school-level list to the schools of that region's subtree. */
let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

describe.each(['students', 'staff', 'classes', 'guardians', 'teaching-assignments'])('%s?regionId', (entity) => {
  it('lists only rows of schools in the region, and the two 学区 together make the whole county', async () => {
    const schoolsOf = async (regionId: number) =>
      (
        await t.db
          .selectFrom('schools')
          .select('id')
          .where('county_id', '=', t.fx.countyId)
          .where('region_id', '=', regionId)
          .execute()
      ).map((s) => s.id);
    const get = async (query: string) =>
      (await t.as.countyAdmin.request('GET', `${API}/${entity}?pageSize=500${query}`)).json() as {
        items: { schoolId: number | null }[];
        total: number;
      };
    const east = await get(`&regionId=${t.fx.regions.east}`);
    const west = await get(`&regionId=${t.fx.regions.west}`);
    const all = await get('');
    const eastSchools = await schoolsOf(t.fx.regions.east);
    expect(east.total).toBeGreaterThan(0);
    expect(east.items.every((i) => eastSchools.includes(i.schoolId!))).toBe(true);
    expect(west.items.some((i) => eastSchools.includes(i.schoolId!))).toBe(false);
    // Bureau staff belong to no school and so to neither 学区.
    const unplaced = all.items.filter((i) => i.schoolId == null).length;
    expect(east.total + west.total + unplaced).toBe(all.total);
  });
});
