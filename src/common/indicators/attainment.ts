/**
 * Attainment of one target (issue 6 "Attainment: current value, target, gap, RAG status, trend"; seed-000 W17
 * "Status computed from actual results"). A missing value is grey — never 0.
 */
import { clean, ruleDirection, targetValue } from './targets.js';
import type { Direction, Period, Status, TargetRule } from './types.js';

/** Whole days since 1970-01-01 of an ISO date (YYYY-MM-DD), in UTC so that no time zone moves it. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/**
 * How much of a period has passed on `asOf`: (asOf − start) / (end − start) in days, clamped to [0, 1] — 0 on the
 * first day, 1 on the last day and after. Calendar 2025 (364 days from 01-01 to 12-31): 2025-07-02 → 182/364 = 0.5.
 * A one-day period is 0 before its day and 1 from it.
 */
export function elapsedFraction(period: Period, asOf: string): number {
  const s = dayNumber(period.start);
  const e = dayNumber(period.end);
  const a = dayNumber(asOf);
  if (e <= s) return a < s ? 0 : 1;
  return Math.min(1, Math.max(0, (a - s) / (e - s)));
}

/**
 * Gap signed in the direction that is better, so that ≥ 0 means met: higher → value − target, lower →
 * target − value. 及格率 0.953 against ≥ 0.95 → +0.003; 低分率 0.06 against ≤ 0.05 → −0.01. Null if either is null.
 */
export function gap(value: number | null, target: number | null, direction: Direction): number | null {
  if (value === null || target === null) return null;
  return clean(direction === 'higher' ? value - target : target - value);
}

/**
 * The attainment ratio (1 = exactly on target, above 1 = beyond it):
 * - change targets: achieved change / required change = (value − baseline) / (target − baseline), the same formula
 *   for both directions because both differences carry the same sign (低分率 0.09 → target 0.08, now 0.085 → 0.5);
 *   null when the baseline is unknown or the required change is 0;
 * - absolute, count and rank targets: higher-is-better → value / target; lower-is-better (低分率, ranks) →
 *   target / value (rank target 3, now 6th → 0.5); null when the divisor is 0.
 */
export function attainmentRatio(
  rule: TargetRule,
  value: number | null,
  target: number | null,
  baseline: number | null,
  direction: Direction,
): number | null {
  if (value === null || target === null) return null;
  if (rule.kind === 'change') {
    if (baseline === null || target === baseline) return null;
    return clean((value - baseline) / (target - baseline));
  }
  const d = ruleDirection(rule, direction);
  if (d === 'higher') return target === 0 ? null : clean(value / target);
  return value === 0 ? null : clean(target / value);
}

/**
 * The value expected on `asOf` on the straight path from the baseline (at the period's start) to the target (at
 * its end): baseline + elapsed · (target − baseline), elapsed from `elapsedFraction`. Null without a baseline.
 * Baseline 0.82, target 0.855, half-way → 0.8375.
 */
export function expectedOnPath(baseline: number | null, target: number | null, elapsed: number): number | null {
  if (baseline === null || target === null) return null;
  return clean(baseline + elapsed * (target - baseline));
}

/** Everything about one target at one moment. */
export interface Attainment {
  value: number | null;
  target: number | null;
  baseline: number | null;
  gap: number | null;
  ratio: number | null;
  /** Share of the period passed (0–1). */
  elapsed: number;
  /** The value expected today on the straight path (null without a baseline). */
  expected: number | null;
  status: Status;
}

export interface AttainmentInput {
  rule: TargetRule;
  /** The indicator's direction (rank rules are judged lower-is-better whatever it says). */
  direction: Direction;
  baseline: number | null;
  value: number | null;
  period: Period;
  asOf: string;
}

/**
 * RAG status:
 * - grey: no current value, or the target cannot be resolved (a change target without a baseline);
 * - green: met — gap ≥ 0 (exactly on target is green);
 * - amber: not met, but at least as good as the straight path expects today (see `expectedOnPath`) and the period
 *   is not over;
 * - red: otherwise — behind the path, past the period's end, or not met with no baseline to draw a path from.
 */
export function attainment(input: AttainmentInput): Attainment {
  const { rule, baseline, value, period, asOf } = input;
  const d = ruleDirection(rule, input.direction);
  const target = targetValue(rule, baseline);
  const elapsed = elapsedFraction(period, asOf);
  const expected = expectedOnPath(baseline, target, elapsed);
  const g = gap(value, target, d);
  const ratio = attainmentRatio(rule, value, target, baseline, input.direction);
  let status: Status;
  if (value === null || target === null || g === null) status = 'grey';
  else if (g >= 0) status = 'green';
  else {
    const aheadOfPath = gap(value, expected, d);
    status = elapsed < 1 && aheadOfPath !== null && aheadOfPath >= 0 ? 'amber' : 'red';
  }
  return { value, target, baseline, gap: g, ratio, elapsed, expected, status };
}

export type Trend = 'improving' | 'worsening' | 'flat';

/**
 * The trend over periods: the latest value against the one before it (missing periods skipped), the change signed
 * in the better direction; within ±`tolerance` (in the indicator's unit, e.g. 0.005 = half a point) it is flat.
 * Null with fewer than two values. 及格率 0.82 → 0.86: improving (+0.04); 低分率 0.08 → 0.09: worsening (−0.01).
 */
export function trend(
  values: readonly (number | null)[],
  direction: Direction,
  tolerance = 0,
): { trend: Trend; change: number } | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length < 2) return null;
  const change = gap(present[present.length - 1], present[present.length - 2], direction) as number;
  const t: Trend = Math.abs(change) <= tolerance ? 'flat' : change > 0 ? 'improving' : 'worsening';
  return { trend: t, change };
}

/**
 * A roll-up of statuses (seed-000 W17 "a roll-up of completion rates"): the count of each status and the
 * completion rate = green / (green + amber + red) — targets with no data (grey) are outside the denominator, never
 * counted as missed. Null rate when no target has data. [green, amber, red, grey] → 1/3.
 */
export function rollup(statuses: readonly Status[]): { counts: Record<Status, number>; completionRate: number | null } {
  const counts: Record<Status, number> = { green: 0, amber: 0, red: 0, grey: 0 };
  for (const s of statuses) counts[s] += 1;
  const withData = counts.green + counts.amber + counts.red;
  return { counts, completionRate: withData === 0 ? null : counts.green / withData };
}

/** The status as the API contract spells it (issue 6 "Contract"): grey is `none`. */
export function contractStatus(s: Status): 'green' | 'amber' | 'red' | 'none' {
  return s === 'grey' ? 'none' : s;
}
