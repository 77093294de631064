import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool.js';
import { createFixtureCounty } from '../modules/org/testing-fixture.js';
import { createTestDb } from '../testing/db.js';
import { calendarYears, loadWorkingCalendar } from './calendar.js';

let db: Db;
let drop: () => Promise<void>;
let countyId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  countyId = (await createFixtureCounty(db)).countyId;
});
afterAll(async () => drop());

describe('a county working-day calendar', () => {
  it('uses the shipped years until the county stores its own', async () => {
    const cal = await loadWorkingCalendar(db, countyId);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.knowsYear(2027)).toBe(false);
  });

  it('lets a county replace a year and add one', async () => {
    const years = [
      {
        year: 2026,
        source: '本县更正',
        holidays: [{ from: '2026-10-01', to: '2026-10-08', name: '国庆节' }],
        workdays: [],
      },
      {
        year: 2027,
        source: '2027年通知',
        holidays: [{ from: '2027-01-01', to: '2027-01-01', name: '元旦' }],
        workdays: [],
      },
    ];
    await db
      .insertInto('settings')
      .values({ county_id: countyId, key: 'calendar.years', value: JSON.stringify({ years }) })
      .execute();
    expect((await calendarYears(db, countyId)).map((y) => y.source)).toEqual([
      expect.stringContaining('2025'),
      '本县更正',
      '2027年通知',
    ]);
    const cal = await loadWorkingCalendar(db, countyId);
    expect(cal.isWorkingDay('2026-10-08')).toBe(false); // the county's correction
    expect(cal.isWorkingDay('2026-10-10')).toBe(false); // the shipped 调休 Saturday is gone with the shipped year
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
  });
});
