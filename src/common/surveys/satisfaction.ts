/**
 * The satisfaction rate (seed-004 §7.4): 满意 and 基本满意 both count as satisfied; 不了解 is excluded from the
 * denominator and reported separately as a share of all answers.
 *   rate = (满意 + 基本满意) / (满意 + 基本满意 + 不满意)      — null when that denominator is 0
 *   不了解 share = 不了解 / (满意 + 基本满意 + 不满意 + 不了解)  — null when there are no answers
 * Counts are of answers (a respondent answering 3 satisfaction questions of a dimension adds 3), pooled over the
 * items of the cell. Only items on the satisfaction scale count.
 *
 * 95% interval: Wilson's. For one question (every respondent gives at most one valid answer) it is Wilson over the
 * answer counts. When respondents give several answers to the cell (a dimension, the whole survey) the answers of
 * one respondent are not independent, so Wilson is taken at an effective sample size (Korn & Graubard 1998):
 *   per respondent i with mᵢ ≥ 1 valid answers (不了解 excluded), yᵢ of them satisfied; n such respondents;
 *   r = Σy/Σm, m̄ = Σm/n;
 *   v_cluster = Σ(yᵢ − r·mᵢ)² / (n(n − 1)·m̄²)      (ratio-estimator variance, respondents as clusters)
 *   v_simple  = r(1 − r)/Σm
 *   deff = max(1, v_cluster / v_simple)   (1 when n < 2 or r is 0 or 1)
 *   n_eff = Σm / deff; interval = Wilson(r·n_eff, n_eff).
 */
import {
  DEFAULT_MIN_GROUP_SIZE,
  type Interval,
  isSuppressed,
  type Suppressed,
  suppressed,
  wilsonInterval,
} from './stats.js';
import { itemAnswer, type ScoredItem, type SurveyResponse } from './types.js';

/** Answer counts of one cell on the satisfaction scale, and the respondents behind them. */
export interface SatisfactionCounts {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  unknown: number;
  /** Distinct respondents with at least one valid answer in the cell (不了解 included): the suppression count. */
  respondents: number;
  /**
   * Per-respondent sums for the clustered interval, over respondents with mᵢ ≥ 1 answers other than 不了解:
   * their number n, Σy², Σy·m, Σm², and the largest mᵢ.
   */
  clusters: { n: number; syy: number; sym: number; smm: number; maxM: number };
}

/** A published satisfaction rate. */
export interface SatisfactionRate extends Omit<SatisfactionCounts, 'clusters'> {
  suppressed: false;
  /** All valid answers: 满意 + 基本满意 + 不满意 + 不了解. */
  answers: number;
  /** (满意 + 基本满意) / (满意 + 基本满意 + 不满意); null when no one answered other than 不了解. */
  rate: number | null;
  /** 不了解 / answers; null when there are no answers. */
  unknownShare: number | null;
  /** Design effect of pooling several answers per respondent (1 for a single question). */
  designEffect: number | null;
  /** 95% Wilson interval of the rate (at the effective sample size when pooled); null with the rate. */
  ci: Interval | null;
}

export type SatisfactionResult = SatisfactionRate | Suppressed;

/** Counts the satisfaction-scale answers of `responses` to `items` (other scales and invalid labels are ignored). */
export function satisfactionCounts(
  responses: readonly SurveyResponse[],
  items: readonly ScoredItem[],
): SatisfactionCounts {
  const clusters = { n: 0, syy: 0, sym: 0, smm: 0, maxM: 0 };
  const c: SatisfactionCounts = {
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
    unknown: 0,
    respondents: 0,
    clusters,
  };
  const scale = items.filter((i) => i.scale === 'satisfaction');
  for (const r of responses) {
    let answered = false;
    let y = 0;
    let m = 0;
    for (const item of scale) {
      const a = itemAnswer(r, item);
      if (a === '满意') c.satisfied++;
      else if (a === '基本满意') c.basicallySatisfied++;
      else if (a === '不满意') c.dissatisfied++;
      else if (a === '不了解') c.unknown++;
      else continue;
      answered = true;
      if (a !== '不了解') m++;
      if (a === '满意' || a === '基本满意') y++;
    }
    if (answered) c.respondents++;
    if (m > 0) {
      clusters.n++;
      clusters.syy += y * y;
      clusters.sym += y * m;
      clusters.smm += m * m;
      clusters.maxM = Math.max(clusters.maxM, m);
    }
  }
  return c;
}

/** The design effect of pooled answers (the formulas at the top of this module); null when there is no answer. */
export function designEffect(c: SatisfactionCounts): number | null {
  const yes = c.satisfied + c.basicallySatisfied;
  const valid = yes + c.dissatisfied;
  if (valid === 0) return null;
  const { n, syy, sym, smm, maxM } = c.clusters;
  if (maxM <= 1 || n < 2 || yes === 0 || yes === valid) return 1;
  const r = yes / valid;
  const mBar = valid / n;
  const vCluster = (syy - 2 * r * sym + r * r * smm) / (n * (n - 1) * mBar * mBar);
  const vSimple = (r * (1 - r)) / valid;
  return Math.max(1, vCluster / vSimple);
}

/** The rate, 不了解 share and Wilson interval of counts (the formulas at the top of this module). */
export function satisfactionRate(c: SatisfactionCounts): SatisfactionRate {
  const yes = c.satisfied + c.basicallySatisfied;
  const valid = yes + c.dissatisfied;
  const answers = valid + c.unknown;
  const rate = valid === 0 ? null : yes / valid;
  const deff = designEffect(c);
  const nEff = deff === null ? 0 : valid / deff;
  const { clusters: _, ...counts } = c;
  return {
    suppressed: false,
    ...counts,
    answers,
    rate,
    unknownShare: answers === 0 ? null : c.unknown / answers,
    designEffect: deff,
    ci: rate === null ? null : wilsonInterval(rate * nEff, nEff),
  };
}

/**
 * The satisfaction result of a cell (a question, a dimension, a whole survey — any set of items) over a group of
 * responses: suppressed when fewer than `minGroupSize` respondents answered in the cell.
 */
export function satisfactionResult(
  responses: readonly SurveyResponse[],
  items: readonly ScoredItem[],
  minGroupSize = DEFAULT_MIN_GROUP_SIZE,
): SatisfactionResult {
  const c = satisfactionCounts(responses, items);
  return isSuppressed(c.respondents, minGroupSize) ? suppressed(minGroupSize) : satisfactionRate(c);
}
