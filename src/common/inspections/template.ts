/**
 * Inspection templates (督导/检查评估表): one tree of criteria for every kind of check — 一级指标 → 二级指标 → 评估标准
 * (seed-003 W4/L104: "9 A-level indicators / 45 B-level indicators / 95 standards across 6 areas"), 教学常规检查
 * (seed-000 W5; seed-002 "六认真"), observation rubrics (anchors-platform §3), 达标/threshold and veto items
 * (anchors-platform §7: "national systems mostly use thresholds and vetoes. Point weights are set locally").
 *
 * Everything here is pure data and pure functions; storage, Excel import/export and the UI live elsewhere.
 */

/**
 * How a leaf (评估标准) is scored:
 * - points: 0..max, typed by the inspector;
 * - levels: descriptors with points, listed best first with strictly decreasing points (优/良/中/差, or a 4-level
 *   rubric); a level may be marked `fails` (for veto items);
 * - passFail: 达标 earns max, 不达标 earns 0;
 * - threshold: a measured number against a line with a direction (e.g. 生师比 ≤ 19: `atMost`); meeting it earns max,
 *   missing it earns 0; the boundary itself meets the line;
 * - text: recorded, never scored (weights do not apply).
 */
export type LeafScoring =
  | { kind: 'points'; max: number; failBelow?: number }
  | { kind: 'levels'; levels: LevelDescriptor[] }
  | { kind: 'passFail'; max: number }
  | { kind: 'threshold'; max: number; threshold: number; direction: 'atMost' | 'atLeast'; unit?: string }
  | { kind: 'text' };

/** One descriptor of a `levels` leaf. `fails: true` marks a failing level (used by veto items). */
export interface LevelDescriptor {
  code: string;
  label: string;
  points: number;
  fails?: boolean;
}

/**
 * 一票否决: when the leaf fails, either the whole result fails (`fail`: the grade becomes the template's veto grade,
 * whatever the total) or the total is capped (`cap`: total = min(total, cap), grade from the capped total).
 */
export type VetoRule = { effect: 'fail' } | { effect: 'cap'; cap: number };

/** A criterion: a branch (has `children`) or a leaf (has `scoring`), never both. */
export interface Criterion {
  /** Unique within the template, e.g. "A1", "A1.B2", "A1.B2.C3". */
  code: string;
  title: string;
  /** Relative weight among its siblings; default 1. Must be > 0. */
  weight?: number;
  children?: Criterion[];
  scoring?: LeafScoring;
  /** Leaves only. A veto item is always required. */
  veto?: VetoRule;
  /** A photo/file must be attached to the answer. */
  evidenceRequired?: boolean;
  /** An unanswered required leaf blocks submission; an unanswered optional leaf counts as 不适用. Default true. */
  required?: boolean;
  /** School types this criterion applies to (e.g. 小学, 初中); absent = all. */
  schoolTypes?: string[];
  /** Guidance for the inspector (评分说明). */
  guidance?: string;
}

/**
 * How children combine into a branch:
 * - `weightedMean`: every scored node has an achievement ratio r ∈ [0, 1]; a branch's r = Σ wᵢ·rᵢ / Σ wᵢ over its
 *   counted children; the template's `maxScore` (e.g. 百分制 100) is shared out to the children in proportion to their
 *   weights, and a node's score = r × its share. Leaf maxima only set each leaf's r.
 * - `sum`: a branch's score = Σ wᵢ·scoreᵢ and its max = Σ wᵢ·maxᵢ (with the default weight 1 this is a plain sum of
 *   points); the total is the root sum and `maxScore` must equal it.
 */
export type Aggregation = 'weightedMean' | 'sum';

/** A grade band (等级): a total ≥ `min` earns `label`. Bands are listed from the highest. */
export interface GradeBand {
  label: string;
  min: number;
}

/** Default bands on a 100-point scale: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below. Data, not a rule of the seeds. */
export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { label: '优秀', min: 90 },
  { label: '良好', min: 80 },
  { label: '合格', min: 60 },
  { label: '不合格', min: Number.NEGATIVE_INFINITY },
];

export interface Template {
  id: string;
  version: number;
  status: 'draft' | 'published';
  title: string;
  /** Names of the tree levels, top first, e.g. ["一级指标", "二级指标", "评估标准"]. */
  levelNames: string[];
  aggregation: Aggregation;
  /** The full score of the total (e.g. 100). */
  maxScore: number;
  grades: GradeBand[];
  /** Grade given when a `fail` veto triggers; default: the lowest band. */
  vetoGrade?: string;
  /** School types this template applies to; absent = all. */
  schoolTypes?: string[];
  criteria: Criterion[];
}

/** Weight of a criterion (default 1). */
export function weightOf(c: Criterion): number {
  return c.weight ?? 1;
}

/** True when a criterion is a leaf. */
export function isLeaf(c: Criterion): boolean {
  return c.children === undefined;
}

/** A leaf's full points (0 for text). */
export function leafMax(s: LeafScoring): number {
  if (s.kind === 'text') return 0;
  if (s.kind === 'levels') return s.levels.length === 0 ? 0 : Math.max(...s.levels.map((l) => l.points));
  return s.max;
}

/** All leaves in document order. */
export function leaves(criteria: Criterion[]): Criterion[] {
  const out: Criterion[] = [];
  const walk = (cs: Criterion[]) => {
    for (const c of cs) {
      if (c.children) walk(c.children);
      else out.push(c);
    }
  };
  walk(criteria);
  return out;
}

/** Whether a criterion (or template) with these school types applies to `schoolType`; absent lists apply to all. */
export function appliesTo(schoolTypes: string[] | undefined, schoolType: string | undefined): boolean {
  if (!schoolTypes || schoolTypes.length === 0 || schoolType === undefined) return true;
  return schoolTypes.includes(schoolType);
}

/** Counts per tree depth (depth 0 = top), e.g. [9, 45, 95] for the seed-003 L104 system. */
export function countByDepth(criteria: Criterion[]): number[] {
  const counts: number[] = [];
  const walk = (cs: Criterion[], d: number) => {
    for (const c of cs) {
      counts[d] = (counts[d] ?? 0) + 1;
      if (c.children) walk(c.children, d + 1);
    }
  };
  walk(criteria, 0);
  return counts;
}

/** A validation problem: the criterion code (or "" for the template) and a Chinese message. */
export interface TemplateIssue {
  code: string;
  message: string;
}

/** True when a leaf can fail (needed for a veto item to ever trigger). */
function canFail(s: LeafScoring): boolean {
  if (s.kind === 'passFail' || s.kind === 'threshold') return true;
  if (s.kind === 'levels') return s.levels.some((l) => l.fails);
  if (s.kind === 'points') return s.failBelow !== undefined;
  return false;
}

function checkLeaf(c: Criterion, out: TemplateIssue[]): void {
  const s = c.scoring;
  const at = (message: string) => out.push({ code: c.code, message });
  if (!s) {
    at(`指标「${c.code}」既没有下级指标也没有评分方式`);
    return;
  }
  if (s.kind === 'points' || s.kind === 'passFail' || s.kind === 'threshold') {
    if (!(Number.isFinite(s.max) && s.max > 0)) at(`指标「${c.code}」的满分必须是正数`);
  }
  if (s.kind === 'points' && s.failBelow !== undefined && !(s.failBelow > 0 && s.failBelow <= s.max)) {
    at(`指标「${c.code}」的不合格线必须在 0 与满分之间`);
  }
  if (s.kind === 'threshold' && !Number.isFinite(s.threshold)) at(`指标「${c.code}」的达标线必须是数字`);
  if (s.kind === 'levels') {
    if (s.levels.length < 2) at(`指标「${c.code}」至少需要两个等级`);
    const codes = new Set<string>();
    for (let i = 0; i < s.levels.length; i++) {
      const l = s.levels[i];
      if (codes.has(l.code)) at(`指标「${c.code}」的等级代码「${l.code}」重复`);
      codes.add(l.code);
      if (!(Number.isFinite(l.points) && l.points >= 0)) at(`指标「${c.code}」的等级「${l.label}」分值不能为负`);
      if (i > 0 && !(l.points < s.levels[i - 1].points)) {
        at(`指标「${c.code}」的等级须从高到低排列且分值严格递减（「${s.levels[i - 1].label}」→「${l.label}」）`);
      }
    }
    if (s.levels.length > 0 && !(leafMax(s) > 0)) at(`指标「${c.code}」的最高等级分值必须是正数`);
  }
  if (c.veto) {
    if (s.kind === 'text') at(`文字项「${c.code}」不能设为一票否决`);
    else if (!canFail(s)) at(`否决项「${c.code}」没有不合格的判定（等级须标注不合格，计分项须设不合格线）`);
    if (c.veto.effect === 'cap' && !(Number.isFinite(c.veto.cap) && c.veto.cap >= 0)) {
      at(`否决项「${c.code}」的封顶分必须是非负数`);
    }
    if (c.required === false) at(`否决项「${c.code}」必须为必填`);
  }
}

/**
 * Checks a template: unique codes, weights > 0, no empty branches, a scoring on every leaf and not on branches,
 * levels ordered best first with strictly decreasing points, veto items that can fail, grade bands strictly
 * decreasing with a lowest band that catches every total, `maxScore` > 0 (and equal to the root sum under `sum`).
 * Returns every issue found (empty = valid).
 */
export function validateTemplate(t: Template): TemplateIssue[] {
  const out: TemplateIssue[] = [];
  const seen = new Set<string>();
  if (!t.title.trim()) out.push({ code: '', message: '模板名称不能为空' });
  if (t.criteria.length === 0) out.push({ code: '', message: '模板没有任何指标' });
  if (!(Number.isFinite(t.maxScore) && t.maxScore > 0)) out.push({ code: '', message: '模板满分必须是正数' });
  const walk = (cs: Criterion[]) => {
    for (const c of cs) {
      if (!c.code.trim()) out.push({ code: c.code, message: `指标「${c.title}」缺少代码` });
      else if (seen.has(c.code)) out.push({ code: c.code, message: `指标代码「${c.code}」重复` });
      seen.add(c.code);
      const w = weightOf(c);
      if (!(Number.isFinite(w) && w > 0)) out.push({ code: c.code, message: `指标「${c.code}」的权重必须是正数` });
      if (c.children !== undefined) {
        if (c.scoring) out.push({ code: c.code, message: `指标「${c.code}」有下级指标，不能同时设评分方式` });
        if (c.veto) out.push({ code: c.code, message: `一票否决只能设在末级指标上（「${c.code}」）` });
        if (c.children.length === 0) out.push({ code: c.code, message: `指标「${c.code}」下没有任何下级指标` });
        walk(c.children);
      } else checkLeaf(c, out);
    }
  };
  walk(t.criteria);
  if (t.grades.length === 0) out.push({ code: '', message: '至少需要一个等级段' });
  for (let i = 1; i < t.grades.length; i++) {
    if (!(t.grades[i].min < t.grades[i - 1].min)) {
      out.push({ code: '', message: `等级段须从高到低排列（「${t.grades[i - 1].label}」→「${t.grades[i].label}」）` });
    }
  }
  const last = t.grades[t.grades.length - 1];
  if (last && last.min > 0)
    out.push({ code: '', message: `最低等级「${last.label}」的下限须不高于 0，以覆盖所有得分` });
  if (t.vetoGrade !== undefined && !t.grades.some((g) => g.label === t.vetoGrade)) {
    out.push({ code: '', message: `否决等级「${t.vetoGrade}」不在等级段中` });
  }
  if (t.aggregation === 'sum' && out.length === 0) {
    const total = sumMax(t.criteria);
    if (Math.abs(total - t.maxScore) > 1e-9) {
      out.push({ code: '', message: `累加计分时模板满分（${t.maxScore}）须等于各指标满分之和（${total}）` });
    }
  }
  return out;
}

/** Σ wᵢ·maxᵢ over a tree (the `sum` aggregation's maximum). */
export function sumMax(cs: Criterion[]): number {
  let s = 0;
  for (const c of cs) {
    const m = c.children ? sumMax(c.children) : c.scoring ? leafMax(c.scoring) : 0;
    s += weightOf(c) * m;
  }
  return Number(s.toPrecision(12));
}

/** Publishes a draft: the result is frozen (deeply) and must never change again. Refuses an invalid template. */
export function publishTemplate(t: Template): Template {
  if (t.status === 'published') throw new Error(`模板「${t.title}」第 ${t.version} 版已发布`);
  const issues = validateTemplate(t);
  if (issues.length > 0) throw new Error(`模板不能发布：${issues.map((i) => i.message).join('；')}`);
  return deepFreeze(structuredClone({ ...t, status: 'published' as const }));
}

/**
 * Edits a template. A draft is edited in place of its version (a new object, same version number); a published
 * template is immutable, so editing it yields a new draft whose version is the published one + 1. Past visits keep
 * the version they were scored against.
 */
export function reviseTemplate(t: Template, edit: (draft: Template) => Template | undefined): Template {
  const draft: Template = structuredClone(t);
  if (t.status === 'published') {
    draft.status = 'draft';
    draft.version = t.version + 1;
  }
  return edit(draft) ?? draft;
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}
