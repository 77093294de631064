/**
 * Shape checks of one response against a survey: what the statistics would otherwise silently ignore. Covers unknown
 * question ids, answers of the wrong type, values off the scale, unknown options or matrix items, duplicate choices
 * and oversized text. Required questions and show-if logic belong to the survey builder's definitions and are not
 * checked here.
 */
import { SATISFACTION_OPTIONS, type ScaleKind, type Survey, type SurveyResponse } from './types.js';

export interface AnswerProblem {
  questionId: string;
  /** Matrix item, when the problem is in one. */
  itemId?: string;
  code:
    | 'unknown-question'
    | 'wrong-type'
    | 'off-scale'
    | 'unknown-option'
    | 'duplicate-option'
    | 'unknown-item'
    | 'too-long';
}

/** Default limit on a text answer, in UTF-16 code units. */
export const DEFAULT_MAX_TEXT_LENGTH = 2000;

/** Whether a value is on a scale: a label of the satisfaction scale, an integer 1–5, an integer 0–10. */
export function onScale(scale: ScaleKind, v: unknown): boolean {
  if (scale === 'satisfaction') return typeof v === 'string' && (SATISFACTION_OPTIONS as readonly string[]).includes(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  return scale === 'likert5' ? v >= 1 && v <= 5 : v >= 0 && v <= 10;
}

/** Every shape problem of a response (empty when it is well-formed); unanswered (absent or null) is not a problem. */
export function answerProblems(
  survey: Survey,
  response: SurveyResponse,
  maxTextLength = DEFAULT_MAX_TEXT_LENGTH,
): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  for (const [questionId, a] of Object.entries(response.answers)) {
    if (a === null || a === undefined) continue;
    const q = questions.get(questionId);
    if (!q) {
      out.push({ questionId, code: 'unknown-question' });
      continue;
    }
    const problem = (code: AnswerProblem['code'], itemId?: string) =>
      out.push(itemId === undefined ? { questionId, code } : { questionId, itemId, code });
    switch (q.kind) {
      case 'satisfaction':
      case 'likert5':
      case 'rating10':
        if (!onScale(q.kind, a)) problem(typeof a === 'string' || typeof a === 'number' ? 'off-scale' : 'wrong-type');
        break;
      case 'single':
        if (typeof a !== 'string') problem('wrong-type');
        else if (!q.options.includes(a)) problem('unknown-option');
        break;
      case 'multiple':
        if (!Array.isArray(a) || a.some((v) => typeof v !== 'string')) problem('wrong-type');
        else if (a.some((v) => !q.options.includes(v))) problem('unknown-option');
        else if (new Set(a).size !== a.length) problem('duplicate-option');
        break;
      case 'matrix': {
        if (typeof a !== 'object' || Array.isArray(a)) {
          problem('wrong-type');
          break;
        }
        const items = new Set(q.items.map((i) => i.id));
        for (const [itemId, v] of Object.entries(a as Readonly<Record<string, unknown>>)) {
          if (v === null || v === undefined) continue;
          if (!items.has(itemId)) problem('unknown-item', itemId);
          else if (!onScale(q.scale, v)) problem('off-scale', itemId);
        }
        break;
      }
      case 'text':
        if (typeof a !== 'string') problem('wrong-type');
        else if (a.length > maxTextLength) problem('too-long');
        break;
      case 'number':
        if (typeof a !== 'number' || !Number.isFinite(a)) problem('wrong-type');
        break;
    }
  }
  return out;
}
