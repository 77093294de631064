/**
 * Drivers of overall satisfaction (issue 5 "Drivers": importance × performance quadrant).
 *   importance of a dimension = Pearson r between respondents' dimension score and their overall score
 *     r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²), over respondents who have both scores;
 *     null when fewer than 3 pairs or either side has no variance;
 *   performance = the dimension's 0–100 index (scores.ts), over all respondents with a score in the dimension;
 *   quadrant: importance and performance each compared with the mean over the dimensions that have both
 *     (≥ mean is "high"): high/high 'strength' (优势), high importance/low performance 'priority' (重点改进),
 *     low/low 'secondary' (次要改进), low importance/high performance 'maintain' (维持).
 * The overall score is the respondent's score on the overall dimension (default 总体评价), which is not a driver.
 * A dimension with fewer than minGroupSize pairs is suppressed (no numbers, no quadrant).
 */
import { type IndexOptions, respondentScore } from './scores.js';
import { DEFAULT_MIN_GROUP_SIZE, isSuppressed, meanSd, type Suppressed, suppressed } from './stats.js';
import { DEFAULT_DIMENSION, type Survey, type SurveyResponse, scoredItems } from './types.js';

/** Pearson correlation of paired values (formula above); null below 3 pairs or with zero variance. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export type Quadrant = 'strength' | 'priority' | 'secondary' | 'maintain';

export interface Driver {
  suppressed: false;
  dimension: string;
  /** Respondents with both a dimension score and an overall score. */
  pairs: number;
  importance: number | null;
  performance: number | null;
  quadrant: Quadrant | null;
}

export type DriverResult = Driver | (Suppressed & { dimension: string });

export interface DriverOptions extends IndexOptions {
  /** The dimension holding overall satisfaction; default 总体评价. */
  overallDimension?: string;
}

/** Importance, performance and quadrant of every dimension other than the overall one, in survey order. */
export function drivers(
  survey: Survey,
  responses: readonly SurveyResponse[],
  options: DriverOptions = {},
): DriverResult[] {
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const overallDimension = options.overallDimension ?? DEFAULT_DIMENSION;
  const items = scoredItems(survey);
  const overallItems = items.filter((i) => i.dimension === overallDimension);
  const overall = responses.map((r) => respondentScore(r, overallItems, options.satisfactionScores));
  const dims = [...new Set(items.map((i) => i.dimension))].filter((d) => d !== overallDimension);
  const rows: DriverResult[] = dims.map((dimension) => {
    const dimItems = items.filter((i) => i.dimension === dimension);
    const xs: number[] = [];
    const ys: number[] = [];
    const all: number[] = [];
    responses.forEach((r, k) => {
      const x = respondentScore(r, dimItems, options.satisfactionScores);
      if (x === null) return;
      all.push(x);
      const y = overall[k];
      if (y === null) return;
      xs.push(x);
      ys.push(y);
    });
    if (isSuppressed(xs.length, minGroupSize)) return { ...suppressed(minGroupSize), dimension };
    return {
      suppressed: false,
      dimension,
      pairs: xs.length,
      importance: pearson(xs, ys),
      performance: meanSd(all).mean,
      quadrant: null,
    };
  });
  const full = rows.filter((r): r is Driver => !r.suppressed && r.importance !== null && r.performance !== null);
  if (full.length === 0) return rows;
  const cutI = meanSd(full.map((r) => r.importance!)).mean!;
  const cutP = meanSd(full.map((r) => r.performance!)).mean!;
  for (const r of full) {
    const hi = r.importance! >= cutI;
    const hp = r.performance! >= cutP;
    r.quadrant = hi ? (hp ? 'strength' : 'priority') : hp ? 'maintain' : 'secondary';
  }
  return rows;
}
