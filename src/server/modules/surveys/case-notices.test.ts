import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR_YEARS } from '../../../common/calendar/holidays.js';
import { WorkingCalendar } from '../../../common/calendar/working-calendar.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { casesDueSoon } from './case-notices.js';
import { runCaseDeadlineNotices } from './workers.js';

/** 2026-11-20 is a Friday, 11-23 the Monday after: no holiday in between (an ordinary weekend). */
const cal = new WorkingCalendar(SHIPPED_CALENDAR_YEARS);
const FRIDAY_10H = new Date('2026-11-20T02:00:00Z'); // 10:00 China time
const cst = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const limits = { acceptDays: 1, replyDays: 5, closeDays: 15 };

describe('casesDueSoon (pure, fake clock)', () => {
  const pending = { id: 1, state: 'pending' as const, clockStart: FRIDAY_10H, pauses: [], limits };
  it('counts working days to the current limit: 签收 in 1 working day from Friday = end of Monday', () => {
    // Friday and Saturday: Monday is 1 working day away; with a window of 0 days nothing yet.
    expect(casesDueSoon(cal, [pending], cst('2026-11-20', 12), 1)).toEqual([
      { caseId: 1, stage: 'accept', due: new Date('2026-11-23T23:59:59.999+08:00'), workingDaysLeft: 1 },
    ]);
    expect(casesDueSoon(cal, [pending], cst('2026-11-21', 12), 1)[0].workingDaysLeft).toBe(1);
    expect(casesDueSoon(cal, [pending], cst('2026-11-20', 12), 0)).toEqual([]);
    // Monday morning: due today (0); Tuesday: already overdue, so not "due soon" (催办 is the bureau's).
    expect(casesDueSoon(cal, [pending], cst('2026-11-23', 9), 0)[0]).toMatchObject({ workingDaysLeft: 0 });
    expect(casesDueSoon(cal, [pending], cst('2026-11-24', 9), 5)).toEqual([]);
  });
  it('follows the state: 答复 for a case being handled, nothing for a closed one', () => {
    const handling = { ...pending, id: 2, state: 'handling' as const };
    // 答复 5 working days from Friday 11-20 → Friday 11-27; on Thursday 11-26 it is 1 working day away.
    expect(casesDueSoon(cal, [handling], cst('2026-11-26', 9), 1)).toMatchObject([
      { caseId: 2, stage: 'reply', workingDaysLeft: 1 },
    ]);
    expect(casesDueSoon(cal, [handling], cst('2026-11-25', 9), 1)).toEqual([]);
    expect(casesDueSoon(cal, [{ ...pending, state: 'closed' as const }], cst('2026-11-23', 9), 5)).toEqual([]);
  });
});

let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
}, 60_000);
afterAll(() => t?.close());

async function caseAt(schoolId: number | null, state: string, code: string): Promise<number> {
  const row = await t.db
    .insertInto('cases')
    .values({
      county_id: t.fx.countyId,
      tracking_code: code,
      channel: 'phone',
      category: '食堂',
      school_id: schoolId,
      title: `饭菜质量${code}`,
      content: '饭菜偏凉',
      state,
      limits: JSON.stringify(limits),
      clock_start: FRIDAY_10H,
      received_at: FRIDAY_10H,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const kinds = async (userId: number) =>
  (
    await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', userId)
      .where('kind', 'like', 'surveys.%')
      .orderBy('id')
      .execute()
  ).map((r) => r.kind);

describe('case notices through the real DB', () => {
  it('the daily job warns the school’s managers of a coming 签收 limit, once; the bureau of a coming 办结', async () => {
    const u = t.fx.users;
    await caseAt(t.fx.schools.a, 'pending', 'NTC001');
    await caseAt(t.fx.schools.b, 'replied', 'NTC002');
    // Friday noon: A's case is due Monday (1 working day, the default window); B's 办结 is 15 working days away.
    expect(await runCaseDeadlineNotices(t.db, cst('2026-11-20', 12))).toBe(2);
    expect(await kinds(u.principalA.id)).toEqual(['surveys.case_due_soon']);
    expect(await kinds(u.directorA.id)).toEqual(['surveys.case_due_soon']);
    expect(await runCaseDeadlineNotices(t.db, cst('2026-11-21', 12))).toBe(0);
    expect(await kinds(u.principalB.id)).toEqual([]);
    expect(await kinds(u.countyAdmin.id)).toEqual([]);
    // B's 办结 limit: 15 working days after Friday 11-20 → 12-11; on 12-10 the bureau (回访 and 办结) hears of it.
    expect(await runCaseDeadlineNotices(t.db, cst('2026-12-10', 9))).toBe(1);
    expect(await kinds(u.countyAdmin.id)).toEqual(['surveys.case_due_soon']);
    expect(await kinds(u.principalB.id)).toEqual([]);
  });

  it('催办 reaches the handling school; 升级 the 局领导 over it and the bureau', async () => {
    const u = t.fx.users;
    const id = await caseAt(t.fx.schools.a, 'handling', 'NTC003');
    const V = '/api/v1/surveys';
    expect((await t.as.countyAdmin.request('POST', `${V}/cases/${id}/urge`, {})).statusCode).toBe(200);
    expect(await kinds(u.principalA.id)).toEqual(['surveys.case_due_soon', 'surveys.case_urged']);
    expect(await kinds(u.districtLeader.id)).toEqual([]);
    expect((await t.as.countyAdmin.request('POST', `${V}/cases/${id}/urge`, { escalate: true })).statusCode).toBe(200);
    expect(await kinds(u.districtLeader.id)).toEqual(['surveys.case_escalated']);
    expect(await kinds(u.countyAdmin.id)).toEqual(['surveys.case_due_soon', 'surveys.case_escalated']);
    expect(await kinds(u.principalB.id)).toEqual([]);
  });
});
