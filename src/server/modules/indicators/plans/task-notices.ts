import { addDays, cstDate, type Recurrence, type WorkingCalendar } from '../../../../common/calendar/index.js';
import { occurrenceState, type ReportKey, reportKey, taskDues } from './tasks-due.js';

/**
 * Which plan tasks to remind whom of today (pure: clock, calendar and reports are arguments). Per task and
 * responsible unit (a school, or the departments when no school is named):
 * - `due_soon`: a due date in [today, today + withinDays] not yet reported done;
 * - `overdue`: the latest due date before now not reported done (one message per missed due date, so a weekly
 *   report missed three times is three messages over three weeks, not a flood on the first run).
 */
export interface NoticeTask {
  id: number;
  planId: number;
  title: string;
  due_date: string | null;
  recurrence: Recurrence | null;
  responsible_school_ids: number[];
  planStart: string;
  planEnd: string;
}

export interface TaskNotice {
  taskId: number;
  schoolId: number | null;
  kind: 'due_soon' | 'overdue';
  dueDate: string;
}

export function taskNotices(
  tasks: readonly NoticeTask[],
  reports: Map<string, ReportKey>,
  calendar: WorkingCalendar,
  now: Date,
  withinDays: number,
): TaskNotice[] {
  const today = cstDate(now);
  const out: TaskNotice[] = [];
  for (const t of tasks) {
    const dues = taskDues(t, t.planStart, t.planEnd, calendar);
    const units = t.responsible_school_ids.length > 0 ? t.responsible_school_ids.map(Number) : [null];
    for (const schoolId of units) {
      const open = dues.filter(
        (d) => occurrenceState(d, reports.get(reportKey(t.id, schoolId, cstDate(d))), now).state === 'open',
      );
      const soon = open.filter((d) => cstDate(d) >= today && cstDate(d) <= addDays(today, withinDays));
      for (const d of soon) out.push({ taskId: t.id, schoolId, kind: 'due_soon', dueDate: cstDate(d) });
      const missed = dues.filter(
        (d) => occurrenceState(d, reports.get(reportKey(t.id, schoolId, cstDate(d))), now).state === 'overdue',
      );
      const latest = missed.at(-1);
      if (latest) out.push({ taskId: t.id, schoolId, kind: 'overdue', dueDate: cstDate(latest) });
    }
  }
  return out;
}
