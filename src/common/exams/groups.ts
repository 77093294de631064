/**
 * Per-group descriptives and rates (class, school, county…) in one pass over the students: a counting sort by group
 * id (Int32Array ids in [0, groupCount)) places the scores of the students who sat into ONE buffer, grouped; each
 * group's segment is sorted in place (a `subarray` view, no per-group copy), then descriptives, quantiles and rates
 * are read from the sorted segment (rates by binary search). NaN marks a student who did not sit.
 */
import { type Descriptives, describeSorted } from './descriptives.js';
import { type RateCuts, type Rates, ratesSorted } from './rates.js';
import { type SortedGroups, sortGroups } from './sorted-groups.js';

/** Descriptives and rates of one group. */
export interface GroupSummary extends Descriptives, Rates {
  group: number;
}

/**
 * Summaries of every group id in [0, groupCount): 应考 counts every student of the group, the statistics only those
 * who sat. `cuts` are resolved once over the pool (see resolveCuts) and applied to every group.
 */
export function groupSummaries(
  scores: ArrayLike<number>,
  groups: Int32Array,
  groupCount: number,
  fullMarks: number,
  cuts: RateCuts,
): GroupSummary[] {
  if (groups.length !== scores.length) throw new RangeError('groupSummaries: scores and groups differ in length');
  return summariesFromSorted(sortGroups(scores, groups, groupCount), fullMarks, cuts);
}

/** groupSummaries over groups already sorted (see sorted-groups.ts), e.g. shared with ranks. */
export function summariesFromSorted(sg: SortedGroups, fullMarks: number, cuts: RateCuts): GroupSummary[] {
  const { starts, sorted, expected } = sg;
  const out: GroupSummary[] = [];
  for (let g = 0; g < sg.groupCount; g++) {
    const segment = sorted.subarray(starts[g], starts[g + 1]);
    out.push({ group: g, ...describeSorted(segment, fullMarks, expected[g]), ...ratesSorted(segment, cuts) });
  }
  return out;
}
