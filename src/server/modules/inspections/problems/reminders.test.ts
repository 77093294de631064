import { describe, expect, it } from 'vitest';
import { dueReminders, type EscalationRules, escalationLevel } from './reminders.js';

const rules: EscalationRules = { remindDaysBefore: 3, schoolHeadAfterDays: 1, bureauAfterDays: 15 };
const p = (deadline: string, sent: ('before' | 'school_head' | 'bureau')[] = [], status = 'ordered') => ({
  id: 1,
  status,
  deadline,
  sent,
});
const kinds = (today: string, sent: ('before' | 'school_head' | 'bureau')[] = [], status = 'ordered') =>
  dueReminders([p('2026-03-31', sent, status)], today, rules).map((r) => r.kind);

describe('reminders and escalation on a fake clock (deadline 2026-03-31)', () => {
  it('says nothing more than 3 days before the deadline', () => {
    expect(kinds('2026-03-27')).toEqual([]);
  });
  it('reminds the school from 3 days before through the deadline day, once', () => {
    expect(kinds('2026-03-28')).toEqual(['before']);
    expect(kinds('2026-03-31')).toEqual(['before']);
    expect(kinds('2026-03-31', ['before'])).toEqual([]);
  });
  it('escalates to the school head the day after the deadline', () => {
    expect(kinds('2026-04-01', ['before'])).toEqual(['school_head']);
    expect(kinds('2026-04-14', ['before', 'school_head'])).toEqual([]);
  });
  it('escalates to the bureau 15 days overdue (2026-04-15), catching up on a missed head escalation', () => {
    expect(kinds('2026-04-15', ['before', 'school_head'])).toEqual(['bureau']);
    expect(kinds('2026-04-20', [])).toEqual(['school_head', 'bureau']);
  });
  it('ignores problems not waiting on the school', () => {
    expect(kinds('2026-04-20', [], 'responded')).toEqual([]);
    expect(kinds('2026-04-20', [], 'closed')).toEqual([]);
  });
  it('reports the escalation level reached', () => {
    expect(escalationLevel(['before'])).toBe(0);
    expect(escalationLevel(['before', 'school_head'])).toBe(1);
    expect(escalationLevel(['school_head', 'bureau'])).toBe(2);
  });
});
