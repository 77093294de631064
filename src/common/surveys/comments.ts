/**
 * Free-text answers (comments) and keyword search over them. Normalisation for matching: NFKC (full-width letters,
 * digits and punctuation → half-width; compatibility forms folded), lower case, every run of white space (full-width
 * space included) → one space. A query is split on white space into keywords; a comment matches when its
 * normalised text contains every keyword (AND). An empty query matches every comment.
 */
import type { Survey, SurveyResponse } from './types.js';

/** The normalised form of a text for matching (see above). */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** The keywords of a query, normalised; duplicates removed. */
export function queryKeywords(query: string): string[] {
  const n = normalizeForSearch(query);
  return n === '' ? [] : [...new Set(n.split(' '))];
}

export interface Comment {
  /** Index of the response in the input. */
  response: number;
  questionId: string;
  text: string;
}

/** Non-blank answers to the text questions of a survey, in response then question order. */
export function collectComments(survey: Survey, responses: readonly SurveyResponse[]): Comment[] {
  const ids = survey.questions.filter((q) => q.kind === 'text').map((q) => q.id);
  const out: Comment[] = [];
  responses.forEach((r, i) => {
    for (const id of ids) {
      const a = r.answers[id];
      if (typeof a === 'string' && a.trim() !== '') out.push({ response: i, questionId: id, text: a });
    }
  });
  return out;
}

/** The comments whose normalised text contains every keyword of the query. */
export function searchComments<C extends { text: string }>(comments: readonly C[], query: string): C[] {
  const keywords = queryKeywords(query);
  if (keywords.length === 0) return [...comments];
  return comments.filter((c) => {
    const t = normalizeForSearch(c.text);
    return keywords.every((k) => t.includes(k));
  });
}
