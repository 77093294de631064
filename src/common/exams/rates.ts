/**
 * The 三率/四率 family, 分数段 and 临界生 (学业质量监测 §5.1). Every threshold is data: a `Threshold` resolves to a cut
 * score, then a rate is (students who sat with score ≥ cut) / (students who sat) — or `<` for 低分率. NaN marks a
 * student who did not sit and is excluded from every denominator (see descriptives.ts).
 */
import { sortedScores } from './descriptives.js';

/**
 * A line: a fraction of full marks (及格 = 0.6), an absolute score (90), or relative — the top `share` of the students
 * who sat (0.2 = top 20%).
 */
export type Threshold =
  | { kind: 'fraction'; value: number }
  | { kind: 'score'; value: number }
  | { kind: 'top'; share: number };

/** Rounds to 12 significant digits, so that 0.7 × 110 is the line 77, not 77.00000000000001. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** Index of the first element ≥ x in ascending values (binary search). */
export function lowerBound(sorted: ArrayLike<number>, x: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The cut score of a threshold over ascending, NaN-free scores of the pool:
 * - fraction: value × full marks (rounded to 12 significant digits against binary noise);
 * - score: the value;
 * - top: the score of the student at position ⌈share·n⌉ in descending order (1-based), so that "score ≥ cut"
 *   takes at least that share — every student tied with that student is in, so ties can make the share larger.
 *   Null when no student sat or share ≤ 0.
 */
export function resolveThreshold(t: Threshold, fullMarks: number, poolSorted: ArrayLike<number>): number | null {
  if (t.kind === 'fraction') return clean(t.value * fullMarks);
  if (t.kind === 'score') return t.value;
  const n = poolSorted.length;
  if (n === 0 || t.share <= 0) return null;
  const k = Math.min(n, Math.ceil(clean(t.share * n)));
  return poolSorted[n - k];
}

/** Share of ascending, NaN-free scores with score ≥ cut; null when none sat or the cut is null. */
export function rateAtLeastSorted(sorted: ArrayLike<number>, cut: number | null, from = 0, to = sorted.length) {
  const n = to - from;
  if (n === 0 || cut === null) return null;
  return (to - lowerBound(sorted, cut, from, to)) / n;
}

/** Share of ascending, NaN-free scores with score < cut; null when none sat or the cut is null. */
export function rateBelowSorted(sorted: ArrayLike<number>, cut: number | null, from = 0, to = sorted.length) {
  const n = to - from;
  if (n === 0 || cut === null) return null;
  return (lowerBound(sorted, cut, from, to) - from) / n;
}

/** The lines of the 三率/四率 family; `good` (良好) is optional. */
export interface RateThresholds {
  excellent: Threshold;
  good?: Threshold;
  pass: Threshold;
  low: Threshold;
}

/** Cut scores resolved from RateThresholds (null: not defined, e.g. a relative line over no students). */
export interface RateCuts {
  excellent: number | null;
  good: number | null;
  pass: number | null;
  low: number | null;
}

/** The county defaults: 优秀 ≥ 85%, 良好 ≥ 70%, 及格 ≥ 60%, 低分 < 40% of full marks. */
export const DEFAULT_THRESHOLDS: RateThresholds = {
  excellent: { kind: 'fraction', value: 0.85 },
  good: { kind: 'fraction', value: 0.7 },
  pass: { kind: 'fraction', value: 0.6 },
  low: { kind: 'fraction', value: 0.4 },
};

/** Resolves every line against the pool (relative lines are taken over the pool, then applied to every unit). */
export function resolveCuts(t: RateThresholds, fullMarks: number, poolSorted: ArrayLike<number>): RateCuts {
  return {
    excellent: resolveThreshold(t.excellent, fullMarks, poolSorted),
    good: t.good ? resolveThreshold(t.good, fullMarks, poolSorted) : null,
    pass: resolveThreshold(t.pass, fullMarks, poolSorted),
    low: resolveThreshold(t.low, fullMarks, poolSorted),
  };
}

/** 优秀率/良好率/及格率 (score ≥ cut) and 低分率 (score < cut) over the students who sat; null when none sat. */
export interface Rates {
  excellentRate: number | null;
  goodRate: number | null;
  passRate: number | null;
  lowRate: number | null;
}

/** Rates of ascending, NaN-free scores (or of the segment [from, to) of a group-sorted buffer). */
export function ratesSorted(sorted: ArrayLike<number>, cuts: RateCuts, from = 0, to = sorted.length): Rates {
  return {
    excellentRate: rateAtLeastSorted(sorted, cuts.excellent, from, to),
    goodRate: rateAtLeastSorted(sorted, cuts.good, from, to),
    passRate: rateAtLeastSorted(sorted, cuts.pass, from, to),
    lowRate: rateBelowSorted(sorted, cuts.low, from, to),
  };
}

/** The 三率/四率 of a score column (NaN = did not sit), thresholds resolved over the same column. */
export function rates(scores: ArrayLike<number>, fullMarks: number, t: RateThresholds = DEFAULT_THRESHOLDS): Rates {
  const sorted = sortedScores(scores);
  return ratesSorted(sorted, resolveCuts(t, fullMarks, sorted));
}

/** One 分数段: scores in [lower, upper), the top band also holding full marks. */
export interface ScoreBand {
  lower: number;
  upper: number;
  count: number;
  /** Students at or above `lower` (bands are listed from the top, so this accumulates downwards). */
  cumulative: number;
  /** count / students who sat. */
  share: number;
  /** cumulative / students who sat. */
  cumulativeShare: number;
}

/** Number of 分数段 of a step over [0, full marks] (the last band may be shorter); throws unless both are > 0. */
export function bandCount(fullMarks: number, step: number): number {
  if (!(step > 0) || !(fullMarks > 0)) throw new RangeError('scoreBands: step and full marks must be > 0');
  return Math.ceil(clean(fullMarks / step));
}

/**
 * The band of a score, 0 = the top band [full − step, full] (full marks included); band b holds
 * [full − (b+1)·step, full − b·step). Scores above full marks go to the top band, below 0 to the bottom one.
 */
export function bandOf(x: number, fullMarks: number, step: number, bands: number): number {
  let b = Math.floor(clean((fullMarks - x) / step));
  if (x >= fullMarks) b = 0;
  else if (clean(fullMarks - b * step) <= x) b -= 1; // x exactly on a band's upper edge belongs to the band above
  return Math.min(bands - 1, Math.max(0, b));
}

/** Lower and upper edge of band b (see bandOf). */
export function bandEdges(b: number, fullMarks: number, step: number): { lower: number; upper: number } {
  return { lower: Math.max(0, clean(fullMarks - (b + 1) * step)), upper: clean(fullMarks - b * step) };
}

/**
 * 分数段 with a configurable step, listed from the top: [full − step, full] (full marks included), then
 * [full − 2·step, full − step), … down to 0 (the last band may be shorter). Scores above full marks count in the top
 * band, below 0 in the bottom one. Shares are of the students who sat (0 when none sat).
 */
export function scoreBands(scores: ArrayLike<number>, fullMarks: number, step: number): ScoreBand[] {
  const bands = bandCount(fullMarks, step);
  const counts = new Int32Array(bands);
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (Number.isNaN(x)) continue;
    n++;
    counts[bandOf(x, fullMarks, step, bands)]++;
  }
  const out: ScoreBand[] = [];
  let cumulative = 0;
  for (let b = 0; b < bands; b++) {
    cumulative += counts[b];
    out.push({
      ...bandEdges(b, fullMarks, step),
      count: counts[b],
      cumulative,
      share: n ? counts[b] / n : 0,
      cumulativeShare: n ? cumulative / n : 0,
    });
  }
  return out;
}

/**
 * 临界生 below a line: 1 for a student who sat with line − k ≤ score < line (default k = 5 points), else 0.
 * Students who did not sit are 0.
 */
export function borderlineFlags(scores: ArrayLike<number>, line: number, k = 5): Uint8Array {
  const flags = new Uint8Array(scores.length);
  const lo = clean(line - k);
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (x >= lo && x < line) flags[i] = 1;
  }
  return flags;
}
