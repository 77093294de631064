import type { FastifyInstance } from 'fastify';
import type { Recurrence } from '../../../common/calendar/index.js';
import type { Db } from '../../db/pool.js';
import { loadWorkingCalendar } from '../../platform/calendar.js';
import type { Jobs } from '../../platform/jobs.js';
import { notify } from '../../platform/notifications/notify.js';
import { getSetting } from '../../platform/settings.js';
import { taskNotices } from './plans/task-notices.js';
import { reportsOf } from './plans/tasks-due.js';

const TASK_NOTICES_QUEUE = 'indicators-task-notices';

/**
 * Reminds the responsible units' managers (a school's 校长 and 教导主任; the bureau's 教育局管理员 for tasks of
 * departments) of plan tasks due within the county's `notifications.dueSoon.planTaskDays` and of missed ones
 * (plans/task-notices.ts decides), once per task, unit, kind and due date. Returns how many messages were stored.
 */
export async function runTaskNotices(db: Db, now: Date = new Date()): Promise<number> {
  const plans = await db
    .selectFrom('plans')
    .select(['county_id', 'id', 'title', 'start_date', 'end_date'])
    .where('archived_at', 'is', null)
    .execute();
  let n = 0;
  for (const plan of plans) {
    const calendar = await loadWorkingCalendar(db, plan.county_id);
    const { planTaskDays } = await getSetting(db, plan.county_id, 'notifications.dueSoon');
    const tasks = await db
      .selectFrom('plan_tasks')
      .select(['id', 'title', 'due_date', 'recurrence', 'responsible_school_ids'])
      .where('county_id', '=', plan.county_id)
      .where('plan_id', '=', plan.id)
      .execute();
    if (tasks.length === 0) continue;
    const reports = await reportsOf(
      db,
      plan.county_id,
      tasks.map((t) => t.id),
    );
    const title = new Map(tasks.map((t) => [t.id, t.title]));
    const notices = taskNotices(
      tasks.map((t) => ({
        ...t,
        recurrence: t.recurrence as Recurrence | null,
        responsible_school_ids: t.responsible_school_ids.map(Number),
        planId: plan.id,
        planStart: plan.start_date,
        planEnd: plan.end_date,
      })),
      reports,
      calendar,
      now,
      planTaskDays,
    );
    for (const x of notices) {
      n += await notify(db, {
        countyId: plan.county_id,
        recipients:
          x.schoolId === null
            ? [{ role: 'bureau_admin', county: true }]
            : [
                { role: 'school_admin', schoolId: x.schoolId },
                { role: 'school_director', schoolId: x.schoolId },
              ],
        kind: `indicators.task_${x.kind}`,
        title:
          x.kind === 'due_soon'
            ? `计划任务即将到期（${x.dueDate}）：${title.get(x.taskId)}`
            : `计划任务已逾期（应于 ${x.dueDate} 完成）：${title.get(x.taskId)}`,
        body: plan.title,
        link: `/indicators/plans?plan=${plan.id}`,
        dedupeKey: `plan-task:${x.taskId}:${x.schoolId ?? '-'}:${x.kind}:${x.dueDate}`,
      });
    }
  }
  return n;
}

/** The indicators module's background work: the daily plan-task reminders (07:30 China time). */
export async function registerIndicatorsWorkers(app: FastifyInstance, jobs: Jobs): Promise<void> {
  await jobs.createQueue(TASK_NOTICES_QUEUE);
  await jobs.work(TASK_NOTICES_QUEUE, async () => {
    await runTaskNotices(app.db);
  });
  await jobs.schedule(TASK_NOTICES_QUEUE, '30 7 * * *', {}, { tz: 'Asia/Shanghai' });
}
