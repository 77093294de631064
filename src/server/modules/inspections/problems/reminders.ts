/**
 * Reminders and escalation for problems waiting on the school (pure; the worker in ../workers.ts stores what this
 * returns, once per problem, kind and deadline). Rules, as data (settings.ts):
 * - `before`: while the deadline is 0..remindDaysBefore days away, remind the school (责任人);
 * - `school_head`: once the problem is schoolHeadAfterDays days overdue, escalate to the school head (校长);
 * - `bureau`: once it is bureauAfterDays days overdue, escalate to the bureau (督导室).
 * Overdue follows deadlineStatus in the engine: the deadline day itself is not overdue.
 */
import { CALENDAR_DAYS, type DayCounter } from '../../../../common/inspections/index.js';

export interface EscalationRules {
  remindDaysBefore: number;
  schoolHeadAfterDays: number;
  bureauAfterDays: number;
}

export type ReminderKind = 'before' | 'school_head' | 'bureau';

export const RECIPIENT: Record<ReminderKind, string> = {
  before: '学校整改责任人',
  school_head: '校长',
  bureau: '教育局督导室',
};

export interface OpenProblem {
  id: number;
  status: string;
  deadline: string | null;
  /** Kinds already sent for this deadline. */
  sent: ReminderKind[];
}

export interface DueReminder {
  problemId: number;
  kind: ReminderKind;
  deadline: string;
  recipient: string;
}

/** The reminders due on `today` that were not sent yet, in problem order. */
export function dueReminders(
  problems: OpenProblem[],
  today: string,
  rules: EscalationRules,
  days: DayCounter = CALENDAR_DAYS,
): DueReminder[] {
  const out: DueReminder[] = [];
  for (const p of problems) {
    if (p.status !== 'ordered' || p.deadline === null) continue;
    const left = days.daysBetween(today, p.deadline);
    const due: ReminderKind[] = [];
    if (left >= 0 && left <= rules.remindDaysBefore) due.push('before');
    if (-left >= rules.schoolHeadAfterDays) due.push('school_head');
    if (-left >= rules.bureauAfterDays) due.push('bureau');
    for (const kind of due) {
      if (!p.sent.includes(kind)) out.push({ problemId: p.id, kind, deadline: p.deadline, recipient: RECIPIENT[kind] });
    }
  }
  return out;
}

/** The escalation level a problem has reached: 0 none, 1 school head, 2 bureau. */
export function escalationLevel(sent: ReminderKind[]): number {
  return sent.includes('bureau') ? 2 : sent.includes('school_head') ? 1 : 0;
}
