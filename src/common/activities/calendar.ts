/**
 * Dates and periods for the teaching-routine quotas (issue 7). Dates are ISO calendar days 'YYYY-MM-DD' (no time,
 * no zone); a period is an inclusive range of days. The school calendar — school years and their terms — is data the
 * caller supplies; calendar years, weeks and rolling 5-year windows are derived from it.
 */

/** An ISO calendar day, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** An inclusive range of days. */
export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

/** A term (学期) of a school year, with its first and last day. */
export interface Term extends DateRange {
  id: string;
  label?: string;
}

/** A school year (学年) with its terms, in order. */
export interface SchoolYear extends DateRange {
  id: string;
  label?: string;
  terms: Term[];
}

/** The school calendar: data, one entry per school year. */
export interface SchoolCalendar {
  years: SchoolYear[];
}

/** The period kinds a quota can be counted over. */
export type PeriodKind = 'week' | 'term' | 'school_year' | 'calendar_year' | 'rolling_5y';

/** One concrete period: its kind, a stable id and its days. */
export interface Period extends DateRange {
  kind: PeriodKind;
  id: string;
}

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO day; throws on anything that is not a real calendar day. */
export function dayNumber(date: IsoDate): number {
  // Memoised: a county's evaluation asks for the same few hundred days millions of times.
  const known = DAY_NUMBERS.get(date);
  if (known !== undefined) return known;
  const n = parseDayNumber(date);
  if (DAY_NUMBERS.size > 100_000) DAY_NUMBERS.clear();
  DAY_NUMBERS.set(date, n);
  return n;
}

const DAY_NUMBERS = new Map<string, number>();

function parseDayNumber(date: IsoDate): number {
  const m = ISO.exec(date);
  if (!m) throw new Error(`不是日期 (YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`不存在的日期: ${date}`);
  return ms / DAY_MS;
}

/** The ISO day of a day number (inverse of dayNumber). */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Adds whole days to an ISO day. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Number of days in an inclusive range (2026-09-01..2026-09-01 is 1 day); 0 when end < start. */
export function daysIn(range: DateRange): number {
  return Math.max(0, dayNumber(range.end) - dayNumber(range.start) + 1);
}

/** Whether a day lies in an inclusive range. */
export function within(date: IsoDate, range: DateRange): boolean {
  return date >= range.start && date <= range.end;
}

/** The overlap of two inclusive ranges, or null when they do not meet. */
export function intersect(a: DateRange, b: DateRange): DateRange | null {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? { start, end } : null;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the Monday–Sunday week holding the day. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Weekdays (Monday–Friday) of a range. */
export function weekdaysIn(range: DateRange): number {
  let n = 0;
  for (let d = dayNumber(range.start); d <= dayNumber(range.end); d++) {
    if ((((d + 3) % 7) + 7) % 7 < 5) n++;
  }
  return n;
}

/**
 * The required weeks of a term. Rule (stated here, not in the seeds): a week is a Monday–Sunday calendar week; it
 * is a week of the term when at least 3 of its 5 weekdays (Monday–Friday) lie inside the term, so a week that spans
 * a term boundary belongs to the side holding most of its weekdays and is never counted twice (two terms cannot
 * both hold 3 of the same 5 weekdays). The period is the whole Monday–Sunday week, so a record dated on any day of
 * that week counts for it, even a day just outside the term.
 */
export function termWeeks(term: Term): Period[] {
  const out: Period[] = [];
  for (let monday = mondayOf(term.start); monday <= term.end; monday = addDays(monday, 7)) {
    const week = { start: monday, end: addDays(monday, 6) };
    const inside = intersect(week, term);
    if (inside && weekdaysIn(inside) >= 3) out.push({ kind: 'week', id: `${term.id}:W${monday}`, ...week });
  }
  return out;
}

/** The 5 calendar years ending with `year`: Jan 1 of year−4 to Dec 31 of year ("5年1周期", read as rolling). */
export function rollingFiveYears(year: number): Period {
  return { kind: 'rolling_5y', id: `5y:${year - 4}-${year}`, start: `${year - 4}-01-01`, end: `${year}-12-31` };
}

/** The calendar year as a period. */
export function calendarYear(year: number): Period {
  return { kind: 'calendar_year', id: `Y${year}`, start: `${year}-01-01`, end: `${year}-12-31` };
}

/**
 * Every period of a kind that has begun by `asOf` (start ≤ asOf): terms and school years from the calendar, weeks
 * from the terms (termWeeks), calendar years and rolling 5-year windows for each calendar year from the first day
 * of the calendar to `asOf`.
 */
export function periodsOf(kind: PeriodKind, calendar: SchoolCalendar, asOf: IsoDate): Period[] {
  const started = (p: Period) => p.start <= asOf;
  const terms = calendar.years.flatMap((y) => y.terms);
  switch (kind) {
    case 'term':
      return terms.map((t): Period => ({ kind, id: t.id, start: t.start, end: t.end })).filter(started);
    case 'school_year':
      return calendar.years.map((y): Period => ({ kind, id: y.id, start: y.start, end: y.end })).filter(started);
    case 'week':
      return terms.flatMap(termWeeks).filter(started);
    case 'calendar_year':
    case 'rolling_5y': {
      if (calendar.years.length === 0) return [];
      const first = Math.min(...calendar.years.map((y) => Number(y.start.slice(0, 4))));
      const last = Number(asOf.slice(0, 4));
      const out: Period[] = [];
      for (let y = first; y <= last; y++) out.push(kind === 'calendar_year' ? calendarYear(y) : rollingFiveYears(y));
      return out;
    }
  }
}
