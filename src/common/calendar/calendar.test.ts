import { describe, expect, it } from 'vitest';
import { cstDate, cstInstant, isIsoDate } from './dates.js';
import { SHIPPED_CALENDAR_YEARS } from './holidays.js';
import { occurrences } from './recurrence.js';
import { WorkingCalendar } from './working-calendar.js';

// Weekdays checked independently with `date -d 2026-10-01 +%a` (Thu) etc.
const cal = new WorkingCalendar(SHIPPED_CALENDAR_YEARS);
const iso = (d: Date) => d.toISOString();

describe('working days (2026 arrangement)', () => {
  it('follows holidays and 调休 weekends', () => {
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2026-09-25')).toBe(false); // Friday, 中秋节
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // Thursday, 国庆节
    expect(cal.isWorkingDay('2026-10-08')).toBe(true); // Thursday after the holiday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // 2025's 调休 Saturday
    expect(cal.holidayName('2026-02-18')).toBe('春节');
    expect(cal.knowsYear(2026)).toBe(true);
    expect(cal.knowsYear(2031)).toBe(false);
  });

  it('counts working days across 中秋 and 国庆', () => {
    // 09-24 (Thu) + 1: 25–27 off → Monday 28th.
    expect(cal.addWorkingDays('2026-09-24', 1)).toBe('2026-09-28');
    // 09-30 + 5: Oct 8 (1), 9 (2), 10 Sat 调休 (3), 12 (4), 13 (5).
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-13')).toBe(5);
    expect(cal.workingDaysBetween('2026-10-13', '2026-09-30')).toBe(0);
    expect(cal.addWorkingDays('2026-10-03', 0)).toBe('2026-10-08');
    expect(cal.onOrBefore('2026-10-01')).toBe('2026-09-30');
  });

  it('sets deadlines at the end of the China-local day and stops the clock while paused', () => {
    const received = new Date('2026-09-30T02:00:00Z'); // 10:00 in China
    expect(iso(cal.deadline(received, 5)!)).toBe('2026-10-13T15:59:59.999Z');
    // Paused 10-08 09:00 → 10-09 09:00 China time: the working day 10-09 does not count.
    const pause = { from: new Date('2026-10-08T01:00:00Z'), to: new Date('2026-10-09T01:00:00Z') };
    expect(iso(cal.deadline(received, 5, [pause])!)).toBe('2026-10-14T15:59:59.999Z');
    expect(cal.deadline(received, 5, [{ from: pause.from, to: null }])).toBeNull();
    expect(cal.elapsedWorkingDays(received, new Date('2026-10-13T03:00:00Z'), [pause])).toBe(4);
  });
});

describe('recurrence', () => {
  it('weekly Thursday 17:00 across the 国庆 week', () => {
    const rule = { kind: 'weekly', weekday: 4, time: '17:00' } as const;
    const prev = occurrences({ ...rule, shift: 'previous' }, '2026-09-21', '2026-10-11', cal).map(iso);
    // 09-24 normal; 10-01 is a holiday → Wednesday 09-30; 10-08 normal. 17:00 China = 09:00Z.
    expect(prev).toEqual(['2026-09-24T09:00:00.000Z', '2026-09-30T09:00:00.000Z', '2026-10-08T09:00:00.000Z']);
    expect(occurrences({ ...rule, shift: 'skip' }, '2026-09-21', '2026-10-11', cal)).toHaveLength(2);
    expect(occurrences({ ...rule, shift: 'next' }, '2026-09-28', '2026-10-04', cal).map(iso)).toEqual([
      '2026-10-08T09:00:00.000Z',
    ]);
  });

  it('monthly on the 31st uses the month end and moves off weekends', () => {
    const due = occurrences(
      { kind: 'monthly', day: 31, time: '09:00', shift: 'previous' },
      '2026-04-01',
      '2026-06-30',
      cal,
    );
    // Apr 30 (Thu); May 31 is a Sunday → Fri May 29; Jun 30 (Tue). 09:00 China = 01:00Z.
    expect(due.map(iso)).toEqual(['2026-04-30T01:00:00.000Z', '2026-05-29T01:00:00.000Z', '2026-06-30T01:00:00.000Z']);
  });
});

describe('China-local dates', () => {
  it('maps instants to the China date', () => {
    expect(cstDate(new Date('2026-10-01T16:30:00Z'))).toBe('2026-10-02');
    expect(iso(cstInstant('2026-10-02', '08:30'))).toBe('2026-10-02T00:30:00.000Z');
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });
});
