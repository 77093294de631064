/**
 * The 0–100 index per dimension (anchors-platform §5, the ACSI general form with equal weights):
 *   item score = 100 · (x − 1)/(k − 1) for a k-point scale coded 1..k;
 *   respondent's dimension score = mean of that respondent's item scores in the dimension (valid answers only);
 *   index = mean of respondent scores over the respondents with at least one valid answer;
 *   95% interval = index ± t₀.₉₇₅(n − 1) · s/√n over the respondent scores (s the sample SD), clipped to [0, 100].
 * Scale mappings (every answer outside them — 不了解, blank, out of range, not an integer — is not a score):
 *   satisfaction: 满意 = 100, 基本满意 = 50, 不满意 = 0 (k = 3 ordered levels; 不了解 excluded); overridable;
 *   likert5:      1..5 → 0, 25, 50, 75, 100 (100 · (x − 1)/4);
 *   rating10:     0..10 → 0, 10, …, 100 (10 · x; 11 points coded 0..10).
 */
import {
  DEFAULT_MIN_GROUP_SIZE,
  type Interval,
  isSuppressed,
  meanSd,
  type Suppressed,
  suppressed,
  tInterval,
} from './stats.js';
import { itemAnswer, type ScaleKind, type ScoredItem, type SurveyResponse } from './types.js';

/** Scores of the satisfaction scale's labels; 不了解 has none. */
export type SatisfactionScores = Readonly<Record<'满意' | '基本满意' | '不满意', number>>;

/** 满意 = 100, 基本满意 = 50, 不满意 = 0: three ordered levels mapped by 100 · (x − 1)/(3 − 1). */
export const DEFAULT_SATISFACTION_SCORES: SatisfactionScores = { 满意: 100, 基本满意: 50, 不满意: 0 };

/** The 0–100 score of one answer on a scale (the mappings above), or null when it is not a score. */
export function scaleScore(
  scale: ScaleKind,
  value: string | number | undefined,
  satisfactionScores: SatisfactionScores = DEFAULT_SATISFACTION_SCORES,
): number | null {
  if (value === undefined) return null;
  if (scale === 'satisfaction') {
    return value === '满意' || value === '基本满意' || value === '不满意' ? satisfactionScores[value] : null;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) return null;
  if (scale === 'likert5') return value >= 1 && value <= 5 ? (100 * (value - 1)) / 4 : null;
  return value >= 0 && value <= 10 ? 10 * value : null;
}

/** Whether an answer is valid on the item's scale: a score, or 不了解 on the satisfaction scale. */
export function isValidAnswer(item: ScoredItem, value: string | number | undefined): boolean {
  return (item.scale === 'satisfaction' && value === '不了解') || scaleScore(item.scale, value) !== null;
}

/** Whether a response gave any valid answer (不了解 included) to any of the items. */
export function answeredAny(response: SurveyResponse, items: readonly ScoredItem[]): boolean {
  return items.some((i) => isValidAnswer(i, itemAnswer(response, i)));
}

/** A respondent's score over items: mean of the valid item scores; null when there is none. */
export function respondentScore(
  response: SurveyResponse,
  items: readonly ScoredItem[],
  satisfactionScores: SatisfactionScores = DEFAULT_SATISFACTION_SCORES,
): number | null {
  let sum = 0;
  let n = 0;
  for (const item of items) {
    const s = scaleScore(item.scale, itemAnswer(response, item), satisfactionScores);
    if (s !== null) {
      sum += s;
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}

/** A published index. */
export interface IndexValue {
  suppressed: false;
  /** Respondents with a valid answer in the cell (不了解 included): the suppression count. */
  respondents: number;
  /** Respondents with a score (at least one answer other than 不了解). */
  n: number;
  /** Mean respondent score, 0–100; null when n = 0. */
  index: number | null;
  /** Sample SD of respondent scores; null when n < 2. */
  sd: number | null;
  /** 95% t-interval, clipped to [0, 100]; null when n < 2. */
  ci: Interval | null;
}

export type IndexResult = IndexValue | Suppressed;

export interface IndexOptions {
  minGroupSize?: number;
  satisfactionScores?: SatisfactionScores;
}

/** The 0–100 index of a cell over a group of responses; suppressed when fewer than minGroupSize answered in it. */
export function indexResult(
  responses: readonly SurveyResponse[],
  items: readonly ScoredItem[],
  options: IndexOptions = {},
): IndexResult {
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  let respondents = 0;
  const scores: number[] = [];
  for (const r of responses) {
    if (!answeredAny(r, items)) continue;
    respondents++;
    const s = respondentScore(r, items, options.satisfactionScores);
    if (s !== null) scores.push(s);
  }
  if (isSuppressed(respondents, minGroupSize)) return suppressed(minGroupSize);
  const { n, mean, sd } = meanSd(scores);
  return { suppressed: false, respondents, n, index: mean, sd, ci: tInterval(scores) };
}
