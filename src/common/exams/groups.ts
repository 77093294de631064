/**
 * Per-group descriptives and rates (class, school, county…) in one pass over the students: a counting sort by group
 * id (Int32Array ids in [0, groupCount)) places the scores of the students who sat into ONE buffer, grouped; each
 * group's segment is sorted in place (a `subarray` view, no per-group copy), then descriptives, quantiles and rates
 * are read from the sorted segment (rates by binary search). NaN marks a student who did not sit.
 */
import { type Descriptives, describeSorted } from './descriptives.js';
import { type RateCuts, type Rates, ratesSorted } from './rates.js';

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
  const expected = new Int32Array(groupCount);
  const starts = new Int32Array(groupCount + 1);
  for (let i = 0; i < scores.length; i++) {
    const g = groups[i];
    if (g < 0 || g >= groupCount) throw new RangeError(`groupSummaries: group id ${g} outside [0, ${groupCount})`);
    expected[g]++;
    if (!Number.isNaN(scores[i])) starts[g + 1]++;
  }
  for (let g = 0; g < groupCount; g++) starts[g + 1] += starts[g];
  const buffer = new Float64Array(starts[groupCount]);
  const fill = starts.slice(0, groupCount);
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (!Number.isNaN(x)) buffer[fill[groups[i]]++] = x;
  }
  const out: GroupSummary[] = [];
  for (let g = 0; g < groupCount; g++) {
    const segment = buffer.subarray(starts[g], starts[g + 1]).sort();
    out.push({ group: g, ...describeSorted(segment, fullMarks, expected[g]), ...ratesSorted(segment, cuts) });
  }
  return out;
}
