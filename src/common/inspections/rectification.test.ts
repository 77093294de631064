import { describe, expect, it } from 'vitest';
import {
  ALLOWED,
  applyEvent,
  CALENDAR_DAYS,
  type DayCounter,
  DEFAULT_RECTIFICATION_RULES,
  deadlineStatus,
  newProblem,
  objectionWindow,
  type Problem,
  type ProblemEvent,
  type ProblemStatus,
  type RectificationRules,
  recheckOverdue,
  replay,
} from './rectification.js';

const P0 = newProblem({
  id: 'p1',
  schoolId: 's1',
  source: { kind: 'inspection', ref: 'visit-1', criterionCode: 'A2.2' },
  category: '教学',
  severity: '一般',
  description: '课程未开齐',
});

const ORDER: ProblemEvent = { type: 'order', at: '2026-03-01', by: 'insp', unit: '某小学', person: '王校长' };
const RESPOND: ProblemEvent = {
  type: 'respond',
  at: '2026-03-20',
  by: 'school',
  report: '已补齐课表',
  evidence: ['f1'],
};
const PASS: ProblemEvent = { type: 'verify', at: '2026-03-25', by: 'verifier', fixed: true, fullyFixed: true };
const FAIL: ProblemEvent = {
  type: 'verify',
  at: '2026-03-25',
  by: 'verifier',
  fixed: true,
  fullyFixed: false,
  reason: '音乐课仍未开',
};

function run(events: ProblemEvent[], rules: RectificationRules = DEFAULT_RECTIFICATION_RULES): Problem {
  const r = replay(P0, events, rules);
  if (!r.ok) throw new Error(`refused at ${r.index}: ${r.error}`);
  return r.problem;
}

function refusal(p: Problem, e: ProblemEvent, rules: RectificationRules = DEFAULT_RECTIFICATION_RULES): string {
  const r = applyEvent(p, e, rules);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('calendar days', () => {
  it('adds and counts days across month ends and leap years', () => {
    expect(CALENDAR_DAYS.addDays('2026-03-01', 30)).toBe('2026-03-31');
    expect(CALENDAR_DAYS.addDays('2028-02-15', 15)).toBe('2028-03-01'); // 2028 is a leap year
    expect(CALENDAR_DAYS.daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
    expect(() => CALENDAR_DAYS.daysBetween('2026-02-30', '2026-03-01')).toThrow('无效日期');
  });
});

describe('the full loop', () => {
  it('order (30 days) → respond → rejected → respond again → 回头看 passes → 销号', () => {
    const p = run([
      ORDER,
      RESPOND,
      FAIL,
      { ...RESPOND, at: '2026-03-28' },
      { ...PASS, at: '2026-04-02', by: 'verifier2' },
    ]);
    expect(p.status).toBe('closed');
    expect(p.deadline).toBe('2026-03-31'); // 1 March + 30 days; kept after the rejection
    expect(p.rejections).toBe(1);
    expect(p.history.map((h) => `${h.from}→${h.to}`)).toEqual([
      'found→ordered',
      'ordered→responded',
      'responded→ordered',
      'ordered→responded',
      'responded→closed',
    ]);
    expect(P0.status).toBe('found'); // inputs are not changed
  });

  it('deadline by severity, and an explicit deadline', () => {
    const rules = { ...DEFAULT_RECTIFICATION_RULES, deadlineDaysBySeverity: { 重大: 15 } };
    const serious = replay({ ...P0, severity: '重大' }, [ORDER], rules);
    expect(serious.ok && serious.problem.deadline).toBe('2026-03-16');
    expect(run([{ ...ORDER, deadline: '2026-03-10' } as ProblemEvent]).deadline).toBe('2026-03-10');
  });

  it('a rejection resets the deadline when the rule says so (25 March + 10 = 4 April)', () => {
    const rules: RectificationRules = { ...DEFAULT_RECTIFICATION_RULES, onRejected: { kind: 'reset', days: 10 } };
    expect(run([ORDER, RESPOND, FAIL], rules).deadline).toBe('2026-04-04');
  });

  it('三不放过: with public satisfaction required, fixed + fully fixed alone does not close', () => {
    const rules = { ...DEFAULT_RECTIFICATION_RULES, requirePublicSatisfaction: true };
    const responded = run([ORDER, RESPOND], rules);
    expect(refusal(responded, PASS, rules)).toBe('核验不通过须写明理由');
    const back = applyEvent(responded, { ...PASS, reason: '家长仍不满意' }, rules);
    expect(back.ok && back.problem.status).toBe('ordered');
    const closed = applyEvent(responded, { ...PASS, publicSatisfied: true }, rules);
    expect(closed.ok && closed.problem.status).toBe('closed');
  });

  it('a closed problem is reopened with a reason and a new deadline', () => {
    const closed = run([ORDER, RESPOND, PASS]);
    expect(refusal(closed, { type: 'reopen', at: '2026-06-01', by: 'insp', reason: ' ' })).toBe('重新打开须写明理由');
    const r = applyEvent(closed, { type: 'reopen', at: '2026-06-01', by: 'insp', reason: '复发' });
    expect(r.ok && r.problem.status).toBe('ordered');
    expect(r.ok && r.problem.deadline).toBe('2026-07-01');
  });
});

describe('refused transitions', () => {
  const states: Record<ProblemStatus, Problem> = {
    found: P0,
    ordered: run([ORDER]),
    objected: run([ORDER, { type: 'object', at: '2026-03-05', by: 'school', reason: '已开齐' }]),
    responded: run([ORDER, RESPOND]),
    closed: run([ORDER, RESPOND, PASS]),
    withdrawn: run([
      ORDER,
      { type: 'object', at: '2026-03-05', by: 'school', reason: '已开齐' },
      { type: 'decideObjection', at: '2026-03-10', by: 'bureau', upheld: true, reason: '异议成立' },
    ]),
  };
  const sample: Record<ProblemEvent['type'], ProblemEvent> = {
    order: { ...ORDER, at: '2026-07-01' },
    object: { type: 'object', at: '2026-07-01', by: 'school', reason: 'r' },
    decideObjection: { type: 'decideObjection', at: '2026-07-01', by: 'b', upheld: false, reason: 'r' },
    respond: { ...RESPOND, at: '2026-07-01' },
    verify: { ...PASS, at: '2026-07-01' },
    close: { type: 'close', at: '2026-07-01', by: 'insp' },
    reopen: { type: 'reopen', at: '2026-07-01', by: 'insp', reason: 'r' },
  };

  it('every event not allowed in a state is refused, naming the state', () => {
    let refused = 0;
    for (const [status, p] of Object.entries(states) as [ProblemStatus, Problem][]) {
      expect(p.status).toBe(status);
      for (const [type, e] of Object.entries(sample) as [ProblemEvent['type'], ProblemEvent][]) {
        if (ALLOWED[status].includes(type)) continue;
        expect(applyEvent(p, e).ok).toBe(false);
        refused++;
      }
    }
    // 6 states × 7 events − 6 allowed pairs (order; object, respond; decideObjection; verify; reopen)
    expect(refused).toBe(36);
    expect(refusal(states.found, sample.respond)).toBe('当前状态「待下达」不允许此操作（respond）');
  });

  it('never closes without a passed verification (seed-004 W8), in any state', () => {
    for (const p of Object.values(states)) {
      expect(refusal(p, sample.close)).toBe('问题只能在核验（回头看）通过后销号，不能直接销号');
    }
    expect(refusal(states.ordered, sample.verify)).toContain('不允许此操作');
  });

  it('the reporter cannot verify their own report', () => {
    expect(refusal(states.responded, { ...PASS, by: 'school' })).toBe('核验人不能是整改报告的提交人');
  });

  it('bad input: deadline in the past, no responsible person, no evidence, empty report, date going back', () => {
    expect(refusal(P0, { ...ORDER, deadline: '2026-02-28' } as ProblemEvent)).toBe('整改期限不能早于下达日期');
    expect(refusal(P0, { ...ORDER, person: '' } as ProblemEvent)).toBe('整改通知须写明责任单位和责任人');
    expect(refusal(states.ordered, { ...RESPOND, evidence: [] } as ProblemEvent)).toBe('整改报告须附佐证材料');
    expect(refusal(states.ordered, { ...RESPOND, report: '' } as ProblemEvent)).toBe('整改报告不能为空');
    expect(refusal(states.ordered, { ...RESPOND, at: '2026-02-01' })).toBe('操作日期不能早于上一步操作的日期');
    expect(refusal(P0, { ...ORDER, at: '2026-02-30' })).toBe('日期格式应为 YYYY-MM-DD 的有效日期');
    expect(refusal(P0, { ...ORDER, deadline: '31/03/2026' } as ProblemEvent)).toBe(
      '日期格式应为 YYYY-MM-DD 的有效日期',
    );
    const noEvidence = { ...DEFAULT_RECTIFICATION_RULES, evidenceRequired: false };
    expect(applyEvent(states.ordered, { ...RESPOND, evidence: [] } as ProblemEvent, noEvidence).ok).toBe(true);
  });
});

describe('objection (15 days) and re-check (30 days)', () => {
  const ordered = run([ORDER]);
  const obj = (at: string): ProblemEvent => ({ type: 'object', at, by: 'school', reason: '不属实' });

  it('accepted on day 15 (16 March), refused on day 16', () => {
    expect(objectionWindow(ordered, '2026-03-16')).toEqual({ open: true, closesOn: '2026-03-16' });
    expect(objectionWindow(ordered, '2026-03-17').open).toBe(false);
    expect(applyEvent(ordered, obj('2026-03-16')).ok).toBe(true);
    expect(refusal(ordered, obj('2026-03-17'))).toBe('异议期（下达后 15 天）已过');
  });

  it('re-check due 30 days after the objection; a rejected objection keeps the deadline; only one objection', () => {
    const objected = run([ORDER, obj('2026-03-05')]);
    expect(objected.recheckDue).toBe('2026-04-04');
    expect(recheckOverdue(objected, '2026-04-04')).toBe(false);
    expect(recheckOverdue(objected, '2026-04-05')).toBe(true);
    const back = run([
      ORDER,
      obj('2026-03-05'),
      { type: 'decideObjection', at: '2026-03-20', by: 'bureau', upheld: false, reason: '问题属实' },
    ]);
    expect(back.status).toBe('ordered');
    expect(back.deadline).toBe('2026-03-31');
    expect(refusal(back, obj('2026-03-21'))).toBe('同一问题只能提出一次异议');
  });
});

describe('overdue', () => {
  const ordered = run([ORDER]); // deadline 2026-03-31

  it('not overdue on the deadline day itself; 1 day overdue the day after', () => {
    expect(deadlineStatus(ordered, '2026-03-30')).toEqual({
      deadline: '2026-03-31',
      daysLeft: 1,
      overdue: false,
      daysOverdue: 0,
    });
    expect(deadlineStatus(ordered, '2026-03-31')).toMatchObject({ daysLeft: 0, overdue: false });
    expect(deadlineStatus(ordered, '2026-04-01')).toMatchObject({ daysLeft: -1, overdue: true, daysOverdue: 1 });
  });

  it('a report filed in time stops the clock; a late report is recorded as late', () => {
    expect(deadlineStatus(run([ORDER, RESPOND]), '2026-05-01').overdue).toBe(false);
    expect(run([ORDER, RESPOND]).lastReportLate).toBe(false);
    expect(run([ORDER, { ...RESPOND, at: '2026-03-31' }]).lastReportLate).toBe(false);
    expect(run([ORDER, { ...RESPOND, at: '2026-04-01' }]).lastReportLate).toBe(true);
  });

  it('the day counter is a parameter (a counter that skips Sundays, for illustration)', () => {
    // Counts days from → to excluding Sundays. 2026-03-29 is a Sunday.
    const noSundays: DayCounter = {
      addDays: CALENDAR_DAYS.addDays,
      daysBetween: (from, to) => {
        const sign = CALENDAR_DAYS.daysBetween(from, to) < 0 ? -1 : 1;
        const [a, b] = sign > 0 ? [from, to] : [to, from];
        let n = 0;
        for (let d = a; d !== b; d = CALENDAR_DAYS.addDays(d, 1)) {
          if (new Date(`${CALENDAR_DAYS.addDays(d, 1)}T00:00:00Z`).getUTCDay() !== 0) n++;
        }
        return sign * n;
      },
    };
    // 28 March → 31 March: 29 (Sun) skipped → 2 counted days (30, 31)
    expect(deadlineStatus(ordered, '2026-03-28', noSundays).daysLeft).toBe(2);
    expect(deadlineStatus(ordered, '2026-03-28').daysLeft).toBe(3);
  });
});
