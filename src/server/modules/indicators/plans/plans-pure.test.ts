import { describe, expect, it } from 'vitest';
import { cstDate, SHIPPED_CALENDAR_YEARS, WorkingCalendar } from '../../../../common/calendar/index.js';
import type { TaskView, UnitProgress } from './board.js';
import { rankUnits } from './bulletin.js';
import { formatGap, formatValue } from './format.js';
import { defaultPhases } from './phases.js';
import { checkRecurrence, occurrenceState, taskDues } from './tasks-due.js';

const calendar = new WorkingCalendar(SHIPPED_CALENDAR_YEARS);
const thursday = { kind: 'weekly', weekday: 4, time: '17:00', shift: 'previous' } as const;
const fmt = (d: Date) => `${cstDate(d)} ${d.toISOString().slice(11, 16)}Z`;

describe('weekly report every Thursday 17:00 (seed-004 W18) across the 2025 National Day week', () => {
  it('Thursday 10-02 is a holiday (10-01…10-08 off): due on the working day before, Tuesday 09-30 17:00', () => {
    const dues = taskDues({ due_date: null, recurrence: thursday }, '2025-09-22', '2025-10-19', calendar).map(fmt);
    // 17:00 China time is 09:00Z.
    expect(dues).toEqual(['2025-09-25 09:00Z', '2025-09-30 09:00Z', '2025-10-09 09:00Z', '2025-10-16 09:00Z']);
  });

  it("shift 'next' moves 10-02 to 10-09 — the same day as the next week's report; 'skip' drops it", () => {
    const next = taskDues(
      { due_date: null, recurrence: { ...thursday, shift: 'next' } },
      '2025-09-29',
      '2025-10-12',
      calendar,
    );
    expect(next.map(cstDate)).toEqual(['2025-10-09', '2025-10-09']);
    const skip = taskDues(
      { due_date: null, recurrence: { ...thursday, shift: 'skip' } },
      '2025-09-29',
      '2025-10-12',
      calendar,
    );
    expect(skip.map(cstDate)).toEqual(['2025-10-09']);
  });

  it('monthly on the 23rd (篇8 #162): 2025-08-23 is a Saturday → Friday 08-22; a one-off task is due at 23:59:59', () => {
    const monthly = { kind: 'monthly', day: 23, time: '17:00', shift: 'previous' } as const;
    expect(
      taskDues({ due_date: null, recurrence: monthly }, '2025-07-01', '2025-09-30', calendar).map(cstDate),
    ).toEqual(['2025-07-23', '2025-08-22', '2025-09-23']);
    const [once] = taskDues({ due_date: '2025-10-31', recurrence: null }, '2025-09-01', '2026-08-31', calendar);
    expect(once.toISOString()).toBe('2025-10-31T15:59:59.999Z');
    expect(taskDues({ due_date: '2026-10-31', recurrence: null }, '2025-09-01', '2026-08-31', calendar)).toEqual([]);
  });

  it('a report by the deadline is done, after it done late; nothing by then is overdue, before then open', () => {
    const deadline = new Date('2025-09-30T09:00:00Z');
    const at = (iso: string) => new Date(iso);
    const report = (reported_at: string, status = 'done') => ({
      task_id: 1,
      school_id: 1,
      due_date: '2025-09-30',
      status,
      reported_at: at(reported_at),
    });
    expect(occurrenceState(deadline, report('2025-09-30T08:59:00Z'), at('2025-10-10T00:00:00Z')).state).toBe('done');
    expect(occurrenceState(deadline, report('2025-09-30T09:01:00Z'), at('2025-10-10T00:00:00Z')).state).toBe(
      'done_late',
    );
    expect(
      occurrenceState(deadline, report('2025-09-29T00:00:00Z', 'in_progress'), at('2025-09-30T09:01:00Z')),
    ).toEqual({ state: 'overdue', status: 'in_progress' });
    expect(occurrenceState(deadline, undefined, at('2025-09-30T08:00:00Z')).state).toBe('open');
  });

  it('refuses bad rules with their reasons', () => {
    expect(checkRecurrence({ kind: 'weekly', weekday: 7, time: '5pm', shift: 'previous' })).toHaveLength(2);
    expect(checkRecurrence(thursday)).toEqual([]);
  });
});

describe('default phases (seed-000 §3.1 #8: 2 + 7 + 2 + 1 months)', () => {
  it('the school year 2025-09-01…2026-08-31 is cut at months as 篇1: 9–10月, 11–5月, 6–7月, 8月', () => {
    expect(defaultPhases('2025-09-01', '2026-08-31')).toEqual([
      { name: '组织发动', startDate: '2025-09-01', endDate: '2025-10-31' },
      { name: '全面实施', startDate: '2025-11-01', endDate: '2026-05-31' },
      { name: '整改深化', startDate: '2026-06-01', endDate: '2026-07-31' },
      { name: '总结表彰', startDate: '2026-08-01', endDate: '2026-08-31' },
    ]);
  });

  it('a span of part months is cut by days: 2026-03-10…2026-12-20 is 285 days → ends on days 47, 213, 261', () => {
    // ⌊285·2/12⌋ = 47 → 04-26; ⌊285·9/12⌋ = 213 → 10-09; ⌊285·11/12⌋ = 261 → 11-26.
    expect(defaultPhases('2026-03-10', '2026-12-20').map((p) => p.endDate)).toEqual([
      '2026-04-26',
      '2026-10-09',
      '2026-11-26',
      '2026-12-20',
    ]);
  });
});

const unit = (
  schoolId: number | null,
  name: string,
  dueCount: number,
  doneOnTime: number,
  overdueCount: number,
): UnitProgress => ({
  schoolId,
  name,
  dueCount,
  doneOnTime,
  overdueCount,
  dueDate: null,
  state: 'none',
  lastStatus: null,
});
const task = (units: UnitProgress[]): TaskView => ({
  id: 1,
  phaseId: null,
  title: 't',
  description: '',
  leadUnit: '教育局',
  responsiblePerson: '',
  dueDate: null,
  recurrence: null,
  evidenceRequired: '',
  units,
  overdue: 0,
});

describe('进展通报 ranking', () => {
  it('sums due dates over tasks: 甲 4/4 = 1, 乙 3/4 and 丙 3/4 share 2nd (乙 first by name order), 丁 1/2 4th; 戊 has none due', () => {
    const { ranked, nothingDue } = rankUnits([
      task([
        unit(1, '甲校', 2, 2, 0),
        unit(2, '乙校', 2, 1, 1),
        unit(3, '丙校', 2, 2, 0),
        unit(4, '丁校', 1, 0, 1),
        unit(5, '戊校', 0, 0, 0),
      ]),
      task([unit(1, '甲校', 2, 2, 0), unit(2, '乙校', 2, 2, 0), unit(3, '丙校', 2, 1, 1), unit(4, '丁校', 1, 1, 0)]),
    ]);
    expect(ranked.map((r) => [r.rank, r.name, r.doneOnTime, r.due, r.rate])).toEqual([
      [1, '甲校', 4, 4, 1],
      [2, '丙校', 3, 4, 0.75],
      [2, '乙校', 3, 4, 0.75],
      [4, '丁校', 1, 2, 0.5],
    ]);
    expect(nothingDue).toEqual(['戊校']);
  });
});

describe('numbers in documents', () => {
  it('percent ×100 with one decimal, gaps in points, ranks, null as —', () => {
    expect(formatValue('percent', 0.9534)).toBe('95.3%');
    expect(formatValue('percent', null)).toBe('—');
    expect(formatGap('percent', -0.0175)).toBe('-1.8个百分点');
    expect(formatGap('percent', 0.003)).toBe('+0.3个百分点');
    expect(formatValue('rank', 3)).toBe('第3名');
    expect(formatValue('count', 380)).toBe('380');
  });
});
