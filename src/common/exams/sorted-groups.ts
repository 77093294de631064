/**
 * Scores of the students who sat, grouped by unit and ascending within each unit — the one sort behind per-unit
 * quantiles, rates (binary search), competition ranks and 百分等级. A counting sort by group id (ids in
 * [0, groupCount); null = one group) places the scores into ONE Float64Array; each group's segment is then sorted in
 * place (a `subarray` view, native numeric sort, no comparator and no per-row objects). NaN marks a student who did not
 * sit and is left out.
 */
import { lowerBound } from './rates.js';

export interface SortedGroups {
  groupCount: number;
  /** Group g's scores are sorted[starts[g] .. starts[g + 1]), ascending. */
  starts: Int32Array;
  sorted: Float64Array;
  /** 应考 of every group: entries of the input, absent students included. */
  expected: Int32Array;
}

export function sortGroups(scores: ArrayLike<number>, groups: Int32Array | null, groupCount = 1): SortedGroups {
  if (groups && groups.length !== scores.length) throw new RangeError('sortGroups: scores and groups differ in length');
  const expected = new Int32Array(groupCount);
  const starts = new Int32Array(groupCount + 1);
  for (let i = 0; i < scores.length; i++) {
    const g = groups ? groups[i] : 0;
    if (g < 0 || g >= groupCount) throw new RangeError(`sortGroups: group id ${g} outside [0, ${groupCount})`);
    expected[g]++;
    if (!Number.isNaN(scores[i])) starts[g + 1]++;
  }
  for (let g = 0; g < groupCount; g++) starts[g + 1] += starts[g];
  const sorted = new Float64Array(starts[groupCount]);
  const fill = starts.slice(0, groupCount);
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (!Number.isNaN(x)) sorted[fill[groups ? groups[i] : 0]++] = x;
  }
  for (let g = 0; g < groupCount; g++)
    if (starts[g + 1] - starts[g] > 1) sorted.subarray(starts[g], starts[g + 1]).sort();
  return { groupCount, starts, sorted, expected };
}

/** Index of the first element > x in ascending values [from, to) (binary search). */
export function upperBound(sorted: ArrayLike<number>, x: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Competition rank (1 = highest, ties share the best rank: 1, 2, 2, 4) and 百分等级 PR = 100·(below + 0.5·tied)/N
 * (tied counting the student) of every student within its group, by binary search in the group's sorted segment:
 * rank = (scores above) + 1. Rank 0 and PR NaN for a student who did not sit.
 */
export function standingFromSorted(
  scores: ArrayLike<number>,
  groups: Int32Array | null,
  sg: SortedGroups,
): { rank: Int32Array; percentileRank: Float64Array } {
  const rank = new Int32Array(scores.length);
  const percentileRank = new Float64Array(scores.length);
  const { starts, sorted } = sg;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (Number.isNaN(x)) {
      percentileRank[i] = Number.NaN;
      continue;
    }
    const g = groups ? groups[i] : 0;
    const from = starts[g];
    const to = starts[g + 1];
    const lo = lowerBound(sorted, x, from, to);
    const hi = upperBound(sorted, x, lo, to);
    rank[i] = to - hi + 1;
    percentileRank[i] = (100 * (lo - from + 0.5 * (hi - lo))) / (to - from);
  }
  return { rank, percentileRank };
}
