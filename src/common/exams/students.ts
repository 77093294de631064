/**
 * Student-level signals (学业质量监测 §5.1 "Balance", "上线 / 临界", "Change"): 偏科, 尖子生/学困生 and 进退步 between two
 * exams. Arrays hold one entry per student; NaN marks a student who did not sit (no signal: NaN, 0 or an unset flag),
 * and such students are outside every denominator and every rank.
 */
import { standing, zScores } from './ranks.js';

/**
 * 偏科 by standard scores: for each subject s, d_s = Z_s − (mean of the student's Z over the subjects they sat).
 * `z[s][i]` is student i's county Z in subject s (NaN = did not sit). A student with fewer than 2 subjects sat gets
 * NaN everywhere (no balance to measure); NaN where the student did not sit s. Positive = stronger than their own
 * average (优势科), negative = 弱势科.
 */
export function subjectImbalance(z: readonly ArrayLike<number>[]): Float64Array[] {
  const S = z.length;
  const len = S ? z[0].length : 0;
  for (const col of z) if (col.length !== len) throw new RangeError('subjectImbalance: subjects differ in length');
  const out = z.map(() => new Float64Array(len).fill(Number.NaN));
  for (let i = 0; i < len; i++) {
    let sum = 0;
    let k = 0;
    for (let s = 0; s < S; s++) {
      const v = z[s][i];
      if (Number.isNaN(v)) continue;
      sum += v;
      k++;
    }
    if (k < 2) continue;
    const mean = sum / k;
    for (let s = 0; s < S; s++) out[s][i] = z[s][i] - mean;
  }
  return out;
}

/**
 * 学科均衡差值 (anchors §1.2) = subject rank − total rank, both competition ranks in the same scope (0 = did not sit, as
 * in `standing`); NaN when either rank is 0. Negative = the subject ranks better than the total (优势科).
 */
export function rankImbalance(subjectRank: Int32Array, totalRank: Int32Array): Float64Array {
  if (subjectRank.length !== totalRank.length) throw new RangeError('rankImbalance: arrays differ in length');
  const out = new Float64Array(subjectRank.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = subjectRank[i] && totalRank[i] ? subjectRank[i] - totalRank[i] : Number.NaN;
  }
  return out;
}

/** How many students a top/bottom list holds: N students or a share of those who sat (per group). */
export type ListSize = { count: number } | { share: number };

/**
 * 尖子生 (`top`) or 学困生 (`bottom`) flags within groups (class, school or county; null groups = one group): a student
 * who sat is flagged when their competition rank from that end is ≤ k, with k = N, or k = ⌈share·n_g⌉ over the n_g
 * who sat in the group (so every student tied with the k-th is in, and the list may be longer than k).
 */
export function extremeFlags(
  scores: ArrayLike<number>,
  end: 'top' | 'bottom',
  size: ListSize,
  groups: Int32Array | null = null,
  groupCount = 1,
): Uint8Array {
  const len = scores.length;
  const keyed = end === 'top' ? scores : Float64Array.from({ length: len }, (_, i) => -scores[i]);
  const { rank } = standing(keyed, groups, groupCount);
  const sat = new Int32Array(groupCount);
  for (let i = 0; i < len; i++) if (!Number.isNaN(scores[i])) sat[groups ? groups[i] : 0]++;
  const flags = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    if (rank[i] === 0) continue;
    const ng = sat[groups ? groups[i] : 0];
    const k = 'count' in size ? size.count : Math.ceil(Number((size.share * ng).toPrecision(12)));
    if (rank[i] <= k) flags[i] = 1;
  }
  return flags;
}

/** 进退步 of every student between two exams. */
export interface Progress {
  /** Rank in the prior exam (0 = did not sit). */
  priorRank: Int32Array;
  /** Rank in the current exam (0 = did not sit). */
  currentRank: Int32Array;
  /** 名次进退 = prior rank − current rank (positive = moved up); NaN unless the student sat both. */
  rankChange: Float64Array;
  /** Z_current − Z_prior (each exam's own county Z); NaN unless sat both; null when a Z scale is undefined. */
  zChange: Float64Array | null;
  /** T change = 10 × Z change; null with zChange. */
  tChange: Float64Array | null;
}

/**
 * 进退步 between a prior and a current exam of the cohort (same student order). Ranks are competition ranks within
 * groups (null = one pool) over each exam's own sitters; Z is standardised within each exam over its sitters.
 */
export function progress(
  prior: ArrayLike<number>,
  current: ArrayLike<number>,
  groups: Int32Array | null = null,
  groupCount = 1,
): Progress {
  const len = current.length;
  if (prior.length !== len) throw new RangeError('progress: exams differ in length');
  const priorRank = standing(prior, groups, groupCount).rank;
  const currentRank = standing(current, groups, groupCount).rank;
  const rankChange = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    rankChange[i] = priorRank[i] && currentRank[i] ? priorRank[i] - currentRank[i] : Number.NaN;
  }
  const zp = zScores(prior);
  const zc = zScores(current);
  let zChange: Float64Array | null = null;
  let tChange: Float64Array | null = null;
  if (zp && zc) {
    zChange = new Float64Array(len);
    tChange = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      zChange[i] = zc[i] - zp[i];
      tChange[i] = 10 * zChange[i];
    }
  }
  return { priorRank, currentRank, rankChange, zChange, tChange };
}
