import { addDays, cstInstant, weekday } from './dates.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * Due dates of recurring duties (周调度 every Thursday 17:00, 月调度 on a day of the month …) on the working-day
 * calendar. When the nominal day is not a working day, `shift` says what the duty does: 'previous' (due on the
 * working day before — e.g. a weekly report whose Thursday falls in the 国庆 week is due before the holiday),
 * 'next' (due on the first working day after) or 'skip' (no occurrence that period).
 */
export type HolidayShift = 'previous' | 'next' | 'skip';

export type Recurrence =
  | { kind: 'weekly'; weekday: number; time: string; shift: HolidayShift }
  | { kind: 'monthly'; day: number; time: string; shift: HolidayShift };

/** Every due instant of the rule whose nominal date lies in [from, to] (dates YYYY-MM-DD, China time). */
export function occurrences(rule: Recurrence, from: string, to: string, calendar: WorkingCalendar): Date[] {
  const nominal: string[] = [];
  if (rule.kind === 'weekly') {
    let d = from;
    while (weekday(d) !== rule.weekday) d = addDays(d, 1);
    for (; d <= to; d = addDays(d, 7)) nominal.push(d);
  } else {
    let y = Number(from.slice(0, 4));
    let m = Number(from.slice(5, 7));
    for (;;) {
      // A day beyond the month's end (31 in April) is the month's last day.
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const d = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(rule.day, last)).padStart(2, '0')}`;
      if (d > to) break;
      if (d >= from) nominal.push(d);
      if (m === 12) {
        y += 1;
        m = 1;
      } else m += 1;
    }
  }
  const due: Date[] = [];
  for (const d of nominal) {
    if (calendar.isWorkingDay(d)) due.push(cstInstant(d, rule.time));
    else if (rule.shift === 'previous') due.push(cstInstant(calendar.onOrBefore(d), rule.time));
    else if (rule.shift === 'next') due.push(cstInstant(calendar.onOrAfter(d), rule.time));
  }
  return due;
}
