import { type CalendarYear, SHIPPED_CALENDAR_YEARS } from '../../common/calendar/holidays.js';
import { WorkingCalendar } from '../../common/calendar/working-calendar.js';
import type { Db } from '../db/pool.js';
import { getSetting } from './settings.js';

/**
 * The working-day calendar of a county: the shipped national arrangements with the county's corrections and added
 * years (setting `calendar.years`; a county year replaces the shipped year of the same number). Every deadline
 * counted in 工作日 (诉求 time limits, task recurrences, rectification windows) uses this one calendar.
 */
export async function loadWorkingCalendar(db: Db, countyId: number): Promise<WorkingCalendar> {
  return new WorkingCalendar(await calendarYears(db, countyId));
}

export async function calendarYears(db: Db, countyId: number): Promise<CalendarYear[]> {
  const own = (await getSetting(db, countyId, 'calendar.years')).years;
  const byYear = new Map<number, CalendarYear>(SHIPPED_CALENDAR_YEARS.map((y) => [y.year, y]));
  for (const y of own) byYear.set(y.year, y);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
