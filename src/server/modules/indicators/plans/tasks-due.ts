import { cstInstant, occurrences, type Recurrence, type WorkingCalendar } from '../../../../common/calendar/index.js';
import type { Db } from '../../../db/pool.js';

/**
 * Due dates of a task (issue 6 "deadline or recurrence … weekly report every Thursday 17:00, monthly dispatch";
 * seed-004 W18 "每周四下午5:00前", seed-000 §3.8 #162 "每月23日前"): a one-off task is due at the end of its deadline
 * day; a recurring one on each due instant of its rule on the county's working-day calendar (src/common/calendar:
 * holidays and 调休 as data; a nominal day off moves as the rule's `shift` says).
 */
export interface TaskDueInput {
  due_date: string | null;
  recurrence: Recurrence | null;
}

/** Problems with a recurrence rule (empty = fine). */
export function checkRecurrence(r: Recurrence): string[] {
  const errors: string[] = [];
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(r.time)) errors.push('time 须为 HH:MM');
  if (r.kind === 'weekly' && !(Number.isInteger(r.weekday) && r.weekday >= 0 && r.weekday <= 6))
    errors.push('weekday 须为0（周日）至6（周六）');
  if (r.kind === 'monthly' && !(Number.isInteger(r.day) && r.day >= 1 && r.day <= 31)) errors.push('day 须为1至31');
  if (!['previous', 'next', 'skip'].includes(r.shift)) errors.push('shift 须为 previous/next/skip');
  return errors;
}

/** Due instants of a task whose due date lies in [from, to]. */
export function taskDues(t: TaskDueInput, from: string, to: string, calendar: WorkingCalendar): Date[] {
  if (t.recurrence) return occurrences(t.recurrence, from, to, calendar);
  if (t.due_date && t.due_date >= from && t.due_date <= to) return [cstInstant(t.due_date)];
  return [];
}

export interface ReportKey {
  task_id: number;
  school_id: number | null;
  due_date: string;
  status: string;
  reported_at: Date;
}

export const reportKey = (taskId: number, schoolId: number | null, due: string) =>
  `${taskId}/${schoolId ?? '-'}/${due}`;

/** The latest report per (task, school, due date). */
export async function reportsOf(db: Db, countyId: number, taskIds: number[]): Promise<Map<string, ReportKey>> {
  const map = new Map<string, ReportKey>();
  if (taskIds.length === 0) return map;
  const rows = await db
    .selectFrom('plan_task_reports')
    .select(['task_id', 'school_id', 'due_date', 'status', 'reported_at'])
    .where('county_id', '=', countyId)
    .where('task_id', 'in', taskIds)
    .orderBy('reported_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  for (const r of rows) map.set(reportKey(r.task_id, r.school_id, r.due_date), r);
  return map;
}

/**
 * State of one due instant for one unit at `now`: done (a 'done' report by the deadline), done_late (after it),
 * overdue (deadline passed, not done), open (not yet due).
 */
export function occurrenceState(
  deadline: Date,
  report: ReportKey | undefined,
  now: Date,
): { state: 'done' | 'done_late' | 'overdue' | 'open'; status: string | null } {
  if (report?.status === 'done')
    return { state: new Date(report.reported_at) <= deadline ? 'done' : 'done_late', status: 'done' };
  return { state: now > deadline ? 'overdue' : 'open', status: report?.status ?? null };
}
