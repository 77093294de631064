/**
 * Descriptive statistics of one score column (学业质量监测 §5.1 "Descriptives").
 *
 * Conventions, shared by every function of `src/common/exams`:
 * - A score array holds one entry per student expected to sit (应考). `NaN` marks a student who did not sit
 *   (缺考/作弊/免考): such students are EXCLUDED from every denominator, never counted as 0.
 * - SD is the SAMPLE standard deviation (divisor n − 1).
 * - Quantiles use ONE method: R's type 7 (Hyndman & Fan 1996 definition 7, the default of R, NumPy and Excel's
 *   QUARTILE.INC): h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) over the ascending order statistics
 *   (0-based).
 * - A statistic that is undefined (no student, n < 2, zero variance, zero mean) is `null`, never NaN or ±Infinity.
 * - Nothing is rounded: round only for display.
 */

/** Descriptives of the students who sat. */
export interface Descriptives {
  /** 应考: entries of the input, absent students included. */
  expected: number;
  /** 实考: students who sat (non-NaN entries). */
  n: number;
  /** 缺考 (incl. 作弊/免考): expected − n. */
  absent: number;
  /** Arithmetic mean Σx/n; null when n = 0. */
  mean: number | null;
  /** Sample SD √(Σ(x − x̄)²/(n − 1)); null when n < 2 (0 when every score is equal). */
  sd: number | null;
  min: number | null;
  max: number | null;
  /** First quartile, R type 7. */
  q1: number | null;
  /** Median, R type 7 (the usual median). */
  median: number | null;
  /** Third quartile, R type 7. */
  q3: number | null;
  /** 差异系数 CV = sd / mean; null when sd is null or mean = 0. */
  cv: number | null;
  /**
   * Skewness, the adjusted Fisher–Pearson coefficient G₁ = n / ((n − 1)(n − 2)) · Σ((x − x̄)/s)³ with s the sample SD
   * (Excel SKEW, SAS/SPSS default, R `e1071::skewness(type = 2)`); null when n < 3 or the variance is zero.
   */
  skewness: number | null;
  /** 得分率 = mean / full marks; null when n = 0 or full marks ≤ 0. */
  scoreRate: number | null;
}

/** The ascending scores of the students who sat (NaN dropped), as a new array. */
export function sortedScores(scores: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (!Number.isNaN(x)) out[j++] = x;
  }
  return out.sort();
}

/**
 * Quantile of ascending, NaN-free values by R type 7: h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 * Null for an empty array; p is clamped to [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Descriptives of ascending, NaN-free scores (e.g. a segment of a group-sorted buffer). `expected` is the 应考 count
 * (defaults to the number of scores). Two passes: the mean, then centred sums of squares and cubes.
 */
export function describeSorted(sorted: ArrayLike<number>, fullMarks: number, expected = sorted.length): Descriptives {
  const n = sorted.length;
  const base: Descriptives = {
    expected,
    n,
    absent: expected - n,
    mean: null,
    sd: null,
    min: null,
    max: null,
    q1: null,
    median: null,
    q3: null,
    cv: null,
    skewness: null,
    scoreRate: null,
  };
  if (n === 0) return base;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = sorted[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  const sd = n >= 2 ? Math.sqrt(m2 / (n - 1)) : null;
  const varies = sorted[n - 1] !== sorted[0];
  return {
    ...base,
    mean,
    sd: sd !== null && varies ? sd : sd === null ? null : 0,
    min: sorted[0],
    max: sorted[n - 1],
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    cv: sd !== null && mean !== 0 ? (varies ? sd : 0) / mean : null,
    skewness: n >= 3 && varies && sd !== null && sd > 0 ? ((n / ((n - 1) * (n - 2))) * m3) / (sd * sd * sd) : null,
    scoreRate: fullMarks > 0 ? mean / fullMarks : null,
  };
}

/** Descriptives of a score column where NaN marks a student who did not sit (see the module conventions). */
export function describe(scores: ArrayLike<number>, fullMarks: number): Descriptives {
  return describeSorted(sortedScores(scores), fullMarks, scores.length);
}
