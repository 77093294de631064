import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR_YEARS } from '../../../common/calendar/holidays.js';
import { WorkingCalendar } from '../../../common/calendar/working-calendar.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { taskNotices } from './plans/task-notices.js';
import { runTaskNotices } from './workers.js';

const cst = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const cal = new WorkingCalendar(SHIPPED_CALENDAR_YEARS);

describe('taskNotices (pure, fake clock)', () => {
  it('a weekly Thursday report: the next one due within 3 days, and only the latest missed one', () => {
    const weekly = {
      id: 7,
      planId: 1,
      title: '周报',
      due_date: null,
      recurrence: { kind: 'weekly' as const, weekday: 4, time: '17:00', shift: 'previous' as const },
      responsible_school_ids: [5],
      planStart: '2026-11-01',
      planEnd: '2026-12-31',
    };
    // Monday 2026-11-23: Thursdays 11-05, 11-12, 11-19 missed; 11-26 is 3 days away.
    expect(taskNotices([weekly], new Map(), cal, cst('2026-11-23'), 3)).toEqual([
      { taskId: 7, schoolId: 5, kind: 'due_soon', dueDate: '2026-11-26' },
      { taskId: 7, schoolId: 5, kind: 'overdue', dueDate: '2026-11-19' },
    ]);
    expect(taskNotices([weekly], new Map(), cal, cst('2026-11-23'), 2).map((x) => x.kind)).toEqual(['overdue']);
  });
});

let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
}, 60_000);
afterAll(() => t?.close());

describe('plan task notices through the real DB', () => {
  it('tell the responsible school’s managers before the due date and when missed; a done report silences', async () => {
    const { db, fx } = t;
    const plan = await db
      .insertInto('plans')
      .values({
        county_id: fx.countyId,
        kind: 'improvement_year',
        title: '质量提升年行动',
        owner_level: 'county',
        owner_id: fx.countyId,
        start_date: '2026-11-01',
        end_date: '2026-12-31',
        leading_group: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const task = async (schools: number[]) =>
      (
        await db
          .insertInto('plan_tasks')
          .values({
            county_id: fx.countyId,
            plan_id: plan.id,
            title: '提交自查报告',
            lead_unit: '教育股',
            responsible_school_ids: schools,
            due_date: '2026-12-04',
            recurrence: JSON.stringify(null),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await task([fx.schools.a]);
    const doneTask = await task([fx.schools.b]);
    await db
      .insertInto('plan_task_reports')
      .values({
        county_id: fx.countyId,
        task_id: doneTask,
        school_id: fx.schools.b,
        due_date: '2026-12-04',
        status: 'done',
        reported_at: cst('2026-12-02'),
        files: '[]',
      })
      .execute();
    const inbox = async (userId: number) =>
      (
        await db
          .selectFrom('notifications')
          .select(['kind', 'link'])
          .where('user_id', '=', userId)
          .orderBy('id')
          .execute()
      ).map((r) => `${r.kind} ${r.link}`);
    const link = `/indicators/plans?plan=${plan.id}`;

    expect(await runTaskNotices(db, cst('2026-11-30'))).toBe(0); // 4 days before: outside the 3-day window
    expect(await runTaskNotices(db, cst('2026-12-01'))).toBe(2); // 校长 and 教导主任 of A
    expect(await runTaskNotices(db, cst('2026-12-02'))).toBe(0); // same due date: once
    expect(await runTaskNotices(db, cst('2026-12-05'))).toBe(2); // missed
    expect(await runTaskNotices(db, cst('2026-12-06'))).toBe(0);
    expect(await inbox(fx.users.principalA.id)).toEqual([
      `indicators.task_due_soon ${link}`,
      `indicators.task_overdue ${link}`,
    ]);
    expect(await inbox(fx.users.directorA.id)).toHaveLength(2);
    expect(await inbox(fx.users.principalB.id)).toEqual([]);
    expect(await inbox(fx.users.teacherA.id)).toEqual([]);
  });
});
