/**
 * Small statistics for survey results: 95% intervals (Wilson for a proportion, Student t for a mean) and the
 * small-group suppression rule shared by every report.
 */

/** A closed interval [low, high]. */
export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion x/n (Wilson 1927), at z (default 95%):
 *   p = x/n, centre = (p + z²/2n) / (1 + z²/n),
 *   half-width = z/(1 + z²/n) · √( p(1−p)/n + z²/4n² ).
 * Unlike the Wald interval it stays inside [0, 1] and is usable at p = 0 or 1. Null when n = 0.
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** t₀.₉₇₅ for 1..30 degrees of freedom (standard tables, 9 decimals). */
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163,
  2.228138852, 2.20098516, 2.17881283, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.10092204,
  2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.06865761, 2.063898562, 2.059538553, 2.055529439, 2.051830516,
  2.048407142, 2.045229642, 2.042272456,
];

/**
 * The 0.975 quantile of Student's t with ν degrees of freedom: the table for ν ≤ 30, above it the Cornish–Fisher
 * expansion in z = Z95 (Abramowitz & Stegun 26.7.5):
 *   t ≈ z + (z³+z)/4ν + (5z⁵+16z³+3z)/96ν² + (3z⁷+19z⁵+17z³−15z)/384ν³ + (79z⁹+776z⁷+1482z⁵−1920z³−945z)/92160ν⁴,
 * within 1e-6 of the exact value for ν > 30. NaN for ν < 1.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  if (df <= 30 && Number.isInteger(df)) return T975[df - 1];
  const z = Z95;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

/** Mean, sample SD (n − 1) and n of values; mean null when n = 0, sd null when n < 2. */
export function meanSd(values: readonly number[]): { n: number; mean: number | null; sd: number | null } {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/**
 * 95% t-interval of a mean: mean ± t₀.₉₇₅(n−1) · sd/√n, clipped to [lo, hi] (the scale's range, default 0–100).
 * Null when n < 2 (no SD). With sd = 0 the interval is the point itself.
 */
export function tInterval(values: readonly number[], lo = 0, hi = 100): Interval | null {
  const { n, mean, sd } = meanSd(values);
  if (mean === null || sd === null) return null;
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { low: Math.max(lo, mean - half), high: Math.min(hi, mean + half) };
}

/** Whether two intervals share at least one point (a conservative "no evidence of change" check). */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/** Default minimum number of respondents behind any published figure (issue 5: "fewer than 10 … suppressed"). */
export const DEFAULT_MIN_GROUP_SIZE = 10;

/** A result withheld because too few respondents are behind it: no numbers at all, not even the count. */
export interface Suppressed {
  suppressed: true;
  /** The threshold that applied. */
  minGroupSize: number;
}

/** The suppression rule: a group of `respondents` is published only when respondents ≥ minGroupSize. */
export function isSuppressed(respondents: number, minGroupSize = DEFAULT_MIN_GROUP_SIZE): boolean {
  return respondents < minGroupSize;
}

export function suppressed(minGroupSize = DEFAULT_MIN_GROUP_SIZE): Suppressed {
  return { suppressed: true, minGroupSize };
}
