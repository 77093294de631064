/**
 * Value added (增值评价) between two exams of one cohort (学业质量监测 §5.1 "Value-added", anchors-exam §3 "Residual
 * gain (OLS) + shrinkage"). Both exams are standardised county-wide (Z over the students who sat that exam, sample
 * SD), the current Z is regressed on the prior Z by OLS over the students who sat BOTH, and a unit's VA is the mean
 * residual of its students shrunk toward 0 by empirical Bayes. NaN marks a student who did not sit; such a student
 * is outside the regression and every unit count. Undefined values are null, never NaN.
 */
import { quantileSorted } from './descriptives.js';
import { standing, zScores } from './ranks.js';

/** The two-sided 95% normal quantile z₀.₉₇₅. */
export const Z_975 = 1.959963984540054;

/** Value added of one unit (school, class, teacher…). */
export interface UnitValueAdded {
  unit: number;
  /** Students of the unit who sat both exams. */
  n: number;
  /** Raw VA: mean residual ē_j of the unit's students (Z units); null when n < the minimum. */
  meanResidual: number | null;
  /** SE of the raw VA, √(σ²/n_j); null when n < the minimum or σ² is null. */
  rawSe: number | null;
  /** Shrinkage factor λ_j = τ²/(τ² + σ²/n_j) in [0, 1]; null when n < the minimum or τ² is undefined. */
  shrinkage: number | null;
  /** Empirical-Bayes VA = λ_j · ē_j; null when n < the minimum or τ² is undefined. */
  va: number | null;
  /** Posterior SD √(λ_j · σ²/n_j) of the EB VA (τ² and σ² taken as known); null with va. */
  se: number | null;
  /** 95% interval va ± z₀.₉₇₅ · se; null with va. */
  ciLow: number | null;
  ciHigh: number | null;
  /** The interval holds 0: "not different from average" (null with va). */
  notDifferent: boolean | null;
}

/** The county-wide regression and every unit's VA. */
export interface ValueAdded {
  /** Students who sat both exams (the regression sample). */
  n: number;
  /** OLS slope b₁ = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² of current Z (y) on prior Z (x). */
  slope: number;
  /** OLS intercept b₀ = ȳ − b₁·x̄ (over the students who sat both, so not always exactly 0). */
  intercept: number;
  /** Residual e = y − b₀ − b₁·x per student; NaN for a student who did not sit both. */
  residuals: Float64Array;
  /**
   * Within-unit residual variance σ² = Σ_j Σ_i (e_ij − ē_j)² / (Σ_j n_j − J), pooled over the J units with
   * n_j ≥ the minimum; null when Σ n_j − J < 1.
   */
  sigma2: number | null;
  /**
   * Between-unit variance of true VA by the method of moments, floored at 0:
   * τ² = max(0, Σ_j (ē_j − ē̄)²/(J − 1) − (1/J)·Σ_j σ²/n_j), ē̄ the unweighted mean of the ē_j, over the J units
   * with n_j ≥ the minimum; null when J < 2 or σ² is null.
   */
  tau2: number | null;
  units: UnitValueAdded[];
}

/**
 * Residual-gain value added with empirical-Bayes shrinkage. `units[i]` is the unit id in [0, unitCount) of student i
 * (the unit of the CURRENT exam); units with fewer than `minN` students who sat both get null VA (they stay in the
 * county regression but out of σ² and τ²). Returns null when the regression is undefined: a Z scale is undefined
 * (fewer than 2 sat or zero variance), fewer than 3 sat both, or the prior Z of those who sat both has no variance.
 */
export function valueAdded(
  prior: ArrayLike<number>,
  current: ArrayLike<number>,
  units: Int32Array,
  unitCount: number,
  minN = 5,
): ValueAdded | null {
  const len = current.length;
  if (prior.length !== len || units.length !== len) throw new RangeError('valueAdded: arrays differ in length');
  const zx = zScores(prior);
  const zy = zScores(current);
  if (!zx || !zy) return null;

  // OLS over the students who sat both: means, then centred sums
  let m = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < len; i++) {
    if (Number.isNaN(zx[i]) || Number.isNaN(zy[i])) continue;
    m++;
    sx += zx[i];
    sy += zy[i];
  }
  if (m < 3) return null;
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < len; i++) {
    if (Number.isNaN(zx[i]) || Number.isNaN(zy[i])) continue;
    sxx += (zx[i] - mx) * (zx[i] - mx);
    sxy += (zx[i] - mx) * (zy[i] - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;

  // residuals, unit sums
  const residuals = new Float64Array(len).fill(Number.NaN);
  const counts = new Int32Array(unitCount);
  const sums = new Float64Array(unitCount);
  for (let i = 0; i < len; i++) {
    const u = units[i];
    if (u < 0 || u >= unitCount) throw new RangeError(`valueAdded: unit id ${u} outside [0, ${unitCount})`);
    if (Number.isNaN(zx[i]) || Number.isNaN(zy[i])) continue;
    const e = zy[i] - intercept - slope * zx[i];
    residuals[i] = e;
    counts[u]++;
    sums[u] += e;
  }
  const means = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) means[u] = counts[u] ? sums[u] / counts[u] : Number.NaN;

  // pooled within-unit variance over the eligible units
  let ssWithin = 0;
  let nEligible = 0;
  let J = 0;
  for (let u = 0; u < unitCount; u++) {
    if (counts[u] >= minN && counts[u] > 0) {
      J++;
      nEligible += counts[u];
    }
  }
  for (let i = 0; i < len; i++) {
    const e = residuals[i];
    if (Number.isNaN(e)) continue;
    const u = units[i];
    if (counts[u] >= minN) ssWithin += (e - means[u]) * (e - means[u]);
  }
  const sigma2 = nEligible - J >= 1 ? ssWithin / (nEligible - J) : null;

  // τ² by the method of moments, floored at 0
  let tau2: number | null = null;
  if (J >= 2 && sigma2 !== null) {
    let meanOfMeans = 0;
    let meanNoise = 0;
    for (let u = 0; u < unitCount; u++) {
      if (counts[u] < minN || counts[u] === 0) continue;
      meanOfMeans += means[u];
      meanNoise += sigma2 / counts[u];
    }
    meanOfMeans /= J;
    meanNoise /= J;
    let ssBetween = 0;
    for (let u = 0; u < unitCount; u++) {
      if (counts[u] < minN || counts[u] === 0) continue;
      ssBetween += (means[u] - meanOfMeans) * (means[u] - meanOfMeans);
    }
    tau2 = Math.max(0, ssBetween / (J - 1) - meanNoise);
  }

  const out: UnitValueAdded[] = [];
  for (let u = 0; u < unitCount; u++) {
    const n = counts[u];
    const row: UnitValueAdded = {
      unit: u,
      n,
      meanResidual: null,
      rawSe: null,
      shrinkage: null,
      va: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      notDifferent: null,
    };
    if (n >= minN && n > 0) {
      row.meanResidual = means[u];
      if (sigma2 !== null) row.rawSe = Math.sqrt(sigma2 / n);
      if (tau2 !== null && sigma2 !== null) {
        const noise = sigma2 / n;
        const lambda = tau2 + noise > 0 ? tau2 / (tau2 + noise) : 0;
        const va = lambda * means[u];
        const se = Math.sqrt(lambda * noise);
        row.shrinkage = lambda;
        row.va = va;
        row.se = se;
        row.ciLow = va - Z_975 * se;
        row.ciHigh = va + Z_975 * se;
        row.notDifferent = row.ciLow <= 0 && 0 <= row.ciHigh;
      }
    }
    out.push(row);
  }
  return { n: m, slope, intercept, residuals, sigma2, tau2, units: out };
}

/**
 * 同起点比较 (conditional-percentile growth, an SGP approximation, anchors §3): among the students who sat both exams,
 * the prior 百分等级 PR₀ = 100·(below + 0.5·tied)/N places each student in one of `bandCount` equal prior bands,
 * band = min(B − 1, ⌊PR₀·B/100⌋) (students tied on the prior share a band); the result is the current-exam 百分等级
 * within the band, by the same formula. NaN for a student who did not sit both.
 */
export function conditionalPercentiles(
  prior: ArrayLike<number>,
  current: ArrayLike<number>,
  bandCount = 10,
): { band: Int32Array; percentile: Float64Array } {
  const len = current.length;
  if (prior.length !== len) throw new RangeError('conditionalPercentiles: exams differ in length');
  if (!(bandCount >= 1)) throw new RangeError('conditionalPercentiles: bandCount must be ≥ 1');
  const both = (i: number) => !Number.isNaN(prior[i]) && !Number.isNaN(current[i]);
  const p = Float64Array.from({ length: len }, (_, i) => (both(i) ? prior[i] : Number.NaN));
  const c = Float64Array.from({ length: len }, (_, i) => (both(i) ? current[i] : Number.NaN));
  const pr0 = standing(p).percentileRank;
  const band = new Int32Array(len).fill(-1);
  for (let i = 0; i < len; i++) {
    if (both(i)) band[i] = Math.min(bandCount - 1, Math.floor((pr0[i] * bandCount) / 100));
  }
  const groups = Int32Array.from(band, (b) => Math.max(0, b)); // absent rows carry NaN, so their group is unused
  const percentile = standing(c, groups, bandCount).percentileRank;
  return { band, percentile };
}

/**
 * Median per unit (R type 7) of a per-student value such as the conditional percentile (a school's "median growth
 * percentile"); NaN entries are skipped; null for a unit without values.
 */
export function unitMedians(values: ArrayLike<number>, units: Int32Array, unitCount: number): (number | null)[] {
  if (units.length !== values.length) throw new RangeError('unitMedians: arrays differ in length');
  const buckets: number[][] = Array.from({ length: unitCount }, () => []);
  for (let i = 0; i < values.length; i++) {
    const u = units[i];
    if (u < 0 || u >= unitCount) throw new RangeError(`unitMedians: unit id ${u} outside [0, ${unitCount})`);
    if (!Number.isNaN(values[i])) buckets[u].push(values[i]);
  }
  return buckets.map((b) => quantileSorted(Float64Array.from(b).sort(), 0.5));
}
