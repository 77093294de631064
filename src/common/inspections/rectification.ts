/**
 * The rectification ledger (问题整改台账) as a pure state machine: problem → order (整改通知书, with a deadline) →
 * school response with evidence → verification (核验 / 回头看) → closed (销号). Failed verification sends the problem
 * back to the school. Sources of the rules:
 * - seed-004 W8 (L51): "一个整改一个、销号一个，整改不到位、不彻底的坚决不予销号" — close only after a passed
 *   verification; there is no other way into `closed`.
 * - seed-003 W32: "三不放过" — 有问题不整改不放过、整改不到位不放过、群众不满意不放过: the verification records the
 *   three gates (fixed, fully fixed, public satisfied); the third is required when the rules say so.
 * - anchors-platform §7: the school reports 整改措施和整改情况 within 30 days; objection within 15 days → 复查
 *   decision within 30 days. All three are data (`RectificationRules`), not constants in code.
 * - issue 4: a verification by the same person who filed the report is refused; an accepted (closed) problem is not
 *   edited, only reopened with a reason; a deadline in the past is refused.
 *
 * Dates are calendar dates "YYYY-MM-DD". Day counting is a parameter (`DayCounter`), so a working-day calendar can
 * replace `CALENDAR_DAYS` later without touching the machine.
 */

import { addDays, daysBetween } from '../calendar/dates.js';

/** Counts days between dates and moves dates by days. */
export interface DayCounter {
  /** The date n days after `date` (n may be negative). */
  addDays(date: string, n: number): string;
  /** Days from `from` to `to` (negative when `to` is earlier); same day = 0. */
  daysBetween(from: string, to: string): number;
}

function parseDate(d: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`日期格式应为 YYYY-MM-DD：${d}`);
  const ms = Date.parse(`${d}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== d) throw new Error(`无效日期：${d}`);
  return ms;
}

/** Whether a string is a valid calendar date "YYYY-MM-DD". */
export function isDate(d: string): boolean {
  try {
    parseDate(d);
    return true;
  } catch {
    return false;
  }
}

/** Plain calendar days (自然日), in UTC so that no time zone or DST shifts a date. */
export const CALENDAR_DAYS: DayCounter = {
  addDays: (date, n) => {
    parseDate(date);
    return addDays(date, n);
  },
  daysBetween: (from, to) => {
    parseDate(from);
    parseDate(to);
    return daysBetween(from, to);
  },
};

/** What happens to the deadline when a verification fails: kept, or reset to n days from the verification. */
export type OnRejected = { kind: 'keep' } | { kind: 'reset'; days: number };

export interface RectificationRules {
  /** Days from the order to the deadline (anchors-platform §7: 30). */
  deadlineDays: number;
  /** Overrides by severity, e.g. { 重大: 15 }. */
  deadlineDaysBySeverity?: Record<string, number>;
  /** Days after the order within which the school may object (anchors-platform §7: 15; the last day included). */
  objectionDays: number;
  /** Days after an objection within which the 复查 decision is due (anchors-platform §7: 30). */
  recheckDays: number;
  onRejected: OnRejected;
  /** Days given when a closed problem is reopened. */
  reopenDays: number;
  /** The school's response must carry at least one evidence file. */
  evidenceRequired: boolean;
  /** 三不放过's third gate (群众满意) must be met to close. */
  requirePublicSatisfaction: boolean;
}

export const DEFAULT_RECTIFICATION_RULES: RectificationRules = {
  deadlineDays: 30,
  objectionDays: 15,
  recheckDays: 30,
  onRejected: { kind: 'keep' },
  reopenDays: 30,
  evidenceRequired: true,
  requirePublicSatisfaction: false,
};

export type ProblemStatus =
  | 'found' // 问题已确认，待下达整改通知
  | 'ordered' // 整改中
  | 'objected' // 异议复查中
  | 'responded' // 已报告，待核验
  | 'closed' // 已销号
  | 'withdrawn'; // 异议成立，撤销

export const STATUS_LABELS: Record<ProblemStatus, string> = {
  found: '待下达',
  ordered: '整改中',
  objected: '异议复查中',
  responded: '待核验',
  closed: '已销号',
  withdrawn: '已撤销',
};

export interface ProblemSource {
  /** 'inspection' now; surveys, complaints and targets add theirs. */
  kind: string;
  ref?: string;
  criterionCode?: string;
}

export interface HistoryEntry {
  at: string;
  type: ProblemEvent['type'];
  by: string;
  from: ProblemStatus;
  to: ProblemStatus;
  note?: string;
}

export interface Problem {
  id: string;
  schoolId: string;
  source: ProblemSource;
  category: string;
  severity: string;
  description: string;
  /** 挂牌督办 (seed-003 L502). */
  flagged: boolean;
  status: ProblemStatus;
  orderedAt: string | null;
  deadline: string | null;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  objectionFiledAt: string | null;
  /** 复查 decision due (objection date + recheckDays). */
  recheckDue: string | null;
  /** Who filed the latest rectification report (the verifier must be someone else). */
  lastReportBy: string | null;
  lastReportLate: boolean | null;
  /** Failed verifications so far. */
  rejections: number;
  history: HistoryEntry[];
}

export type ProblemEvent =
  | { type: 'order'; at: string; by: string; unit: string; person: string; deadline?: string }
  | { type: 'object'; at: string; by: string; reason: string }
  | { type: 'decideObjection'; at: string; by: string; upheld: boolean; reason: string }
  | { type: 'respond'; at: string; by: string; report: string; evidence: string[] }
  | {
      type: 'verify';
      at: string;
      by: string;
      fixed: boolean;
      fullyFixed: boolean;
      publicSatisfied?: boolean;
      reason?: string;
    }
  | { type: 'close'; at: string; by: string }
  | { type: 'reopen'; at: string; by: string; reason: string };

export type Transition = { ok: true; problem: Problem } | { ok: false; error: string };

/** A new problem in state `found`. */
export function newProblem(p: {
  id: string;
  schoolId: string;
  source: ProblemSource;
  category: string;
  severity: string;
  description: string;
  flagged?: boolean;
}): Problem {
  return {
    ...p,
    flagged: p.flagged ?? false,
    status: 'found',
    orderedAt: null,
    deadline: null,
    responsibleUnit: null,
    responsiblePerson: null,
    objectionFiledAt: null,
    recheckDue: null,
    lastReportBy: null,
    lastReportLate: null,
    rejections: 0,
    history: [],
  };
}

/** Deadline days for a severity: the override if any, else the default. */
export function deadlineDaysFor(rules: RectificationRules, severity: string): number {
  return rules.deadlineDaysBySeverity?.[severity] ?? rules.deadlineDays;
}

/**
 * Whether verification gates pass (三不放过): fixed and fully fixed, and public satisfied when required.
 */
export function gatesPass(
  e: { fixed: boolean; fullyFixed: boolean; publicSatisfied?: boolean },
  rules: RectificationRules,
): boolean {
  return e.fixed && e.fullyFixed && (!rules.requirePublicSatisfaction || e.publicSatisfied === true);
}

/** Events allowed in each state (everything else is refused). */
export const ALLOWED: Record<ProblemStatus, ProblemEvent['type'][]> = {
  found: ['order'],
  ordered: ['object', 'respond'],
  objected: ['decideObjection'],
  responded: ['verify'],
  closed: ['reopen'],
  withdrawn: [],
};

const refuse = (error: string): Transition => ({ ok: false, error });

/**
 * Applies one event; returns the new problem (the input is not changed) or a refusal in Chinese.
 * - order (found → ordered): deadline = at + deadlineDaysFor(severity), or an explicit date not before `at`.
 * - object (ordered → objected): only while daysBetween(orderedAt, at) ≤ objectionDays; recheckDue = at + recheckDays.
 * - decideObjection (objected → withdrawn | ordered): upheld withdraws the problem; rejected returns it with the
 *   deadline kept.
 * - respond (ordered → responded): a report, and evidence when the rules require it; a late report is accepted
 *   and recorded as late.
 * - verify (responded → closed | ordered): by someone other than the reporter; passes only on the gates; a failure
 *   needs a reason and applies `onRejected` to the deadline.
 * - close: always refused — closing happens only through a passed verification (seed-004 W8).
 * - reopen (closed → ordered): needs a reason; new deadline = at + reopenDays.
 */
export function applyEvent(
  p: Problem,
  e: ProblemEvent,
  rules: RectificationRules = DEFAULT_RECTIFICATION_RULES,
  days: DayCounter = CALENDAR_DAYS,
): Transition {
  if (e.type === 'close') return refuse('问题只能在核验（回头看）通过后销号，不能直接销号');
  if (!isDate(e.at) || (e.type === 'order' && e.deadline !== undefined && !isDate(e.deadline))) {
    return refuse('日期格式应为 YYYY-MM-DD 的有效日期');
  }
  if (!ALLOWED[p.status].includes(e.type)) {
    return refuse(`当前状态「${STATUS_LABELS[p.status]}」不允许此操作（${e.type}）`);
  }
  const last = p.history[p.history.length - 1];
  if (last && days.daysBetween(last.at, e.at) < 0) return refuse('操作日期不能早于上一步操作的日期');
  const next: Problem = { ...p, history: [...p.history] };
  const done = (to: ProblemStatus, note?: string): Transition => {
    next.history.push({ at: e.at, type: e.type, by: e.by, from: p.status, to, ...(note ? { note } : {}) });
    next.status = to;
    return { ok: true, problem: next };
  };
  switch (e.type) {
    case 'order': {
      if (!e.unit.trim() || !e.person.trim()) return refuse('整改通知须写明责任单位和责任人');
      const deadline = e.deadline ?? days.addDays(e.at, deadlineDaysFor(rules, p.severity));
      if (days.daysBetween(e.at, deadline) < 0) return refuse('整改期限不能早于下达日期');
      next.orderedAt = e.at;
      next.deadline = deadline;
      next.responsibleUnit = e.unit;
      next.responsiblePerson = e.person;
      return done('ordered');
    }
    case 'object': {
      if (!e.reason.trim()) return refuse('异议须写明理由');
      if (p.objectionFiledAt !== null) return refuse('同一问题只能提出一次异议');
      if (days.daysBetween(p.orderedAt!, e.at) > rules.objectionDays) {
        return refuse(`异议期（下达后 ${rules.objectionDays} 天）已过`);
      }
      next.objectionFiledAt = e.at;
      next.recheckDue = days.addDays(e.at, rules.recheckDays);
      return done('objected', e.reason);
    }
    case 'decideObjection': {
      if (!e.reason.trim()) return refuse('复查决定须写明理由');
      return done(e.upheld ? 'withdrawn' : 'ordered', e.reason);
    }
    case 'respond': {
      if (!e.report.trim()) return refuse('整改报告不能为空');
      if (rules.evidenceRequired && e.evidence.length === 0) return refuse('整改报告须附佐证材料');
      next.lastReportBy = e.by;
      next.lastReportLate = days.daysBetween(p.deadline!, e.at) > 0;
      return done('responded', e.report);
    }
    case 'verify': {
      if (e.by === p.lastReportBy) return refuse('核验人不能是整改报告的提交人');
      if (gatesPass(e, rules)) return done('closed', e.reason);
      if (!e.reason?.trim()) return refuse('核验不通过须写明理由');
      next.rejections = p.rejections + 1;
      if (rules.onRejected.kind === 'reset') next.deadline = days.addDays(e.at, rules.onRejected.days);
      return done('ordered', e.reason);
    }
    case 'reopen': {
      if (!e.reason.trim()) return refuse('重新打开须写明理由');
      next.deadline = days.addDays(e.at, rules.reopenDays);
      next.lastReportBy = null;
      next.lastReportLate = null;
      return done('ordered', e.reason);
    }
  }
}

/** Applies events in order; stops at the first refusal (returning it with the index of the refused event). */
export function replay(
  p: Problem,
  events: ProblemEvent[],
  rules: RectificationRules = DEFAULT_RECTIFICATION_RULES,
  days: DayCounter = CALENDAR_DAYS,
): { ok: true; problem: Problem } | { ok: false; error: string; index: number; problem: Problem } {
  let cur = p;
  for (let i = 0; i < events.length; i++) {
    const r = applyEvent(cur, events[i], rules, days);
    if (!r.ok) return { ok: false, error: r.error, index: i, problem: cur };
    cur = r.problem;
  }
  return { ok: true, problem: cur };
}

export interface DeadlineStatus {
  deadline: string | null;
  /** Days from today to the deadline (0 on the deadline day; negative once past). */
  daysLeft: number | null;
  /** The deadline is today or later is fine; overdue means today is after the deadline while the school owes a report. */
  overdue: boolean;
  daysOverdue: number;
}

/**
 * Overdue status on `today`. The deadline day itself is not overdue (the report is due by the end of that day);
 * the day after is 1 day overdue. Only a problem waiting on the school (`ordered`) can be overdue.
 */
export function deadlineStatus(p: Problem, today: string, days: DayCounter = CALENDAR_DAYS): DeadlineStatus {
  if (p.deadline === null) return { deadline: null, daysLeft: null, overdue: false, daysOverdue: 0 };
  const daysLeft = days.daysBetween(today, p.deadline);
  const overdue = p.status === 'ordered' && daysLeft < 0;
  return { deadline: p.deadline, daysLeft, overdue, daysOverdue: overdue ? -daysLeft : 0 };
}

/**
 * The objection window: open while the problem is `ordered`, no objection has been filed, and today is at most
 * `objectionDays` after the order. `closesOn` is the last day an objection is accepted.
 */
export function objectionWindow(
  p: Problem,
  today: string,
  rules: RectificationRules = DEFAULT_RECTIFICATION_RULES,
  days: DayCounter = CALENDAR_DAYS,
): { open: boolean; closesOn: string | null } {
  if (p.orderedAt === null) return { open: false, closesOn: null };
  const closesOn = days.addDays(p.orderedAt, rules.objectionDays);
  const open = p.status === 'ordered' && p.objectionFiledAt === null && days.daysBetween(today, closesOn) >= 0;
  return { open, closesOn };
}

/** Whether the 复查 decision on an objection is late: still `objected` after `recheckDue`. */
export function recheckOverdue(p: Problem, today: string, days: DayCounter = CALENDAR_DAYS): boolean {
  return p.status === 'objected' && p.recheckDue !== null && days.daysBetween(p.recheckDue, today) > 0;
}
