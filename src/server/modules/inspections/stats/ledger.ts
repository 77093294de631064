/**
 * Ledger statistics (pure): closure rate and mean days to close per school, ageing of open problems, recurrence.
 */
import { CALENDAR_DAYS } from '../../../../common/inspections/index.js';

export interface LedgerProblem {
  id: number;
  schoolId: number;
  status: string;
  createdOn: string;
  closedOn: string | null;
  /** The template family and criterion it came from (null for problems of other sources). */
  criterionKey: string | null;
}

export interface ClosureRow {
  schoolId: number;
  /** Problems counted: every problem but withdrawn ones (异议成立，撤销). */
  total: number;
  closed: number;
  /** closed ÷ total; null when total = 0. */
  closureRate: number | null;
  /** Mean over closed problems of (closedOn − createdOn) in calendar days; null when none closed. */
  meanDaysToClose: number | null;
}

/** Closure rate = closed ÷ (all − withdrawn); mean days to close = Σ(closedOn − createdOn) ÷ closed. Per school. */
export function closureBySchool(problems: LedgerProblem[]): ClosureRow[] {
  const by = new Map<number, LedgerProblem[]>();
  for (const p of problems) {
    if (p.status === 'withdrawn') continue;
    by.set(p.schoolId, [...(by.get(p.schoolId) ?? []), p]);
  }
  return [...by]
    .map(([schoolId, ps]) => {
      const closed = ps.filter((p) => p.status === 'closed' && p.closedOn);
      const days = closed.map((p) => CALENDAR_DAYS.daysBetween(p.createdOn, p.closedOn!));
      return {
        schoolId,
        total: ps.length,
        closed: closed.length,
        closureRate: ps.length ? Number((closed.length / ps.length).toPrecision(12)) : null,
        meanDaysToClose: days.length ? Number((days.reduce((s, d) => s + d, 0) / days.length).toPrecision(12)) : null,
      };
    })
    .sort((a, b) => a.schoolId - b.schoolId);
}

export const AGE_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;

/** Open problems (not closed, not withdrawn) by age in days since raised: 0–30, 31–60, 61–90, over 90. */
export function ageing(problems: LedgerProblem[], today: string): Record<(typeof AGE_BUCKETS)[number], number> {
  const out = { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
  for (const p of problems) {
    if (p.status === 'closed' || p.status === 'withdrawn') continue;
    const age = CALENDAR_DAYS.daysBetween(p.createdOn, today);
    out[age <= 30 ? '0-30' : age <= 60 ? '31-60' : age <= 90 ? '61-90' : '90+'] += 1;
  }
  return out;
}

/**
 * Recurrence: a problem is recurring when the same school had a problem on the same criterion (same template
 * family and criterion code) raised within the 365 days before it. Returns the ids of recurring problems.
 */
export function recurring(problems: LedgerProblem[]): Set<number> {
  const out = new Set<number>();
  const groups = new Map<string, LedgerProblem[]>();
  for (const p of problems) {
    if (!p.criterionKey) continue;
    const k = `${p.schoolId}|${p.criterionKey}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  for (const ps of groups.values()) {
    const sorted = [...ps].sort((a, b) => a.createdOn.localeCompare(b.createdOn) || a.id - b.id);
    for (let i = 1; i < sorted.length; i++) {
      const gap = CALENDAR_DAYS.daysBetween(sorted[i - 1].createdOn, sorted[i].createdOn);
      if (gap <= 365) out.add(sorted[i].id);
    }
  }
  return out;
}
