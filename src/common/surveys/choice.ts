/**
 * Distributions of single- and multiple-choice answers. For each option:
 *   count = respondents choosing it; share = count / respondents answering the question
 * (for multiple choice the shares can add up to more than 1). Values not among the question's options are ignored;
 * an answer with no valid option does not count as answering. Suppressed below the minimum group size.
 */
import { DEFAULT_MIN_GROUP_SIZE, isSuppressed, type Suppressed, suppressed } from './stats.js';
import type { ChoiceQuestion, SurveyResponse } from './types.js';

export interface ChoiceDistribution {
  suppressed: false;
  /** Respondents with at least one valid option. */
  respondents: number;
  options: { option: string; count: number; share: number | null }[];
}

export type ChoiceResult = ChoiceDistribution | Suppressed;

/** The valid options of one answer to a choice question, without duplicates. */
export function chosenOptions(question: ChoiceQuestion, answer: unknown): string[] {
  const valid = new Set(question.options);
  const raw = question.kind === 'single' ? [answer] : Array.isArray(answer) ? answer : [];
  return [...new Set(raw.filter((v): v is string => typeof v === 'string' && valid.has(v)))];
}

/** Counts and shares per option (options in question order); suppressed below minGroupSize respondents. */
export function choiceDistribution(
  responses: readonly SurveyResponse[],
  question: ChoiceQuestion,
  minGroupSize = DEFAULT_MIN_GROUP_SIZE,
): ChoiceResult {
  const counts = new Map(question.options.map((o) => [o, 0]));
  let respondents = 0;
  for (const r of responses) {
    const chosen = chosenOptions(question, r.answers[question.id]);
    if (chosen.length === 0) continue;
    respondents++;
    for (const o of chosen) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  if (isSuppressed(respondents, minGroupSize)) return suppressed(minGroupSize);
  return {
    suppressed: false,
    respondents,
    options: [...counts].map(([option, count]) => ({
      option,
      count,
      share: respondents === 0 ? null : count / respondents,
    })),
  };
}
