/**
 * Unit-level composites and balance (学业质量监测 §5.1 "三率 family", "Standing", "Balance"): the weighted
 * 一分三率/四率 综合得分 with rank, 平均标准分, the CV of unit means within a parent unit and the between-group variance
 * share η². NaN marks a student who did not sit (excluded everywhere); undefined values are null, never NaN.
 */
import { rankValues } from './ranks.js';

/**
 * One term of a 综合得分: `metric` names a value of the unit (e.g. 'scoreRate' = mean/full, 'excellentRate',
 * 'passRate', 'lowRate'); 'complement' enters 1 − value (so 低分率 counts as 1 − 低分率).
 */
export interface CompositeTerm {
  metric: string;
  weight: number;
  transform?: 'identity' | 'complement';
}

/** The usual 一分四率 weights as data (a county sets its own): 得分率 0.2, 优秀 0.3, 及格 0.3, (1 − 低分) 0.2. */
export const DEFAULT_COMPOSITE: CompositeTerm[] = [
  { metric: 'scoreRate', weight: 0.2 },
  { metric: 'excellentRate', weight: 0.3 },
  { metric: 'passRate', weight: 0.3 },
  { metric: 'lowRate', weight: 0.2, transform: 'complement' },
];

/**
 * 综合得分 = Σ_k w_k · v_k (v_k the metric, or 1 − metric for a complement term) per unit, and its competition rank
 * (1 = highest, ties share). A unit missing any term's value (absent key or null) gets null score and rank.
 */
export function compositeScores(
  units: readonly Readonly<Record<string, number | null | undefined>>[],
  terms: readonly CompositeTerm[] = DEFAULT_COMPOSITE,
): { score: (number | null)[]; rank: (number | null)[] } {
  const score = units.map((u) => {
    let s = 0;
    for (const t of terms) {
      const v = u[t.metric];
      if (v === null || v === undefined || Number.isNaN(v)) return null;
      s += t.weight * (t.transform === 'complement' ? 1 - v : v);
    }
    return s;
  });
  return { score, rank: rankValues(score) };
}

/**
 * 平均标准分 per unit: the mean of the students' Z (county-wide Z, see zScores) over the unit's students who sat,
 * Σz/n; null for a unit where nobody sat. The unit's T counterpart is 50 + 10 × this value.
 */
export function meanStandardScores(z: ArrayLike<number>, units: Int32Array, unitCount: number): (number | null)[] {
  if (units.length !== z.length) throw new RangeError('meanStandardScores: arrays differ in length');
  const sums = new Float64Array(unitCount);
  const counts = new Int32Array(unitCount);
  for (let i = 0; i < z.length; i++) {
    const u = units[i];
    if (u < 0 || u >= unitCount) throw new RangeError(`meanStandardScores: unit id ${u} outside [0, ${unitCount})`);
    if (Number.isNaN(z[i])) continue;
    sums[u] += z[i];
    counts[u]++;
  }
  return Array.from(sums, (s, u) => (counts[u] ? s / counts[u] : null));
}

/**
 * CV of unit means (e.g. class means of one school): sample SD of the non-null means / their mean (unweighted, one
 * value per unit). Null with fewer than 2 means or a zero mean.
 */
export function cvOfMeans(means: readonly (number | null)[]): number | null {
  const xs = means.filter((m): m is number => m !== null);
  const n = xs.length;
  if (n < 2) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (mean === 0) return null;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return Math.sqrt(ss / (n - 1)) / mean;
}

/**
 * cvOfMeans of the child units of every parent (class means within each school): `parents[c]` is the parent id in
 * [0, parentCount) of child c, `childMeans[c]` its mean.
 */
export function cvOfMeansWithin(
  childMeans: readonly (number | null)[],
  parents: Int32Array,
  parentCount: number,
): (number | null)[] {
  if (parents.length !== childMeans.length) throw new RangeError('cvOfMeansWithin: arrays differ in length');
  const buckets: (number | null)[][] = Array.from({ length: parentCount }, () => []);
  for (let c = 0; c < childMeans.length; c++) buckets[parents[c]].push(childMeans[c]);
  return buckets.map(cvOfMeans);
}

/** One-way ANOVA decomposition of the students who sat. */
export interface VarianceShare {
  n: number;
  /** SS_total = Σ(x − x̄)². */
  ssTotal: number;
  /** SS_between = Σ_g n_g (x̄_g − x̄)². */
  ssBetween: number;
  /** η² = SS_between / SS_total (between-group variance share); null when n < 2 or SS_total = 0. */
  etaSquared: number | null;
}

/**
 * Between-group variance share (e.g. between schools in the county): η² = SS_between / SS_total over the students
 * who sat, groups ids in [0, groupCount). The descriptive share, not an ICC corrected for group size.
 */
export function varianceShare(scores: ArrayLike<number>, groups: Int32Array, groupCount: number): VarianceShare {
  if (groups.length !== scores.length) throw new RangeError('varianceShare: arrays differ in length');
  const sums = new Float64Array(groupCount);
  const counts = new Int32Array(groupCount);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    const g = groups[i];
    if (g < 0 || g >= groupCount) throw new RangeError(`varianceShare: group id ${g} outside [0, ${groupCount})`);
    if (Number.isNaN(x)) continue;
    sums[g] += x;
    counts[g]++;
    n++;
    sum += x;
  }
  const mean = n ? sum / n : 0;
  let ssTotal = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (!Number.isNaN(x)) ssTotal += (x - mean) * (x - mean);
  }
  let ssBetween = 0;
  for (let g = 0; g < groupCount; g++) {
    if (!counts[g]) continue;
    const d = sums[g] / counts[g] - mean;
    ssBetween += counts[g] * d * d;
  }
  return { n, ssTotal, ssBetween, etaSquared: n >= 2 && ssTotal > 0 ? ssBetween / ssTotal : null };
}
