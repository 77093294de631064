import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';

/** 诉求 time limits as data: only the county admin saves them, incoherent rows are refused, every save audited. */
let t: OrgTestContext;
const LIMITS = '/api/v1/surveys/cases-limits';

beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

describe('case time limits', () => {
  it('refuses other roles and incoherent rows, stores and audits a valid set', async () => {
    const row = { category: '食堂', urgency: 'normal', acceptDays: 1, replyDays: 3, closeDays: 10 };
    expect((await t.as.principalA.request('PUT', LIMITS, { rows: [row] })).statusCode).toBe(403);

    const bad = await t.as.countyAdmin.request('PUT', LIMITS, {
      rows: [row, { ...row, acceptDays: 4 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems).toEqual([
      '食堂（一般）重复设置',
      '食堂（一般）：签收时限不能长于答复时限',
    ]);
    expect((await t.as.teacherA.request('GET', LIMITS)).json().rows).toEqual([]);

    expect((await t.as.countyAdmin.request('PUT', LIMITS, { rows: [row] })).statusCode).toBe(200);
    const read = (await t.as.teacherA.request('GET', LIMITS)).json();
    expect(read.rows).toEqual([row]);
    expect(read.defaults.normal).toEqual({ acceptDays: 1, replyDays: 5, closeDays: 15 });

    const log = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'case_time_limits')
      .execute();
    expect(log).toHaveLength(1);
    expect([log[0]?.action, log[0]?.before, log[0]?.after]).toEqual(['update', [], [row]]);
  });
});
