/**
 * Standing (学业质量监测 §5.1 "Standing"): competition ranks within groups, 百分等级, Z and T scores, the unit T
 * score against the pool and 超均率. NaN marks a student who did not sit: not ranked (rank 0, PR/Z/T NaN) and
 * excluded from every denominator.
 */
import { sortGroups, standingFromSorted } from './sorted-groups.js';

/**
 * Student order within groups: indices of the students who sat, sorted by group id ascending, then score descending
 * (a counting sort by group over Int32Array ids in [0, groupCount), then one sort per group segment).
 * Returns the order and the segment start of every group (`starts[g]`..`starts[g + 1]`).
 */
export function groupOrder(
  scores: ArrayLike<number>,
  groups: Int32Array | null,
  groupCount = 1,
): { order: Int32Array; starts: Int32Array } {
  const starts = new Int32Array(groupCount + 1);
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) starts[(groups ? groups[i] : 0) + 1]++;
  for (let g = 0; g < groupCount; g++) starts[g + 1] += starts[g];
  const order = new Int32Array(starts[groupCount]);
  const fill = starts.slice(0, groupCount);
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) order[fill[groups ? groups[i] : 0]++] = i;
  for (let g = 0; g < groupCount; g++) {
    if (starts[g + 1] - starts[g] > 1) order.subarray(starts[g], starts[g + 1]).sort((a, b) => scores[b] - scores[a]);
  }
  return { order, starts };
}

/** Ranks and percentile ranks of every student within its group. */
export interface Standing {
  /** Competition rank, 1 = highest; ties share the best rank (1, 2, 2, 4); 0 for a student who did not sit. */
  rank: Int32Array;
  /** 百分等级 PR = 100·(count below + 0.5·count tied, self included)/N within the group; NaN for one who did not sit. */
  percentileRank: Float64Array;
}

/**
 * Competition ranks ("1224") and 百分等级 within groups (class, school or county — `groups` holds ids in
 * [0, groupCount); null = one group). PR = 100·(below + 0.5·tied)/N, with `tied` counting the student itself
 * (anchors-exam §2.3).
 */
export function standing(scores: ArrayLike<number>, groups: Int32Array | null = null, groupCount = 1): Standing {
  return standingFromSorted(scores, groups, sortGroups(scores, groups, groupCount));
}

/**
 * Z = (x − mean)/sd against the pool of the students who sat, sd the SAMPLE SD. Null when fewer than 2 sat or the
 * variance is zero (never NaN for everyone); NaN entries for students who did not sit.
 */
export function zScores(scores: ArrayLike<number>): Float64Array | null {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (!Number.isNaN(x)) {
      n++;
      sum += x;
    }
  }
  if (n < 2) return null;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (!Number.isNaN(x)) ss += (x - mean) * (x - mean);
  }
  if (ss === 0) return null;
  const sd = Math.sqrt(ss / (n - 1));
  const z = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) z[i] = (scores[i] - mean) / sd;
  return z;
}

/** T = 50 + 10·Z (T 分); null when Z is undefined. */
export function tScores(scores: ArrayLike<number>): Float64Array | null {
  const z = zScores(scores);
  if (!z) return null;
  for (let i = 0; i < z.length; i++) z[i] = 50 + 10 * z[i];
  return z;
}

/**
 * Unit T score against the pool (联考/县 T 分): (unit mean − pool mean)/pool SD × 10 + 50, pool SD sample.
 * Null when any input is null or the pool SD is 0.
 */
export function unitTScore(unitMean: number | null, poolMean: number | null, poolSd: number | null): number | null {
  if (unitMean === null || poolMean === null || poolSd === null || poolSd === 0) return null;
  return ((unitMean - poolMean) / poolSd) * 10 + 50;
}

/** 超均率 = (unit mean − pool mean)/pool mean; null when a mean is null or the pool mean is 0. */
export function overMeanRate(unitMean: number | null, poolMean: number | null): number | null {
  if (unitMean === null || poolMean === null || poolMean === 0) return null;
  return (unitMean - poolMean) / poolMean;
}

/**
 * Competition ranks ("1224") of unit values (e.g. school means), highest first; a null value gets a null rank and
 * does not take a place.
 */
export function rankValues(values: readonly (number | null)[]): (number | null)[] {
  const idx = values.map((_, i) => i).filter((i) => values[i] !== null);
  idx.sort((a, b) => (values[b] as number) - (values[a] as number));
  const out: (number | null)[] = values.map(() => null);
  for (let k = 0; k < idx.length; k++) {
    const prev = k > 0 ? idx[k - 1] : -1;
    out[idx[k]] = k > 0 && values[idx[k]] === values[prev] ? out[prev] : k + 1;
  }
  return out;
}
