/**
 * Survey questions and answers as the statistics engine sees them (满意度测评, issue 5 "Surveys"; seed-004 §7).
 * Dimensions are data: each scored question (or matrix item) carries a dimension tag; `DEFAULT_DIMENSIONS` are the
 * seed's six. Answers are plain JSON values keyed by question id, so stored rows can be passed in as they are.
 */

/** The standard satisfaction scale; 满意 and 基本满意 count as satisfied, 不了解 is outside every denominator. */
export const SATISFACTION_OPTIONS = ['满意', '基本满意', '不满意', '不了解'] as const;
export type SatisfactionOption = (typeof SATISFACTION_OPTIONS)[number];

/**
 * The six dimensions of seed-004 §7.2 (整体办学水平, 师德表现, 教学工作, 学生课业负担, 学习生活条件及服务,
 * 校园安全环境), under the product's short names. A survey may use any other strings.
 */
export const DEFAULT_DIMENSIONS: readonly string[] = [
  '总体评价',
  '师德师风',
  '教育教学',
  '学业负担',
  '办学条件与服务',
  '校园安全',
];

/** The dimension of a scored question that names none. */
export const DEFAULT_DIMENSION = '总体评价';

/** Scales that can be scored 0–100: the satisfaction scale, a 5-point Likert scale (1–5), a 0–10 rating. */
export type ScaleKind = 'satisfaction' | 'likert5' | 'rating10';

interface QuestionBase {
  id: string;
  /** Question text (not used by the statistics). */
  title?: string;
  /** Dimension tag of a scored question; `DEFAULT_DIMENSION` when absent. */
  dimension?: string;
}

/** A question on one of the scored scales; its answer is a `SatisfactionOption` or an integer on the scale. */
export interface ScaleQuestion extends QuestionBase {
  kind: ScaleKind;
}

/** A single-choice question (answer: one option value) or multiple choice (answer: an array of option values). */
export interface ChoiceQuestion extends QuestionBase {
  kind: 'single' | 'multiple';
  options: readonly string[];
}

/** A matrix: every item is answered on the same scale; the answer maps item id → value. Items may carry a dimension. */
export interface MatrixQuestion extends QuestionBase {
  kind: 'matrix';
  scale: ScaleKind;
  items: readonly { id: string; title?: string; dimension?: string }[];
}

/** Free text (comments) and numbers are carried but not scored. */
export interface OtherQuestion extends QuestionBase {
  kind: 'text' | 'number';
}

export type Question = ScaleQuestion | ChoiceQuestion | MatrixQuestion | OtherQuestion;

export interface Survey {
  id?: string;
  questions: readonly Question[];
}

/**
 * One answer value: an option label, a number, option labels (multiple choice) or item id → value (matrix; null or
 * absent for an item not answered).
 */
export type Answer = string | number | readonly string[] | Readonly<Record<string, string | number | null>>;

/** One respondent's answers, keyed by question id; a question not answered is absent (or null). */
export interface SurveyResponse {
  answers: Readonly<Record<string, Answer | null | undefined>>;
}

/** A scored cell of the survey: a scale question, or one item of a matrix (itemId set). */
export interface ScoredItem {
  questionId: string;
  itemId?: string;
  scale: ScaleKind;
  dimension: string;
}

/** Every scored item of a survey in question order (scale questions, then each item of a matrix). */
export function scoredItems(survey: Survey): ScoredItem[] {
  const out: ScoredItem[] = [];
  for (const q of survey.questions) {
    if (q.kind === 'satisfaction' || q.kind === 'likert5' || q.kind === 'rating10') {
      out.push({ questionId: q.id, scale: q.kind, dimension: q.dimension ?? DEFAULT_DIMENSION });
    } else if (q.kind === 'matrix') {
      for (const item of q.items) {
        out.push({
          questionId: q.id,
          itemId: item.id,
          scale: q.scale,
          dimension: item.dimension ?? q.dimension ?? DEFAULT_DIMENSION,
        });
      }
    }
  }
  return out;
}

/** The raw answer of a response to a scored item (a string or number), or undefined when not answered. */
export function itemAnswer(response: SurveyResponse, item: ScoredItem): string | number | undefined {
  const a = response.answers[item.questionId];
  if (a === null || a === undefined) return undefined;
  if (item.itemId === undefined) return typeof a === 'string' || typeof a === 'number' ? a : undefined;
  if (typeof a !== 'object' || Array.isArray(a)) return undefined;
  const v = (a as Readonly<Record<string, string | number | null>>)[item.itemId];
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/** The dimensions used by a survey's scored items, in first-use order. */
export function surveyDimensions(survey: Survey): string[] {
  return [...new Set(scoredItems(survey).map((i) => i.dimension))];
}
