import type { CalendarYear } from '../../common/calendar/holidays.js';
import type { Db } from '../db/pool.js';

/**
 * Settings are data, editable per county; the defaults below apply until a county stores its own value.
 * (Security limits live here too, so a bureau can tighten them without a release.)
 */
export const SETTING_DEFAULTS = {
  'security.lockout': { failures: 5, minutes: 15 },
  /** Failed sign-ins from one address within the window before further attempts are refused (429). */
  'security.loginRateLimit': { failures: 30, windowMinutes: 10 },
  /** A county's holiday arrangements: each year here replaces the shipped year of the same number (calendar.ts). */
  'calendar.years': { years: [] as CalendarYear[] },
  /**
   * When the notification centre warns of a coming deadline: a 诉求 whose current time limit ends within
   * `caseWorkingDays` working days (0 = the deadline day itself), a plan task due within `planTaskDays` days.
   */
  'notifications.dueSoon': { caseWorkingDays: 1, planTaskDays: 3 },
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

export async function getSetting<K extends SettingKey>(
  db: Db,
  countyId: number | null,
  key: K,
): Promise<(typeof SETTING_DEFAULTS)[K]> {
  if (countyId != null) {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('county_id', '=', countyId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (row) return { ...SETTING_DEFAULTS[key], ...(row.value as object) } as (typeof SETTING_DEFAULTS)[K];
  }
  return SETTING_DEFAULTS[key];
}
