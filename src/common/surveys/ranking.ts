/**
 * Ranking of units (schools) by satisfaction rate or index, top/bottom N, and change since a previous campaign.
 * - Suppressed units and units without a value are not ranked (listed as excluded, with the reason).
 * - Competition ranks, higher value first: ties share the best rank (1, 2, 2, 4). Values are compared after
 *   rounding to 12 significant digits, so a sum-order difference in the 16th digit is still a tie.
 * - Top N: every unit with rank ≤ N; bottom N: every unit with bottom rank ≤ N, where bottom rank = 1 + the number
 *   of units with a strictly lower value. A tie across the boundary takes all tied units, so a list can exceed N.
 * - Change = current − previous; "overlap" tells whether the two 95% intervals overlap (non-overlap is a
 *   conservative sign of a real change; overlap does not prove there is none).
 */

import type { SatisfactionResult } from './satisfaction.js';
import type { IndexResult } from './scores.js';
import { type Interval, intervalsOverlap, type Suppressed } from './stats.js';

/** A unit's figure for ranking: suppressed, or a value (null: nothing to rate) with its interval. */
export type Metric = Suppressed | { suppressed: false; value: number | null; ci: Interval | null };

/** The rate of a satisfaction result as a metric. */
export function rateMetric(r: SatisfactionResult): Metric {
  return r.suppressed ? r : { suppressed: false, value: r.rate, ci: r.ci };
}

/** The index of an index result as a metric. */
export function indexMetric(r: IndexResult): Metric {
  return r.suppressed ? r : { suppressed: false, value: r.index, ci: r.ci };
}

export interface RankInput {
  unitId: string;
  metric: Metric;
}

export interface Ranked {
  unitId: string;
  value: number;
  ci: Interval | null;
  /** 1 = highest value; ties share the best rank. */
  rank: number;
  /** 1 = lowest value; ties share it. */
  bottomRank: number;
}

export interface Ranking {
  /** Highest value first; ties in input order. */
  ranked: Ranked[];
  excluded: { unitId: string; reason: 'suppressed' | 'no-value' }[];
}

const key = (x: number) => Number(x.toPrecision(12));

/** Ranks units by their metric (the rules at the top of this module). */
export function rankUnits(units: readonly RankInput[]): Ranking {
  const excluded: Ranking['excluded'] = [];
  const rows: { unitId: string; value: number; ci: Interval | null; k: number }[] = [];
  for (const u of units) {
    if (u.metric.suppressed) excluded.push({ unitId: u.unitId, reason: 'suppressed' });
    else if (u.metric.value === null || Number.isNaN(u.metric.value))
      excluded.push({ unitId: u.unitId, reason: 'no-value' });
    else rows.push({ unitId: u.unitId, value: u.metric.value, ci: u.metric.ci, k: key(u.metric.value) });
  }
  rows.sort((a, b) => b.k - a.k);
  const n = rows.length;
  const ranked: Ranked[] = [];
  let rank = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || rows[i].k !== rows[i - 1].k) rank = i + 1;
    ranked.push({ unitId: rows[i].unitId, value: rows[i].value, ci: rows[i].ci, rank, bottomRank: 0 });
  }
  // bottom rank: 1 + units strictly lower = n − (index of the last unit tied with this one)
  let end = n - 1;
  for (let i = n - 1; i >= 0; i--) {
    if (i < n - 1 && rows[i].k !== rows[i + 1].k) end = i;
    ranked[i].bottomRank = n - end;
  }
  return { ranked, excluded };
}

/** Units with rank ≤ n (ties at the boundary included). */
export function topN(ranking: Ranking, n: number): Ranked[] {
  return ranking.ranked.filter((r) => r.rank <= n);
}

/** Units with bottom rank ≤ n, lowest first, ties in input order (ties at the boundary included). */
export function bottomN(ranking: Ranking, n: number): Ranked[] {
  return ranking.ranked.filter((r) => r.bottomRank <= n).sort((a, b) => a.bottomRank - b.bottomRank);
}

export interface Change {
  current: number;
  previous: number;
  /** current − previous. */
  difference: number;
  /** Whether the two 95% intervals overlap; null when either has no interval. */
  overlap: boolean | null;
}

/** Change of one unit since a previous campaign; null when either figure is suppressed or has no value. */
export function change(current: Metric, previous: Metric): Change | null {
  if (current.suppressed || previous.suppressed || current.value === null || previous.value === null) return null;
  return {
    current: current.value,
    previous: previous.value,
    difference: current.value - previous.value,
    overlap: current.ci && previous.ci ? intervalsOverlap(current.ci, previous.ci) : null,
  };
}

/** Change for every unit of the current campaign (previous matched by unitId; absent → null). */
export function changes(
  current: readonly RankInput[],
  previous: readonly RankInput[],
): { unitId: string; change: Change | null }[] {
  const prev = new Map(previous.map((p) => [p.unitId, p.metric]));
  return current.map((c) => {
    const p = prev.get(c.unitId);
    return { unitId: c.unitId, change: p ? change(c.metric, p) : null };
  });
}
