import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '../../platform/calendar.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';

/** The working-day calendar through the API: read by everyone, a year replaced by the county admin, validated, audited. */
let t: OrgTestContext;
const CAL = '/api/v1/admin/calendar';

beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

const year2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  holidays: [
    { from: '2027-10-01', to: '2027-10-07', name: '国庆节' },
    { from: '2027-01-01', to: '2027-01-01', name: '元旦' },
  ],
  workdays: ['2027-10-09', '2027-09-26'],
};

describe('admin calendar', () => {
  it('shows the shipped years to everyone signed in, none edited by the county', async () => {
    const res = await t.as.teacherA.request('GET', CAL);
    expect(res.statusCode).toBe(200);
    const years = res.json().years as { year: number; countyEdited: boolean; source: string }[];
    expect(years.map((y) => [y.year, y.countyEdited])).toEqual([
      [2025, false],
      [2026, false],
    ]);
    expect(years[1]?.source).toContain('国办发明电〔2025〕7号');
  });

  it('refuses a year that is not coherent, with every problem named, and stores nothing', async () => {
    const bad = await t.as.countyAdmin.request('PUT', `${CAL}/2027`, {
      ...year2027,
      holidays: [...year2027.holidays, { from: '2028-01-01', to: '2028-01-01', name: '元旦' }],
      workdays: ['2027-09-27', '2027-10-02'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems).toEqual([
      '元旦：日期须是 2027 年内的日期',
      '调休上班日 2027-09-27 不是周六或周日（工作日本来就上班）',
      '2027-10-02 既是国庆节放假日又是调休上班日',
    ]);
    const unordered = await t.as.countyAdmin.request('PUT', `${CAL}/2027`, {
      ...year2027,
      holidays: [{ from: '2027-05-05', to: '2027-05-01', name: '劳动节' }],
    });
    expect(unordered.statusCode).toBe(400);
    const years = (await t.as.countyAdmin.request('GET', CAL)).json().years as { year: number }[];
    expect(years.map((y) => y.year)).toEqual([2025, 2026]);
  });

  it('lets only the county admin store a year; the deadlines count on it and the change is audited', async () => {
    expect((await t.as.principalA.request('PUT', `${CAL}/2027`, year2027)).statusCode).toBe(403);
    const ok = await t.as.countyAdmin.request('PUT', `${CAL}/2027`, year2027);
    expect(ok.statusCode, ok.body).toBe(200);
    // Stored sorted by date.
    expect(ok.json().year.holidays.map((h: { name: string }) => h.name)).toEqual(['元旦', '国庆节']);
    expect(ok.json().year.workdays).toEqual(['2027-09-26', '2027-10-09']);

    const years = (await t.as.teacherA.request('GET', CAL)).json().years as { year: number; countyEdited: boolean }[];
    expect(years.map((y) => [y.year, y.countyEdited])).toEqual([
      [2025, false],
      [2026, false],
      [2027, true],
    ]);
    const cal = await loadWorkingCalendar(t.db, t.fx.countyId);
    // From Thursday 2027-09-30: 10-01…10-07 are off, Friday 10-08 is the 1st working day, 调休 Saturday 10-09 the 2nd.
    expect([cal.knowsYear(2027), cal.isWorkingDay('2027-09-26'), cal.addWorkingDays('2027-09-30', 2)]).toEqual([
      true,
      true,
      '2027-10-09',
    ]);

    // Correcting a shipped year keeps the other county years.
    const y2026 = (await t.as.countyAdmin.request('GET', CAL))
      .json()
      .years.find((y: { year: number }) => y.year === 2026);
    const fixed = { source: y2026.source, holidays: y2026.holidays, workdays: y2026.workdays.slice(1) };
    expect((await t.as.countyAdmin.request('PUT', `${CAL}/2026`, fixed)).statusCode).toBe(200);
    const after = (await t.as.teacherA.request('GET', CAL)).json().years as { year: number; countyEdited: boolean }[];
    expect(after.filter((y) => y.countyEdited).map((y) => y.year)).toEqual([2026, 2027]);

    const log = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'before', 'after'])
      .where('entity', '=', 'calendar_year')
      .orderBy('id')
      .execute();
    expect(log.map((r) => r.entity_id)).toEqual(['2027', '2026']);
    expect(log[0]?.before).toBeNull();
    const workdays = (v: unknown) => (v as { workdays: string[] }).workdays.length;
    expect([workdays(log[1]?.before), workdays(log[1]?.after)]).toEqual([6, 5]);
  });
});
