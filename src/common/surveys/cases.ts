/**
 * Concerns and complaints (诉求办理): the state machine, time limits on the working-day calendar, and the per-school
 * rates. The lifecycle follows the 12345 convention (anchors-platform §6): 受理 → 签收 → 办理 → 答复 → 回访 → 办结,
 * with 退回 (wrong unit, back to the bureau for dispatch), 待补充 (the clock stops) and 重办 (reopened after an
 * unsatisfied 回访). No limit comes from the seeds (seed-004 §0: "no response deadlines at all"), so the limits are
 * data with configurable defaults (签收 1, 答复 5, 办结 15 working days; urgent: same day, 1, 3).
 *
 * Clocks: every limit counts from the case's dispatch (`clockStart`: received, re-dispatched after 退回, or reopened
 * for 重办) in working days, moved later by the working days spent in 待补充 (WorkingCalendar.deadline).
 *   on-time acceptance rate   = cases accepted by their 签收 deadline ÷ cases accepted
 *   on-time completion rate   = cases closed by their 办结 deadline ÷ cases closed
 *   回访 satisfaction rate     = (满意 + 基本满意) ÷ cases with a 回访 verdict (the survey rule, no 不了解 here)
 * Each rate is null when its denominator is 0.
 */
import type { WorkingCalendar } from '../calendar/working-calendar.js';

export const CASE_CATEGORIES = [
  '收费',
  '有偿补课',
  '食堂',
  '校车',
  '安全',
  '师德',
  '教学',
  '入学',
  '作业负担',
  '其他',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_CHANNELS = ['public', 'phone', 'hotline12345', 'survey'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export type Urgency = 'normal' | 'urgent';

export const CASE_STATES = ['pending', 'handling', 'supplement', 'replied', 'visited', 'closed', 'returned'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  pending: '待签收',
  handling: '办理中',
  supplement: '待补充',
  replied: '已答复',
  visited: '已回访',
  closed: '已办结',
  returned: '已退回',
};

export type CaseAction =
  | 'accept'
  | 'return'
  | 'assign'
  | 'request_info'
  | 'resume'
  | 'reply'
  | 'visit'
  | 'close'
  | 'reopen';
export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '签收',
  return: '退回',
  assign: '派单',
  request_info: '待补充',
  resume: '恢复办理',
  reply: '答复',
  visit: '回访',
  close: '办结',
  reopen: '重办',
};

export type VisitVerdict = '满意' | '基本满意' | '不满意';

/** Which action leads from which state to which. */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, { from: readonly CaseState[]; to: CaseState }>> = {
  accept: { from: ['pending'], to: 'handling' },
  return: { from: ['pending'], to: 'returned' },
  assign: { from: ['returned'], to: 'pending' },
  request_info: { from: ['handling'], to: 'supplement' },
  resume: { from: ['supplement'], to: 'handling' },
  reply: { from: ['handling'], to: 'replied' },
  visit: { from: ['replied'], to: 'visited' },
  close: { from: ['visited'], to: 'closed' },
  reopen: { from: ['visited'], to: 'handling' },
};

/** The actions possible in a state (the UI's buttons). */
export function actionsFrom(state: CaseState): CaseAction[] {
  return (Object.keys(CASE_TRANSITIONS) as CaseAction[]).filter((a) => CASE_TRANSITIONS[a].from.includes(state));
}

/**
 * The next state, or an error text: 重办 needs an unsatisfied 回访 and 办结 a recorded 回访 verdict (the closure
 * gate: nothing closes without a resolution and a check).
 */
export function nextState(
  state: CaseState,
  action: CaseAction,
  visit: VisitVerdict | null,
): { to: CaseState } | { error: string } {
  const t = CASE_TRANSITIONS[action];
  if (!t.from.includes(state)) return { error: `${CASE_STATE_LABELS[state]}的诉求不能${CASE_ACTION_LABELS[action]}` };
  if (action === 'reopen' && visit !== '不满意') return { error: '只有回访不满意的诉求才能重办' };
  if (action === 'close' && visit === null) return { error: '办结前须记录回访结果' };
  return { to: t.to };
}

/** Time limits of one category and urgency, in working days (0 = the same working day). */
export interface TimeLimits {
  acceptDays: number;
  replyDays: number;
  closeDays: number;
}

/** The defaults (see the header); a county's rows per category override them. */
export const DEFAULT_TIME_LIMITS: Readonly<Record<Urgency, TimeLimits>> = {
  normal: { acceptDays: 1, replyDays: 5, closeDays: 15 },
  urgent: { acceptDays: 0, replyDays: 1, closeDays: 3 },
};

export interface Pause {
  from: Date;
  to: Date | null;
}

export interface CaseClock {
  clockStart: Date;
  pauses: readonly Pause[];
  limits: TimeLimits;
}

/** The three deadlines of a case (null while the clock is stopped in 待补充). */
export function caseDeadlines(cal: WorkingCalendar, c: CaseClock) {
  return {
    acceptBy: cal.deadline(c.clockStart, c.limits.acceptDays),
    replyBy: cal.deadline(c.clockStart, c.limits.replyDays, c.pauses),
    closeBy: cal.deadline(c.clockStart, c.limits.closeDays, c.pauses),
  };
}

/** What a case needs now: its current deadline and whether it is past it (催办 and escalation use this). */
export function caseDue(
  cal: WorkingCalendar,
  c: CaseClock & { state: CaseState },
  now: Date,
): { stage: 'accept' | 'reply' | 'close' | null; due: Date | null; overdue: boolean } {
  const d = caseDeadlines(cal, c);
  const stage =
    c.state === 'pending'
      ? 'accept'
      : c.state === 'handling' || c.state === 'supplement'
        ? 'reply'
        : c.state === 'replied' || c.state === 'visited'
          ? 'close'
          : null;
  const due = stage === 'accept' ? d.acceptBy : stage === 'reply' ? d.replyBy : stage === 'close' ? d.closeBy : null;
  return { stage, due, overdue: due !== null && now.getTime() > due.getTime() };
}

export interface CaseForRates {
  acceptedAt: Date | null;
  acceptBy: Date | null;
  closedAt: Date | null;
  closeBy: Date | null;
  visit: VisitVerdict | null;
}

/** The per-school rates of the header. */
export function caseRates(cases: readonly CaseForRates[]) {
  const accepted = cases.filter((c) => c.acceptedAt);
  const closed = cases.filter((c) => c.closedAt);
  const visited = cases.filter((c) => c.visit);
  const onTime = (at: Date | null, by: Date | null) => at !== null && by !== null && at.getTime() <= by.getTime();
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    cases: cases.length,
    onTimeAcceptance: ratio(accepted.filter((c) => onTime(c.acceptedAt, c.acceptBy)).length, accepted.length),
    onTimeCompletion: ratio(closed.filter((c) => onTime(c.closedAt, c.closeBy)).length, closed.length),
    visitSatisfaction: ratio(visited.filter((c) => c.visit !== '不满意').length, visited.length),
  };
}
