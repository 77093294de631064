/**
 * The school risk list for planning visits: one documented score that orders the schools (higher = visit sooner).
 *
 *   risk = overdue × (open problems past their deadline)
 *        + recurring × (criteria that failed again within a year)
 *        + lowScore × (1 − latest published total ÷ its full score)   [0 when the school has no published result]
 *        + monthsSinceVisit × min(months since the last visit, maxMonths)   [maxMonths when never visited]
 *
 * Weights are data (settings.ts; defaults 3, 2, 20, 1 and a 12-month cap): one overdue problem weighs as much as
 * three months without a visit; a latest result of 60% adds 8.
 */
export interface RiskWeights {
  overdue: number;
  recurring: number;
  lowScore: number;
  monthsSinceVisit: number;
  maxMonths: number;
}

export interface RiskInput {
  schoolId: number;
  overdue: number;
  recurring: number;
  /** Latest published total ÷ full score, or null. */
  latestRatio: number | null;
  /** Whole months since the last visit (null: never visited). */
  monthsSinceVisit: number | null;
}

export interface RiskRow extends RiskInput {
  score: number;
}

export function riskScore(x: RiskInput, w: RiskWeights): number {
  const months = Math.min(x.monthsSinceVisit ?? w.maxMonths, w.maxMonths);
  const low = x.latestRatio === null ? 0 : Math.max(0, 1 - x.latestRatio);
  return Number(
    (w.overdue * x.overdue + w.recurring * x.recurring + w.lowScore * low + w.monthsSinceVisit * months).toPrecision(
      12,
    ),
  );
}

/** Scores and orders schools: highest risk first, ties by school id. */
export function rankRisk(rows: RiskInput[], w: RiskWeights): RiskRow[] {
  return rows
    .map((r) => ({ ...r, score: riskScore(r, w) }))
    .sort((a, b) => b.score - a.score || a.schoolId - b.schoolId);
}

/** Whole months from `from` to `to` (dates YYYY-MM-DD): 2026-01-31 → 2026-02-28 is 0, → 2026-03-01 is 1. */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let m = (ty - fy) * 12 + (tm - fm);
  if (td < fd) m -= 1;
  return Math.max(0, m);
}
