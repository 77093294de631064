import { extremeGroups } from './extreme-groups.js';
/**
 * Item (小题) statistics over an item matrix (学业质量监测 §2.3, §5.1 "Item level"). The matrix is students × items,
 * row-major in a Float64Array, holding ONLY the students who sat (a blank item of a student who sat is 0 — the
 * caller fills it). Variances and SDs are SAMPLE ones (n − 1); undefined values are null, never NaN.
 */

/** Statistics of one item. */
export interface ItemStats {
  fullMarks: number;
  /** Mean item score. */
  mean: number | null;
  /** Sample SD of the item score. */
  sd: number | null;
  /** 难度 P (得分率) = mean / full marks (Chinese convention: higher = easier). */
  difficulty: number | null;
  /** 满分率: share of students with score ≥ full marks. */
  fullRate: number | null;
  /** 零分率: share of students with score 0. */
  zeroRate: number | null;
  /**
   * Corrected item–total correlation r = cor(xᵢ, X − xᵢ) (Pearson, item against the total without it); null when the
   * item or the rest of the paper has zero variance.
   */
  discrimination: number | null;
  /**
   * Kelley's upper−lower 27% index D = (mean of the upper group − mean of the lower group) / full marks (for 0/1
   * items: p_U − p_L). Groups: g = max(1, round(0.27·n)) students with the highest / lowest totals. Ties at a cut:
   * the students tied at the cut score share the remaining places — each counts with weight
   * (g − students strictly beyond the cut) / (students tied at the cut) — so D does not depend on the row order.
   * Null when n < 2 or every total is equal.
   */
  upperLowerD: number | null;
  /** P < 0.2 (too hard). */
  flagHard: boolean;
  /** P > 0.9 (too easy). */
  flagEasy: boolean;
  /** D < 0.2 (weak discrimination). */
  flagLowD: boolean;
  /** corrected item–total correlation < 0. */
  flagNegativeR: boolean;
}

/** Paper-level reliability and the item statistics. */
export interface ItemAnalysis {
  n: number;
  items: ItemStats[];
  /** Total score of every student (row sums). */
  totals: Float64Array;
  totalMean: number | null;
  /** Sample SD of the totals. */
  totalSd: number | null;
  /**
   * Cronbach's α = k/(k − 1) · (1 − Σσᵢ²/σ_X²) (= KR-20 for 0/1 items: σᵢ² ∝ pᵢqᵢ); the ratio is the same with sample
   * or population variances, sample ones are used. Null when k < 2, n < 2 or the totals have zero variance.
   */
  alpha: number | null;
  /** SEM = SD_X · √(1 − α), SD_X the sample SD of the totals; null when α is null. */
  sem: number | null;
}

/**
 * Item statistics of an n × k matrix (row-major) with the full marks of every item. Two passes over the matrix
 * (sums; centred sums of squares and cross-products with the total and with the rest), plus one sort of the totals
 * for the 27% cuts and one more pass for the group sums.
 */
export function itemAnalysis(matrix: Float64Array, n: number, fullMarks: ArrayLike<number>): ItemAnalysis {
  const k = fullMarks.length;
  if (matrix.length !== n * k) throw new RangeError(`itemAnalysis: matrix has ${matrix.length} cells, not ${n}×${k}`);
  const totals = new Float64Array(n);
  const sums = new Float64Array(k);
  const fullCount = new Int32Array(k);
  const zeroCount = new Int32Array(k);
  const itemMin = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  const itemMax = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  let totalSum = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let t = 0;
    for (let j = 0; j < k; j++) {
      const x = matrix[row + j];
      t += x;
      sums[j] += x;
      if (x >= fullMarks[j]) fullCount[j]++;
      if (x === 0) zeroCount[j]++;
      if (x < itemMin[j]) itemMin[j] = x;
      if (x > itemMax[j]) itemMax[j] = x;
    }
    totals[i] = t;
    totalSum += t;
  }
  const means = new Float64Array(k);
  for (let j = 0; j < k; j++) means[j] = n ? sums[j] / n : 0;
  const totalMean = n ? totalSum / n : 0;

  // centred pass: item SS, cross-products of the item with the rest (X − xᵢ), rest SS, total SS
  const itemSS = new Float64Array(k);
  const restSS = new Float64Array(k);
  const crossRest = new Float64Array(k);
  const restMin = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  const restMax = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  let totalSS = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    const dT = totals[i] - totalMean;
    totalSS += dT * dT;
    for (let j = 0; j < k; j++) {
      const x = matrix[row + j];
      const dj = x - means[j];
      const dr = dT - dj;
      itemSS[j] += dj * dj;
      restSS[j] += dr * dr;
      crossRest[j] += dj * dr;
      const rest = totals[i] - x;
      if (rest < restMin[j]) restMin[j] = rest;
      if (rest > restMax[j]) restMax[j] = rest;
    }
  }

  // 27% groups over the totals, ties at a cut sharing the remaining places by weight (extreme-groups.ts)
  const upperSum = new Float64Array(k);
  const lowerSum = new Float64Array(k);
  const groups = extremeGroups(totals);
  const totalsVary = groups !== null; // n ≥ 2 and the totals differ
  const g = groups?.g ?? Math.max(1, Math.round(0.27 * n));
  if (groups) {
    for (let i = 0; i < n; i++) {
      const u = groups.upperWeight(totals[i]);
      const l = groups.lowerWeight(totals[i]);
      if (u === 0 && l === 0) continue;
      const row = i * k;
      for (let j = 0; j < k; j++) {
        const x = matrix[row + j];
        upperSum[j] += u * x;
        lowerSum[j] += l * x;
      }
    }
  }

  const items: ItemStats[] = [];
  let sumItemVar = 0;
  for (let j = 0; j < k; j++) {
    const w = fullMarks[j];
    const mean = n ? means[j] : null;
    const itemVaries = n >= 2 && itemMax[j] !== itemMin[j];
    const restVaries = n >= 2 && restMax[j] !== restMin[j];
    const sd = n >= 2 ? (itemVaries ? Math.sqrt(itemSS[j] / (n - 1)) : 0) : null;
    if (itemVaries) sumItemVar += itemSS[j] / (n - 1);
    const difficulty = mean !== null && w > 0 ? mean / w : null;
    const discrimination = itemVaries && restVaries ? crossRest[j] / Math.sqrt(itemSS[j] * restSS[j]) : null;
    const upperLowerD = totalsVary && w > 0 ? (upperSum[j] - lowerSum[j]) / (g * w) : null;
    items.push({
      fullMarks: w,
      mean,
      sd,
      difficulty,
      fullRate: n ? fullCount[j] / n : null,
      zeroRate: n ? zeroCount[j] / n : null,
      discrimination,
      upperLowerD,
      flagHard: difficulty !== null && difficulty < 0.2,
      flagEasy: difficulty !== null && difficulty > 0.9,
      flagLowD: upperLowerD !== null && upperLowerD < 0.2,
      flagNegativeR: discrimination !== null && discrimination < 0,
    });
  }
  const totalVar = totalsVary ? totalSS / (n - 1) : 0;
  const alpha = k >= 2 && totalsVary ? (k / (k - 1)) * (1 - sumItemVar / totalVar) : null;
  const totalSd = n >= 2 ? Math.sqrt(totalVar) : null;
  return {
    n,
    items,
    totals,
    totalMean: n ? totalMean : null,
    totalSd,
    alpha,
    sem: alpha !== null && totalSd !== null ? totalSd * Math.sqrt(1 - alpha) : null,
  };
}

/** Item 得分率 per group (class, school…): `difficulty[g·k + j]` = mean of item j in group g / full marks of j. */
export interface GroupItemDifficulty {
  /** Students (rows) of every group. */
  n: Int32Array;
  /** groupCount × k, row-major; NaN for a group without students (never read it as 0). */
  difficulty: Float64Array;
}

/**
 * P (得分率) of every item in every group in one pass over the matrix: Σ item scores per group / (n_g · full marks).
 * `groups[i]` is the group id in [0, groupCount) of matrix row i (students who sat only, as in itemAnalysis).
 */
export function itemDifficultyByGroup(
  matrix: Float64Array,
  n: number,
  fullMarks: ArrayLike<number>,
  groups: Int32Array,
  groupCount: number,
): GroupItemDifficulty {
  const k = fullMarks.length;
  if (matrix.length !== n * k || groups.length !== n) throw new RangeError('itemDifficultyByGroup: shapes differ');
  const counts = new Int32Array(groupCount);
  const sums = new Float64Array(groupCount * k);
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (g < 0 || g >= groupCount) throw new RangeError(`itemDifficultyByGroup: group id ${g} out of range`);
    counts[g]++;
    const row = i * k;
    const out = g * k;
    for (let j = 0; j < k; j++) sums[out + j] += matrix[row + j];
  }
  for (let g = 0; g < groupCount; g++) {
    for (let j = 0; j < k; j++) sums[g * k + j] = counts[g] ? sums[g * k + j] / (counts[g] * fullMarks[j]) : Number.NaN;
  }
  return { n: counts, difficulty: sums };
}
