import { extremeGroups } from './extreme-groups.js';
/**
 * Item-level views by unit (学业质量监测 §5.1 "Item (小题) level"): option shares of an objective item (distractor
 * analysis) and 得分率 per knowledge point / ability level (双向细目表) by class, school or student. As in items.ts, rows
 * hold ONLY the students who sat; a student who sat and left an objective item blank has the option code −1.
 */

/** Option choices of one objective (single-choice) item per group. */
export interface OptionShares {
  /** Students (rows) of every group. */
  n: Int32Array;
  /** groupCount × (optionCount + 1), row-major: choices of option 0..K−1, then the blank (未作答) count. */
  counts: Int32Array;
  /** counts / n of the group; NaN for a group without students. */
  shares: Float64Array;
  /** Share choosing the key per group (NaN for an empty group or no key). */
  correct: Float64Array;
}

/**
 * Option shares of one objective item: `chosen[i]` is the option index in [0, optionCount) chosen by row i, or −1
 * for no response; `groups[i]` the group id in [0, groupCount) (use one group for the county). Share = choices /
 * students of the group who sat (blanks included in the denominator). A code outside [−1, optionCount) throws.
 */
export function optionShares(
  chosen: Int8Array | Int32Array,
  optionCount: number,
  key: number | null,
  groups: Int32Array,
  groupCount: number,
): OptionShares {
  if (groups.length !== chosen.length) throw new RangeError('optionShares: arrays differ in length');
  const W = optionCount + 1;
  const n = new Int32Array(groupCount);
  const counts = new Int32Array(groupCount * W);
  for (let i = 0; i < chosen.length; i++) {
    const g = groups[i];
    const c = chosen[i];
    if (g < 0 || g >= groupCount) throw new RangeError(`optionShares: group id ${g} outside [0, ${groupCount})`);
    if (c < -1 || c >= optionCount) throw new RangeError(`optionShares: option code ${c} outside [−1, ${optionCount})`);
    n[g]++;
    counts[g * W + (c === -1 ? optionCount : c)]++;
  }
  const shares = new Float64Array(groupCount * W);
  const correct = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    for (let o = 0; o < W; o++) shares[g * W + o] = n[g] ? counts[g * W + o] / n[g] : Number.NaN;
    correct[g] = n[g] && key !== null && key >= 0 && key < optionCount ? counts[g * W + key] / n[g] : Number.NaN;
  }
  return { n, counts, shares, correct };
}

/** 得分率 per tag (knowledge point or ability level) per group. */
export interface TagRates {
  /** Students (rows) of every group. */
  n: Int32Array;
  /** Full marks of each tag: Σ full marks of its items. */
  tagFullMarks: Float64Array;
  /**
   * groupCount × tagCount, row-major: Σ scores on the tag's items / (n_g · Σ full marks of the tag's items);
   * NaN for an empty group or a tag without items.
   */
  rates: Float64Array;
}

/**
 * 得分率 per knowledge point or ability level by unit in one pass over an n × k matrix (row-major, students who sat):
 * `tags[j]` is the tag id in [0, tagCount) of item j, or −1 for an untagged item; `groups[i]` the unit of row i
 * (class, school; or 0..n−1 for per-student rates). For an item carrying several knowledge points, call once per
 * tagging (e.g. one tag array per ability level and one per primary knowledge point).
 */
export function tagRates(
  matrix: Float64Array,
  n: number,
  fullMarks: ArrayLike<number>,
  tags: Int32Array,
  tagCount: number,
  groups: Int32Array,
  groupCount: number,
): TagRates {
  const k = fullMarks.length;
  if (matrix.length !== n * k || groups.length !== n || tags.length !== k) {
    throw new RangeError('tagRates: shapes differ');
  }
  const tagFullMarks = new Float64Array(tagCount);
  for (let j = 0; j < k; j++) {
    const t = tags[j];
    if (t < -1 || t >= tagCount) throw new RangeError(`tagRates: tag id ${t} outside [−1, ${tagCount})`);
    if (t >= 0) tagFullMarks[t] += fullMarks[j];
  }
  const counts = new Int32Array(groupCount);
  const sums = new Float64Array(groupCount * tagCount);
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (g < 0 || g >= groupCount) throw new RangeError(`tagRates: group id ${g} outside [0, ${groupCount})`);
    counts[g]++;
    const row = i * k;
    const out = g * tagCount;
    for (let j = 0; j < k; j++) {
      const t = tags[j];
      if (t >= 0) sums[out + t] += matrix[row + j];
    }
  }
  for (let g = 0; g < groupCount; g++) {
    for (let t = 0; t < tagCount; t++) {
      const d = counts[g] * tagFullMarks[t];
      sums[g * tagCount + t] = d > 0 ? sums[g * tagCount + t] / d : Number.NaN;
    }
  }
  return { n: counts, tagFullMarks, rates: sums };
}

/** Option shares of one objective item in the upper and lower 27% groups by total (distractor analysis). */
export interface OptionGroups {
  /** Group size g = max(1, round(0.27·n)). */
  g: number;
  /** optionCount + 1 shares (last = blank) of the upper group; empty arrays when every total is equal or n < 2. */
  upper: Float64Array;
  lower: Float64Array;
  /** p_U − p_L of the key: Kelley's D of the item scored 0/1 by the key; null without groups or key. */
  keyD: number | null;
}

/**
 * Option shares in the upper and lower 27% groups by total score (rows = students who sat), with the tie rule of
 * itemAnalysis: g = max(1, round(0.27·n)); students tied at a cut share the remaining places, each weighted
 * (g − students strictly beyond the cut)/(students tied at the cut); share = weighted choices / g. A good distractor
 * draws more of the lower group than of the upper one; the key the reverse.
 */
export function optionSharesByTotal(
  chosen: Int8Array | Int32Array,
  optionCount: number,
  key: number | null,
  totals: ArrayLike<number>,
): OptionGroups {
  const n = chosen.length;
  if (totals.length !== n) throw new RangeError('optionSharesByTotal: arrays differ in length');
  const groups = extremeGroups(totals);
  if (!groups) {
    return { g: Math.max(1, Math.round(0.27 * n)), upper: new Float64Array(0), lower: new Float64Array(0), keyD: null };
  }
  const g = groups.g;
  const upper = new Float64Array(optionCount + 1);
  const lower = new Float64Array(optionCount + 1);
  for (let i = 0; i < n; i++) {
    const c = chosen[i];
    if (c < -1 || c >= optionCount) throw new RangeError(`optionSharesByTotal: option code ${c} out of range`);
    const o = c === -1 ? optionCount : c;
    const t = totals[i];
    upper[o] += groups.upperWeight(t);
    lower[o] += groups.lowerWeight(t);
  }
  for (let o = 0; o <= optionCount; o++) {
    upper[o] /= g;
    lower[o] /= g;
  }
  const keyD = key !== null && key >= 0 && key < optionCount ? upper[key] - lower[key] : null;
  return { g, upper, lower, keyD };
}
