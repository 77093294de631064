import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/calendar/dates.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { runReminders } from './workers.js';

/** Reminders reach people through the notification centre (rules: 3 days before; 1 and 15 days overdue). */
let ctx: OrgTestContext;
beforeAll(async () => {
  ctx = await setupOrgTest();
}, 60_000);
afterAll(() => ctx?.close());

async function problem(schoolId: number, deadline: string, responsiblePerson: string | null): Promise<number> {
  const row = await ctx.db
    .insertInto('insp_problems')
    .values({
      county_id: ctx.fx.countyId,
      school_id: schoolId,
      source_module: 'inspections',
      category: 'safety',
      severity: 'major',
      description: '消防通道堆放杂物',
      evidence: '[]',
      status: 'ordered',
      deadline,
      state: JSON.stringify({ responsiblePerson }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function inbox(userId: number) {
  return ctx.db
    .selectFrom('notifications')
    .select(['kind', 'title', 'link'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

describe('inspection reminders as messages (fake clock)', () => {
  it('before → the named responsible person; overdue → 校长; long overdue → 督学 and the bureau; once each', async () => {
    const { fx } = ctx;
    const u = fx.users;
    const deadline = '2026-12-10';
    // 陈老师 is a staff member of school A with an account (headTeacherA).
    const id = await problem(fx.schools.a, deadline, '陈老师');
    const link = `/inspections/problems?problem=${id}`;

    expect(await runReminders(ctx.db, addDays(deadline, -4))).toBe(0);
    expect(await runReminders(ctx.db, addDays(deadline, -2))).toBe(1);
    expect(await inbox(u.headTeacherA.id)).toEqual([
      { kind: 'inspections.before', title: expect.stringContaining('整改即将到期'), link },
    ]);
    expect(await inbox(u.principalA.id)).toEqual([]);
    // The same day again: nothing new.
    expect(await runReminders(ctx.db, addDays(deadline, -2))).toBe(0);
    expect((await inbox(u.headTeacherA.id)).length).toBe(1);

    expect(await runReminders(ctx.db, addDays(deadline, 1))).toBe(1);
    expect((await inbox(u.principalA.id)).map((m) => m.kind)).toEqual(['inspections.school_head']);
    expect(await inbox(u.inspector.id)).toEqual([]);

    expect(await runReminders(ctx.db, addDays(deadline, 15))).toBe(1);
    expect((await inbox(u.inspector.id)).map((m) => m.kind)).toEqual(['inspections.bureau']);
    expect((await inbox(u.countyAdmin.id)).map((m) => m.kind)).toEqual(['inspections.bureau']);
    // The school's other staff and other schools' heads hear nothing.
    expect(await inbox(u.teacherA.id)).toEqual([]);
    expect(await inbox(u.principalB.id)).toEqual([]);
  });

  it('no responsible person with an account → the school’s 校长 and 教导主任', async () => {
    const { fx } = ctx;
    const deadline = '2026-12-20';
    const id = await problem(fx.schools.b, deadline, '不存在的人');
    expect(await runReminders(ctx.db, addDays(deadline, -1))).toBe(1);
    const b = await inbox(fx.users.principalB.id);
    expect(b).toEqual([
      { kind: 'inspections.before', title: expect.any(String), link: `/inspections/problems?problem=${id}` },
    ]);
    // School A's people are not school B's.
    expect((await inbox(fx.users.directorA.id)).length).toBe(0);
  });
});
