/**
 * The satisfaction rate (seed-004 §7.4): 满意 and 基本满意 both count as satisfied; 不了解 is excluded from the
 * denominator and reported separately as a share of all answers.
 *   rate = (满意 + 基本满意) / (满意 + 基本满意 + 不满意)      — null when that denominator is 0
 *   不了解 share = 不了解 / (满意 + 基本满意 + 不满意 + 不了解)  — null when there are no answers
 * Counts are of answers (a respondent answering 3 satisfaction questions of a dimension adds 3), pooled over the
 * items of the cell; the interval is Wilson's over those answer counts. Only items on the satisfaction scale count.
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
}

/** A published satisfaction rate. */
export interface SatisfactionRate extends SatisfactionCounts {
  suppressed: false;
  /** All valid answers: 满意 + 基本满意 + 不满意 + 不了解. */
  answers: number;
  /** (满意 + 基本满意) / (满意 + 基本满意 + 不满意); null when no one answered other than 不了解. */
  rate: number | null;
  /** 不了解 / answers; null when there are no answers. */
  unknownShare: number | null;
  /** 95% Wilson interval of the rate; null with the rate. */
  ci: Interval | null;
}

export type SatisfactionResult = SatisfactionRate | Suppressed;

/** Counts the satisfaction-scale answers of `responses` to `items` (other scales and invalid labels are ignored). */
export function satisfactionCounts(
  responses: readonly SurveyResponse[],
  items: readonly ScoredItem[],
): SatisfactionCounts {
  const c: SatisfactionCounts = { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unknown: 0, respondents: 0 };
  const scale = items.filter((i) => i.scale === 'satisfaction');
  for (const r of responses) {
    let answered = false;
    for (const item of scale) {
      const a = itemAnswer(r, item);
      if (a === '满意') c.satisfied++;
      else if (a === '基本满意') c.basicallySatisfied++;
      else if (a === '不满意') c.dissatisfied++;
      else if (a === '不了解') c.unknown++;
      else continue;
      answered = true;
    }
    if (answered) c.respondents++;
  }
  return c;
}

/** The rate, 不了解 share and Wilson interval of counts (the formulas at the top of this module). */
export function satisfactionRate(c: SatisfactionCounts): SatisfactionRate {
  const yes = c.satisfied + c.basicallySatisfied;
  const valid = yes + c.dissatisfied;
  const answers = valid + c.unknown;
  return {
    suppressed: false,
    ...c,
    answers,
    rate: valid === 0 ? null : yes / valid,
    unknownShare: answers === 0 ? null : c.unknown / answers,
    ci: wilsonInterval(yes, valid),
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
