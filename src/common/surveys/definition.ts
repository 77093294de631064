/**
 * Survey definitions as the builder, the importer and the public answer page see them: the engine's questions
 * (types.ts) plus title, required, show-if logic and limits. A definition is plain JSON (export/import as is).
 *
 * Show-if: a question with `showIf: { questionId, anyOf }` is shown only when the earlier question `questionId` is
 * shown and answered with one of `anyOf` (for multiple choice: when any chosen option is in `anyOf`). Only earlier
 * questions may be referenced, so visibility is decided in one pass in question order and can never loop.
 *
 * A submission is valid when the engine's shape checks pass (answerProblems), every shown required question is
 * answered (a matrix: every item), no hidden question carries an answer, numbers are within [min, max] and texts
 * within maxLength. Everything here is pure so the server and the public page share it.
 */
import { type Answer, DEFAULT_DIMENSIONS, type ScaleKind } from './types.js';
import { answerProblems, DEFAULT_MAX_TEXT_LENGTH } from './validate.js';

export type Audience = 'parents' | 'students' | 'teachers';
export const AUDIENCES: readonly Audience[] = ['parents', 'students', 'teachers'];

export interface ShowIf {
  questionId: string;
  anyOf: readonly (string | number)[];
}

interface DefBase {
  id: string;
  title: string;
  required?: boolean;
  dimension?: string;
  showIf?: ShowIf;
}
export type DefQuestion =
  | (DefBase & { kind: 'single' | 'multiple'; options: readonly string[] })
  | (DefBase & { kind: ScaleKind })
  | (DefBase & {
      kind: 'matrix';
      scale: ScaleKind;
      items: readonly { id: string; title: string; dimension?: string }[];
    })
  | (DefBase & { kind: 'number'; min?: number; max?: number })
  | (DefBase & { kind: 'text'; maxLength?: number });

export type QuestionKind = DefQuestion['kind'];
export const QUESTION_KINDS: readonly QuestionKind[] = [
  'single',
  'multiple',
  'satisfaction',
  'likert5',
  'matrix',
  'rating10',
  'number',
  'text',
];

export interface SurveyDefinition {
  title: string;
  audience: Audience;
  /** Shown above the questions (e.g. the anonymity promise). */
  intro?: string;
  questions: readonly DefQuestion[];
}

/** Upper bounds that keep a definition (and so the public page's payload) small. */
export const DEFINITION_LIMITS = { questions: 100, options: 30, items: 30, titleLength: 500, maxTextLength: 5000 };

const ID = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const SCALES: readonly ScaleKind[] = ['satisfaction', 'likert5', 'rating10'];

/** Problems of a definition, in Chinese, one line each (empty: valid). Used by the builder and the JSON import. */
export function definitionProblems(input: unknown): string[] {
  const out: string[] = [];
  if (!isObject(input)) return ['定义须是一个 JSON 对象'];
  if (typeof input.title !== 'string' || input.title.trim() === '') out.push('缺少问卷标题 title');
  if (!AUDIENCES.includes(input.audience as Audience)) out.push('audience 须是 parents、students 或 teachers');
  if (input.intro !== undefined && typeof input.intro !== 'string') out.push('intro 须是文字');
  if (!Array.isArray(input.questions) || input.questions.length === 0) return [...out, '至少需要一个题目'];
  if (input.questions.length > DEFINITION_LIMITS.questions) out.push(`题目不能超过 ${DEFINITION_LIMITS.questions} 个`);
  const seen = new Map<string, Record<string, unknown>>();
  input.questions.forEach((q: unknown, i: number) => {
    const at = `第 ${i + 1} 题`;
    if (!isObject(q)) {
      out.push(`${at}不是对象`);
      return;
    }
    if (typeof q.id !== 'string' || !ID.test(q.id)) out.push(`${at}的编号 id 须以字母开头，只含字母、数字、_、-`);
    else if (seen.has(q.id)) out.push(`${at}的编号 ${q.id} 重复`);
    if (typeof q.title !== 'string' || q.title.trim() === '') out.push(`${at}缺少题目文字 title`);
    else if (q.title.length > DEFINITION_LIMITS.titleLength) out.push(`${at}的题目文字过长`);
    if (!QUESTION_KINDS.includes(q.kind as QuestionKind)) out.push(`${at}的题型 kind 无效`);
    if (q.required !== undefined && typeof q.required !== 'boolean') out.push(`${at}的 required 须是 true/false`);
    if (q.dimension !== undefined && (typeof q.dimension !== 'string' || q.dimension.trim() === ''))
      out.push(`${at}的维度 dimension 须是文字`);
    if (q.kind === 'single' || q.kind === 'multiple') {
      const opts = q.options;
      if (!Array.isArray(opts) || opts.length < 2 || opts.some((o) => typeof o !== 'string' || o.trim() === ''))
        out.push(`${at}至少需要两个选项`);
      else if (new Set(opts).size !== opts.length) out.push(`${at}的选项重复`);
      else if (opts.length > DEFINITION_LIMITS.options) out.push(`${at}的选项不能超过 ${DEFINITION_LIMITS.options} 个`);
    }
    if (q.kind === 'matrix') {
      if (!SCALES.includes(q.scale as ScaleKind)) out.push(`${at}的矩阵量表 scale 无效`);
      const items = q.items;
      if (!Array.isArray(items) || items.length === 0) out.push(`${at}的矩阵至少需要一个小题`);
      else {
        const ids = new Set<string>();
        for (const it of items) {
          if (!isObject(it) || typeof it.id !== 'string' || !ID.test(it.id) || typeof it.title !== 'string') {
            out.push(`${at}的矩阵小题须有编号 id 和文字 title`);
            break;
          }
          if (ids.has(it.id)) out.push(`${at}的矩阵小题编号 ${it.id} 重复`);
          ids.add(it.id);
        }
        if (items.length > DEFINITION_LIMITS.items) out.push(`${at}的矩阵小题不能超过 ${DEFINITION_LIMITS.items} 个`);
      }
    }
    if (q.kind === 'number') {
      for (const k of ['min', 'max'] as const)
        if (q[k] !== undefined && (typeof q[k] !== 'number' || !Number.isFinite(q[k]))) out.push(`${at}的 ${k} 须是数`);
      if (typeof q.min === 'number' && typeof q.max === 'number' && q.min > q.max) out.push(`${at}的 min 大于 max`);
    }
    if (q.kind === 'text' && q.maxLength !== undefined) {
      const m = q.maxLength;
      if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > DEFINITION_LIMITS.maxTextLength)
        out.push(`${at}的字数上限 maxLength 须在 1–${DEFINITION_LIMITS.maxTextLength} 之间`);
    }
    if (q.showIf !== undefined) {
      const s = q.showIf;
      if (!isObject(s) || typeof s.questionId !== 'string' || !Array.isArray(s.anyOf) || s.anyOf.length === 0)
        out.push(`${at}的显示条件 showIf 须有 questionId 和非空的 anyOf`);
      else if (!seen.has(s.questionId)) out.push(`${at}的显示条件只能引用它之前的题目（${s.questionId} 不在前面）`);
      else {
        const ref = seen.get(s.questionId)!;
        if (ref.kind === 'matrix' || ref.kind === 'text') out.push(`${at}的显示条件不能引用矩阵题或文字题`);
      }
    }
    if (typeof q.id === 'string') seen.set(q.id, q);
  });
  return out;
}

/** The ids of the questions shown for these answers (see the show-if rule above). */
export function visibleQuestionIds(def: SurveyDefinition, answers: Readonly<Record<string, unknown>>): Set<string> {
  const shown = new Set<string>();
  for (const q of def.questions) {
    if (q.showIf) {
      const { questionId, anyOf } = q.showIf;
      if (!shown.has(questionId)) continue;
      const a = answers[questionId];
      const values = Array.isArray(a) ? a : a === null || a === undefined ? [] : [a];
      if (!values.some((v) => anyOf.includes(v as string | number))) continue;
    }
    shown.add(q.id);
  }
  return shown;
}

export type SubmissionProblemCode =
  | ReturnType<typeof answerProblems>[number]['code']
  | 'required'
  | 'hidden-answered'
  | 'out-of-range';

export interface SubmissionProblem {
  questionId: string;
  itemId?: string;
  code: SubmissionProblemCode;
}

/** Whether an answer counts as given (blank text, empty choices and an empty matrix do not). */
export function isAnswered(a: unknown): boolean {
  if (a === null || a === undefined) return false;
  if (typeof a === 'string') return a.trim() !== '';
  if (Array.isArray(a)) return a.length > 0;
  if (typeof a === 'object') return Object.values(a).some((v) => v !== null && v !== undefined);
  return true;
}

/** Every problem of a submission against its definition (empty: it may be stored). */
export function submissionProblems(
  def: SurveyDefinition,
  answers: Readonly<Record<string, Answer | null | undefined>>,
): SubmissionProblem[] {
  const maxText = Math.max(
    DEFAULT_MAX_TEXT_LENGTH,
    ...def.questions.map((q) => (q.kind === 'text' ? (q.maxLength ?? 0) : 0)),
  );
  const out: SubmissionProblem[] = answerProblems(def, { answers }, maxText);
  const shown = visibleQuestionIds(def, answers);
  for (const q of def.questions) {
    const a = answers[q.id];
    if (!shown.has(q.id)) {
      if (isAnswered(a)) out.push({ questionId: q.id, code: 'hidden-answered' });
      continue;
    }
    if (q.required) {
      if (!isAnswered(a)) out.push({ questionId: q.id, code: 'required' });
      else if (q.kind === 'matrix' && typeof a === 'object' && !Array.isArray(a)) {
        const m = a as Readonly<Record<string, unknown>>;
        for (const it of q.items)
          if (!isAnswered(m[it.id])) out.push({ questionId: q.id, itemId: it.id, code: 'required' });
      }
    }
    if (q.kind === 'number' && typeof a === 'number' && Number.isFinite(a)) {
      if ((q.min !== undefined && a < q.min) || (q.max !== undefined && a > q.max))
        out.push({ questionId: q.id, code: 'out-of-range' });
    }
    if (q.kind === 'text' && typeof a === 'string' && a.length > (q.maxLength ?? DEFAULT_MAX_TEXT_LENGTH))
      out.push({ questionId: q.id, code: 'too-long' });
  }
  return dedupe(out);
}

/** Chinese text of a submission problem, naming the question by its number and title. */
export function describeProblem(def: SurveyDefinition, p: SubmissionProblem): string {
  const i = def.questions.findIndex((q) => q.id === p.questionId);
  const name = i < 0 ? `未知题目 ${p.questionId}` : `第 ${i + 1} 题“${def.questions[i].title}”`;
  const text: Record<SubmissionProblemCode, string> = {
    'unknown-question': '不在问卷中',
    'wrong-type': '答案格式不对',
    'off-scale': '答案不在量表范围内',
    'unknown-option': '选了不存在的选项',
    'duplicate-option': '重复选择了同一选项',
    'unknown-item': '含不存在的小题',
    'too-long': '文字过长',
    required: '是必答题',
    'hidden-answered': '按前面的回答不应作答',
    'out-of-range': '数值超出范围',
  };
  return `${name}${text[p.code]}`;
}

/** The dimensions offered by the builder: the seed's six plus any the definition already uses. */
export function dimensionChoices(def?: SurveyDefinition): string[] {
  const used = (def?.questions ?? []).flatMap((q) => [
    ...(q.dimension ? [q.dimension] : []),
    ...(q.kind === 'matrix' ? q.items.flatMap((i) => (i.dimension ? [i.dimension] : [])) : []),
  ]);
  return [...new Set([...DEFAULT_DIMENSIONS, ...used])];
}

function dedupe(list: SubmissionProblem[]): SubmissionProblem[] {
  const keys = new Set<string>();
  return list.filter((p) => {
    const k = `${p.questionId}/${p.itemId ?? ''}/${p.code}`;
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
