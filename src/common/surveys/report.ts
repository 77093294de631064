/**
 * Results per question, per dimension and overall, for every group (class, school, 学区, county): the same cell
 * functions applied to each group's responses. Suppression applies cell by cell, so a class of 9 respondents is
 * suppressed everywhere and a class of 12 where only 8 answered one dimension is suppressed in that dimension.
 */

import { indexMetric, type RankInput, rateMetric } from './ranking.js';
import { type SatisfactionResult, satisfactionResult } from './satisfaction.js';
import { type IndexOptions, type IndexResult, indexResult } from './scores.js';
import { DEFAULT_MIN_GROUP_SIZE } from './stats.js';
import { type ScoredItem, type Survey, type SurveyResponse, scoredItems } from './types.js';

/** Rate and index of one cell. */
export interface CellResult {
  /** Null when the cell has no item on the satisfaction scale (e.g. a dimension asked only on a Likert scale). */
  satisfaction: SatisfactionResult | null;
  index: IndexResult;
}

/** A unit's results: overall (every scored item), per dimension (survey order) and per scored item. */
export interface UnitResults {
  overall: CellResult;
  dimensions: { dimension: string; result: CellResult }[];
  /** Key `questionId` or `questionId/itemId` for a matrix item. */
  items: { key: string; item: ScoredItem; result: CellResult }[];
}

/** The key of a scored item: `questionId`, or `questionId/itemId` for a matrix item. */
export function itemKey(item: ScoredItem): string {
  return item.itemId === undefined ? item.questionId : `${item.questionId}/${item.itemId}`;
}

/** Rate and index of a cell over responses. */
export function cellResult(
  responses: readonly SurveyResponse[],
  items: readonly ScoredItem[],
  options: IndexOptions = {},
): CellResult {
  return {
    satisfaction: items.some((i) => i.scale === 'satisfaction')
      ? satisfactionResult(responses, items, options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE)
      : null,
    index: indexResult(responses, items, options),
  };
}

/** Every cell of a survey over one unit's responses. */
export function unitResults(survey: Survey, responses: readonly SurveyResponse[], options: IndexOptions = {}) {
  const all = scoredItems(survey);
  const byDimension = new Map<string, ScoredItem[]>();
  for (const item of all) {
    const list = byDimension.get(item.dimension);
    if (list) list.push(item);
    else byDimension.set(item.dimension, [item]);
  }
  const result: UnitResults = {
    overall: cellResult(responses, all, options),
    dimensions: [...byDimension].map(([dimension, items]) => ({
      dimension,
      result: cellResult(responses, items, options),
    })),
    items: all.map((item) => ({ key: itemKey(item), item, result: cellResult(responses, [item], options) })),
  };
  return result;
}

/** Responses grouped by a key (class id, school id, …), groups in first-seen order; a null key drops the response. */
export function groupResponses<R>(responses: readonly R[], key: (r: R) => string | null): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const r of responses) {
    const k = key(r);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/** unitResults for every group of responses (per class, school, 学区; the county is unitResults of all). */
export function resultsByGroup<R extends SurveyResponse>(
  survey: Survey,
  responses: readonly R[],
  key: (r: R) => string | null,
  options: IndexOptions = {},
): Map<string, UnitResults> {
  const out = new Map<string, UnitResults>();
  for (const [k, rs] of groupResponses(responses, key)) out.set(k, unitResults(survey, rs, options));
  return out;
}

/**
 * Ranking input from results per unit: the rate or the index of the overall cell, or of one dimension
 * (a unit without that dimension has no value, so it is listed as excluded, never ranked).
 */
export function unitMetrics(
  results: ReadonlyMap<string, UnitResults>,
  measure: 'rate' | 'index',
  dimension?: string,
): RankInput[] {
  return [...results].map(([unitId, u]) => {
    const cell = dimension === undefined ? u.overall : u.dimensions.find((d) => d.dimension === dimension)?.result;
    if (!cell) return { unitId, metric: { suppressed: false, value: null, ci: null } };
    if (measure === 'index') return { unitId, metric: indexMetric(cell.index) };
    const rate = cell.satisfaction;
    return { unitId, metric: rate ? rateMetric(rate) : { suppressed: false, value: null, ci: null } };
  });
}
