import { addDays, cstDate, cstInstant, weekday } from './dates.js';
import type { CalendarYear } from './holidays.js';

/**
 * Working days (工作日) by China's rules: Monday–Friday are working days and weekends are not, except the
 * published holidays (days off, even on a weekday) and the 调休 weekend days that are working days. Built from data
 * (SHIPPED_CALENDAR_YEARS merged with a county's corrections), never from constants.
 */
export class WorkingCalendar {
  private readonly off = new Map<string, string>();
  private readonly on = new Set<string>();
  private readonly years = new Set<number>();

  constructor(years: readonly CalendarYear[]) {
    for (const y of years) {
      this.years.add(y.year);
      for (const h of y.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) this.off.set(d, h.name);
      for (const w of y.workdays) this.on.add(w);
    }
  }

  /** Whether the year's holiday arrangement is known; without it only ordinary weekends are off. */
  knowsYear(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    const w = weekday(date);
    return w !== 0 && w !== 6;
  }

  /** The holiday's name for a day off that is a holiday (not an ordinary weekend), else undefined. */
  holidayName(date: string): string | undefined {
    return this.off.get(date);
  }

  /** The first working day on or after `date`. */
  onOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** The last working day on or before `date`. */
  onOrBefore(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  /**
   * The n-th working day after `date` (n ≥ 1), not counting `date` itself: a case received on Friday 2026-09-30
   * with "答复 5 个工作日" is due at the end of the 5th working day after it. n = 0 gives `date` moved forward to a
   * working day.
   */
  addWorkingDays(date: string, n: number): string {
    if (n <= 0) return this.onOrAfter(date);
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days in the half-open range (from, to]: 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }

  /**
   * The deadline of a time limit of `workingDays` counted from `start`: the end (23:59:59.999 China time) of the
   * n-th working day after the start date, moved later by the working days the clock was stopped. A pause from
   * instant p to instant r stops the clock for the working days in (date(p), date(r)] — the days on which work
   * could not go on; an open pause (no resume yet) has no deadline (null), as the clock is still stopped.
   */
  deadline(start: Date, workingDays: number, pauses: readonly { from: Date; to: Date | null }[] = []): Date | null {
    let paused = 0;
    for (const p of pauses) {
      if (p.to === null) return null;
      paused += this.workingDaysBetween(cstDate(p.from), cstDate(p.to));
    }
    return cstInstant(this.addWorkingDays(cstDate(start), workingDays + paused));
  }

  /**
   * Working days a case has been open from `start` to `now`, less the paused ones: the ageing shown in
   * 超期/临期 views (same counting as `deadline`).
   */
  elapsedWorkingDays(start: Date, now: Date, pauses: readonly { from: Date; to: Date | null }[] = []): number {
    let paused = 0;
    for (const p of pauses) paused += this.workingDaysBetween(cstDate(p.from), cstDate(p.to ?? now));
    return Math.max(0, this.workingDaysBetween(cstDate(start), cstDate(now)) - paused);
  }
}
