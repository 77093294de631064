/**
 * The unit table of one level for one measure (full-analysis-types.ts UnitTable), built from the engine's
 * groupSummaries (descriptives, quantiles, 三率), lineCounts, meanStandardScores, compositeScores and rankValues, plus
 * 分数段 counted with the band rule of rates.ts.
 */
import { compositeScores, meanStandardScores } from './composite.js';
import { type Level, withNoneGroup } from './full-analysis-levels.js';
import type { AnalysisConfig, UnitTable } from './full-analysis-types.js';
import { STATUS } from './full-analysis-types.js';
import { groupSummaries } from './groups.js';
import { overMeanRate, rankValues, unitTScore } from './ranks.js';
import { bandOf, type RateCuts } from './rates.js';

/** What a unit table needs to know about the measure. */
export interface MeasureContext {
  scores: Float64Array;
  /** Status codes of the measure (for 作弊/免考 counts), or null. */
  status: Uint8Array | null;
  fullMarks: number;
  cuts: RateCuts;
  lineCuts: (number | null)[];
  highScoreCuts: (number | null)[];
  bandStep: number;
  bandCount: number;
  poolMean: number | null;
  poolSd: number | null;
  /** County Z of every student, or null when undefined. */
  z: Float64Array | null;
}

/** Competition ranks of values within each parent (classes among the classes of their school). */
export function rankWithinParents(
  values: readonly (number | null)[],
  parentOf: Int32Array,
  parentCount: number,
): (number | null)[] {
  const members: number[][] = Array.from({ length: parentCount }, () => []);
  for (let u = 0; u < values.length; u++) members[parentOf[u]].push(u);
  const out: (number | null)[] = new Array(values.length).fill(null);
  for (const m of members) {
    const r = rankValues(m.map((u) => values[u]));
    for (let j = 0; j < m.length; j++) out[m[j]] = r[j];
  }
  return out;
}

export function unitTable(level: Level, m: MeasureContext, config: AnalysisConfig): UnitTable {
  const U = level.count;
  const ids = withNoneGroup(level);
  const summaries = groupSummaries(m.scores, ids, U + 1, m.fullMarks, m.cuts).slice(0, U);
  const cheated = new Int32Array(U + 1);
  const exempt = new Int32Array(U + 1);
  const B = m.bandCount;
  const L = m.lineCuts.length;
  const H = m.highScoreCuts.length;
  const bandCounts = new Int32Array((U + 1) * B);
  const lineCounts = new Int32Array((U + 1) * L);
  const highScoreCounts = new Int32Array((U + 1) * H);
  for (let i = 0; i < ids.length; i++) {
    const u = ids[i];
    const st = m.status ? m.status[i] : 0;
    if (st === STATUS.cheated) cheated[u]++;
    else if (st === STATUS.exempt) exempt[u]++;
    const x = m.scores[i];
    if (Number.isNaN(x)) continue;
    bandCounts[u * B + bandOf(x, m.fullMarks, m.bandStep, B)]++;
    for (let l = 0; l < L; l++) {
      const c = m.lineCuts[l];
      if (c !== null && x >= c) lineCounts[u * L + l]++;
    }
    for (let h = 0; h < H; h++) {
      const c = m.highScoreCuts[h];
      if (c !== null && x >= c) highScoreCounts[u * H + h]++;
    }
  }
  const n = Int32Array.from(summaries, (s) => s.n);
  const bandCumulative = new Int32Array(U * B);
  const bandShares = new Float64Array(U * B);
  const lineRates: (number | null)[] = new Array(U * L);
  for (let u = 0; u < U; u++) {
    let cum = 0;
    for (let b = 0; b < B; b++) {
      cum += bandCounts[u * B + b];
      bandCumulative[u * B + b] = cum;
      bandShares[u * B + b] = n[u] ? bandCounts[u * B + b] / n[u] : 0;
    }
    for (let l = 0; l < L; l++)
      lineRates[u * L + l] = n[u] && m.lineCuts[l] !== null ? lineCounts[u * L + l] / n[u] : null;
  }
  const mean = summaries.map((s) => s.mean);
  const composite = compositeScores(
    summaries.map((s) => ({
      scoreRate: s.scoreRate,
      excellentRate: s.excellentRate,
      goodRate: s.goodRate,
      passRate: s.passRate,
      lowRate: s.lowRate,
    })),
    config.composite,
  );
  const meanZ = m.z ? meanStandardScores(m.z, ids, U + 1).slice(0, U) : new Array<number | null>(U).fill(null);
  return {
    level: level.key,
    count: U,
    expected: Int32Array.from(summaries, (s) => s.expected),
    n,
    absent: Int32Array.from(summaries, (s) => s.absent),
    cheated: cheated.slice(0, U),
    exempt: exempt.slice(0, U),
    participation: summaries.map((s) => (s.expected ? s.n / s.expected : null)),
    mean,
    scoreRate: summaries.map((s) => s.scoreRate),
    sd: summaries.map((s) => s.sd),
    min: summaries.map((s) => s.min),
    max: summaries.map((s) => s.max),
    q1: summaries.map((s) => s.q1),
    median: summaries.map((s) => s.median),
    q3: summaries.map((s) => s.q3),
    cv: summaries.map((s) => s.cv),
    skewness: summaries.map((s) => s.skewness),
    overMeanRate: mean.map((x) => overMeanRate(x, m.poolMean)),
    excellentRate: summaries.map((s) => s.excellentRate),
    goodRate: summaries.map((s) => s.goodRate),
    passRate: summaries.map((s) => s.passRate),
    lowRate: summaries.map((s) => s.lowRate),
    compositeScore: composite.score,
    compositeRank: composite.rank,
    meanRank: rankValues(mean),
    meanRankInParent:
      level.parentOf && level.parentCount ? rankWithinParents(mean, level.parentOf, level.parentCount) : null,
    meanZ,
    unitT: mean.map((x) => unitTScore(x, m.poolMean, m.poolSd)),
    bandCounts: bandCounts.slice(0, U * B),
    bandCumulative,
    bandShares,
    lineCounts: lineCounts.slice(0, U * L),
    lineRates,
    highScoreCounts: highScoreCounts.slice(0, U * H),
  };
}
