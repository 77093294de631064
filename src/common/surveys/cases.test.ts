import { describe, expect, it } from 'vitest';
import { cstInstant } from '../calendar/dates.js';
import { SHIPPED_CALENDAR_YEARS } from '../calendar/holidays.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { actionsFrom, caseDeadlines, caseDue, caseRates, DEFAULT_TIME_LIMITS, nextState } from './cases.js';

const cal = new WorkingCalendar(SHIPPED_CALENDAR_YEARS);
const at = (d: string, t: string) => cstInstant(d, t);
const end = (d: string) => cstInstant(d);

describe('case lifecycle', () => {
  it('allows the 12345 steps and nothing else', () => {
    expect(actionsFrom('pending')).toEqual(['accept', 'return']);
    expect(actionsFrom('handling')).toEqual(['request_info', 'reply']);
    expect(actionsFrom('visited')).toEqual(['close', 'reopen']);
    expect(nextState('pending', 'reply', null)).toEqual({ error: '待签收的诉求不能答复' });
    expect(nextState('visited', 'reopen', '基本满意')).toEqual({ error: '只有回访不满意的诉求才能重办' });
    expect(nextState('visited', 'reopen', '不满意')).toEqual({ to: 'handling' });
    expect(nextState('visited', 'close', null)).toEqual({ error: '办结前须记录回访结果' });
    expect(nextState('returned', 'assign', null)).toEqual({ to: 'pending' });
  });
});

describe('time limits on the working-day calendar', () => {
  // Received Wed 2026-09-30; 10-01..07 国庆 off, 10-10 (Sat) a 调休 working day, 10-11 (Sun) off.
  const start = at('2026-09-30', '10:00');
  it('counts working days past holidays and 调休', () => {
    const d = caseDeadlines(cal, { clockStart: start, pauses: [], limits: DEFAULT_TIME_LIMITS.normal });
    expect(d.acceptBy).toEqual(end('2026-10-08'));
    // 10-08, 10-09, 10-10, 10-12, 10-13
    expect(d.replyBy).toEqual(end('2026-10-13'));
    const urgent = caseDeadlines(cal, { clockStart: start, pauses: [], limits: DEFAULT_TIME_LIMITS.urgent });
    expect(urgent.acceptBy).toEqual(end('2026-09-30'));
  });

  it('stops the clock in 待补充', () => {
    // Paused 10-09 09:00 → 10-12 15:00: the working days 10-10 and 10-12 do not count, so +2 → 10-15.
    const pauses = [{ from: at('2026-10-09', '09:00'), to: at('2026-10-12', '15:00') }];
    const d = caseDeadlines(cal, { clockStart: start, pauses, limits: DEFAULT_TIME_LIMITS.normal });
    expect(d.replyBy).toEqual(end('2026-10-15'));
    const open = caseDue(
      cal,
      {
        clockStart: start,
        pauses: [{ from: at('2026-10-09', '09:00'), to: null }],
        limits: DEFAULT_TIME_LIMITS.normal,
        state: 'supplement',
      },
      at('2026-12-01', '09:00'),
    );
    expect(open).toEqual({ stage: 'reply', due: null, overdue: false });
    const late = caseDue(
      cal,
      { clockStart: start, pauses: [], limits: DEFAULT_TIME_LIMITS.normal, state: 'pending' },
      at('2026-10-09', '08:00'),
    );
    expect(late.overdue).toBe(true);
  });

  it('rates per school', () => {
    const t = (d: string) => end(d);
    const r = caseRates([
      {
        acceptedAt: t('2026-10-01'),
        acceptBy: t('2026-10-02'),
        closedAt: t('2026-10-05'),
        closeBy: t('2026-10-04'),
        visit: '满意',
      },
      {
        acceptedAt: t('2026-10-03'),
        acceptBy: t('2026-10-02'),
        closedAt: null,
        closeBy: t('2026-10-20'),
        visit: '不满意',
      },
      { acceptedAt: null, acceptBy: t('2026-10-02'), closedAt: null, closeBy: null, visit: null },
    ]);
    expect(r).toEqual({ cases: 3, onTimeAcceptance: 1 / 2, onTimeCompletion: 0, visitSatisfaction: 1 / 2 });
  });
});
