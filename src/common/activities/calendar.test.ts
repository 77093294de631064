import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  daysIn,
  intersect,
  isoWeekday,
  mondayOf,
  periodsOf,
  rollingFiveYears,
  type SchoolCalendar,
  termWeeks,
  weekdaysIn,
} from './calendar.js';

/** 2025-09-01 is a Monday; term 1 runs 20 whole weeks to Sunday 2026-01-18 (30+31+30+31+18 = 140 days). */
const CAL: SchoolCalendar = {
  years: [
    {
      id: '2025-2026',
      start: '2025-09-01',
      end: '2026-08-31',
      terms: [
        { id: 'T1', start: '2025-09-01', end: '2026-01-18' },
        { id: 'T2', start: '2026-03-02', end: '2026-07-12' },
      ],
    },
  ],
};

describe('calendar', () => {
  it('counts inclusive days and weekdays', () => {
    expect(daysIn({ start: '2025-09-01', end: '2025-09-01' })).toBe(1);
    expect(daysIn({ start: '2025-09-01', end: '2026-01-18' })).toBe(140);
    expect(daysIn({ start: '2026-01-18', end: '2025-09-01' })).toBe(0);
    // 2024 is a leap year: Feb 28 → Mar 1 is 3 days.
    expect(daysIn({ start: '2024-02-28', end: '2024-03-01' })).toBe(3);
    expect(weekdaysIn({ start: '2025-09-01', end: '2025-09-07' })).toBe(5);
    expect(weekdaysIn({ start: '2025-09-06', end: '2025-09-07' })).toBe(0);
  });

  it('knows weekdays and Mondays', () => {
    expect(isoWeekday('2025-09-01')).toBe(1);
    expect(isoWeekday('2025-09-07')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(mondayOf('2025-09-07')).toBe('2025-09-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('refuses days that do not exist', () => {
    expect(() => dayNumber('2025-02-29')).toThrow('不存在的日期');
    expect(() => dayNumber('2025/09/01')).toThrow('不是日期');
  });

  it('intersects ranges', () => {
    expect(intersect({ start: '2025-09-01', end: '2025-09-30' }, { start: '2025-09-15', end: '2025-10-15' })).toEqual({
      start: '2025-09-15',
      end: '2025-09-30',
    });
    expect(
      intersect({ start: '2025-09-01', end: '2025-09-30' }, { start: '2025-10-01', end: '2025-10-15' }),
    ).toBeNull();
  });

  it('gives a whole-week term exactly its 20 weeks', () => {
    const weeks = termWeeks(CAL.years[0].terms[0]);
    expect(weeks).toHaveLength(20);
    expect(weeks[0]).toEqual({ kind: 'week', id: 'T1:W2025-09-01', start: '2025-09-01', end: '2025-09-07' });
    expect(weeks[19].end).toBe('2026-01-18');
  });

  it('puts a week that spans a term boundary in the term holding ≥ 3 of its weekdays, never in both', () => {
    // Term A Wed 2025-09-03 … Tue 2025-09-30; term B Wed 2025-10-01 … Fri 2025-10-31.
    // Week Sep 1–7: Wed–Fri inside A (3) → A's. Week Sep 29–Oct 5: Mon, Tue in A (2), Wed–Fri in B (3) → B's.
    const a = termWeeks({ id: 'A', start: '2025-09-03', end: '2025-09-30' });
    const b = termWeeks({ id: 'B', start: '2025-10-01', end: '2025-10-31' });
    expect(a.map((w) => w.start)).toEqual(['2025-09-01', '2025-09-08', '2025-09-15', '2025-09-22']);
    expect(b.map((w) => w.start)).toEqual(['2025-09-29', '2025-10-06', '2025-10-13', '2025-10-20', '2025-10-27']);
    // A term starting on a Thursday: its first week has only Thu, Fri inside → not a required week.
    expect(termWeeks({ id: 'C', start: '2025-09-04', end: '2025-09-14' }).map((w) => w.start)).toEqual(['2025-09-08']);
  });

  it('derives the rolling 5-year window and the periods begun by a day', () => {
    expect(rollingFiveYears(2026)).toEqual({
      kind: 'rolling_5y',
      id: '5y:2022-2026',
      start: '2022-01-01',
      end: '2026-12-31',
    });
    expect(periodsOf('term', CAL, '2026-02-01').map((p) => p.id)).toEqual(['T1']);
    expect(periodsOf('term', CAL, '2026-03-02').map((p) => p.id)).toEqual(['T1', 'T2']);
    expect(periodsOf('calendar_year', CAL, '2026-03-01').map((p) => p.id)).toEqual(['Y2025', 'Y2026']);
    expect(periodsOf('rolling_5y', CAL, '2026-03-01').map((p) => p.id)).toEqual(['5y:2021-2025', '5y:2022-2026']);
    expect(periodsOf('week', CAL, '2025-09-10').map((p) => p.id)).toEqual(['T1:W2025-09-01', 'T1:W2025-09-08']);
    expect(periodsOf('school_year', CAL, '2025-08-31')).toEqual([]);
  });
});
