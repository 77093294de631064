/**
 * Scoring one sheet (one inspector, or a school's self-assessment) against a template: leaf scores, branch scores,
 * total, grade, veto outcome and completeness. Null, never NaN, marks "no score" (as in src/common/exams).
 */
import {
  appliesTo,
  type Criterion,
  type GradeBand,
  type LeafScoring,
  leafMax,
  leaves,
  type Template,
  weightOf,
} from './template.js';

/**
 * One leaf's answer. Which field counts depends on the leaf: `points` (points), `level` (a level code), `pass`
 * (passFail), `value` (threshold: the measured number), `text` (text). `evidence` holds ids of uploaded files.
 */
export interface Answer {
  points?: number;
  level?: string;
  pass?: boolean;
  value?: number;
  text?: string;
  note?: string;
  evidence?: (string | number)[];
}

export type Answers = Record<string, Answer>;

/** Rounds to 12 significant digits against binary noise (0.1 + 0.2). */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * Whether an answer fills a leaf, and the problem when it is malformed. Out-of-range points, unknown levels and
 * non-finite numbers are errors (refused), not silently clamped.
 */
export function checkAnswer(s: LeafScoring, a: Answer | undefined): { answered: boolean; error: string | null } {
  if (!a) return { answered: false, error: null };
  switch (s.kind) {
    case 'points':
      if (a.points === undefined) return { answered: false, error: null };
      if (!Number.isFinite(a.points) || a.points < 0 || a.points > s.max) {
        return { answered: false, error: `得分 ${a.points} 超出范围（0–${s.max}）` };
      }
      return { answered: true, error: null };
    case 'levels':
      if (a.level === undefined) return { answered: false, error: null };
      if (!s.levels.some((l) => l.code === a.level)) return { answered: false, error: `没有等级「${a.level}」` };
      return { answered: true, error: null };
    case 'passFail':
      return { answered: a.pass !== undefined, error: null };
    case 'threshold':
      if (a.value === undefined) return { answered: false, error: null };
      if (!Number.isFinite(a.value)) return { answered: false, error: '测量值必须是数字' };
      return { answered: true, error: null };
    case 'text':
      return { answered: (a.text ?? '').trim() !== '', error: null };
  }
}

/** Whether a measured value meets a threshold leaf: `atMost` → value ≤ line, `atLeast` → value ≥ line. */
export function meetsThreshold(s: { threshold: number; direction: 'atMost' | 'atLeast' }, value: number): boolean {
  return s.direction === 'atMost' ? value <= s.threshold : value >= s.threshold;
}

/**
 * Points earned by a well-formed, answered leaf: points as typed; the level's points; passFail max/0; threshold
 * max when met, else 0. Null for text leaves.
 */
export function leafPoints(s: LeafScoring, a: Answer): number | null {
  switch (s.kind) {
    case 'points':
      return a.points!;
    case 'levels':
      return s.levels.find((l) => l.code === a.level)!.points;
    case 'passFail':
      return a.pass ? s.max : 0;
    case 'threshold':
      return meetsThreshold(s, a.value!) ? s.max : 0;
    case 'text':
      return null;
  }
}

/**
 * Whether an answered leaf counts as failed (for veto): 不达标; threshold missed; a level marked `fails`; points
 * strictly below `failBelow`. Text never fails.
 */
export function leafFailed(s: LeafScoring, a: Answer): boolean {
  switch (s.kind) {
    case 'points':
      return s.failBelow !== undefined && a.points! < s.failBelow;
    case 'levels':
      return s.levels.find((l) => l.code === a.level)!.fails === true;
    case 'passFail':
      return a.pass === false;
    case 'threshold':
      return !meetsThreshold(s, a.value!);
    case 'text':
      return false;
  }
}

/** The grade of a total: the first band (from the highest) whose `min` ≤ total; null for a null total. */
export function gradeOf(bands: GradeBand[], total: number | null): string | null {
  if (total === null) return null;
  for (const b of bands) if (total >= b.min) return b.label;
  return null;
}

/** A scored node (leaf or branch) of a sheet. */
export interface NodeScore {
  code: string;
  /**
   * Earned points; null when nothing counts. Under weightedMean: on the node's share of the total. Under sum: the
   * node's own points before its weight (its parent adds weight × score).
   */
  score: number | null;
  /** Full points on the same scale (0 when the node does not count). */
  max: number;
  /** score / max (0..1); null when nothing counts. */
  ratio: number | null;
  /** Leaves: the answer fills the leaf. Branches: every required counted leaf below is answered. */
  answered: boolean;
  /** Leaves only: failed (for veto and for proposing problems). */
  failed?: boolean;
}

export interface VetoHit {
  code: string;
  effect: 'fail' | 'cap';
  cap?: number;
}

/** What blocks a submission. */
export interface Completeness {
  complete: boolean;
  /** Required leaves with no answer (veto items are always required). */
  unanswered: string[];
  /** Leaves answered without the required evidence. */
  missingEvidence: string[];
  /** Malformed answers, by leaf code. */
  invalid: { code: string; message: string }[];
}

export interface SheetResult {
  templateId: string;
  templateVersion: number;
  /** Every node by code (leaves and branches; leaves not applicable to the school are absent). */
  nodes: Record<string, NodeScore>;
  /** Full points of the total: `maxScore` under weightedMean; Σ wᵢ·maxᵢ of the counted criteria under sum. */
  max: number;
  /** Total before veto caps (null when nothing counts). */
  rawTotal: number | null;
  /** Total after veto caps. */
  total: number | null;
  grade: string | null;
  /** Veto items that triggered, in document order. `vetoed` is true when one with effect `fail` did. */
  vetoes: VetoHit[];
  vetoed: boolean;
  completeness: Completeness;
}

/**
 * Scores a sheet.
 *
 * Rules:
 * - Criteria not applicable to `schoolType` are left out (as if absent from the template).
 * - A required scored leaf with no answer counts 0 and makes the sheet incomplete (a draft may be incomplete); an
 *   optional one with no answer counts as 不适用 — it leaves the aggregation (its weight and max drop out).
 *   A malformed answer counts as unanswered and is listed under `invalid`.
 * - A branch with no counted children does not count either (score null, max 0).
 * - Aggregation per `template.aggregation` (see template.ts); the total is rounded to 12 significant digits.
 * - Veto: every answered veto leaf that failed is listed; `fail` sets the grade to `vetoGrade` (default: the lowest
 *   band) whatever the total; `cap` caps the total at the lowest triggered cap, and the grade follows the capped
 *   total. A veto item left blank blocks submission (it is required) but triggers nothing in a draft.
 */
export function scoreSheet(t: Template, answers: Answers, schoolType?: string): SheetResult {
  const nodes: Record<string, NodeScore> = {};
  const vetoes: VetoHit[] = [];
  const unanswered: string[] = [];
  const missingEvidence: string[] = [];
  const invalid: { code: string; message: string }[] = [];

  /**
   * A node before shares are allocated: under sum, its points and max; under weightedMean, a branch carries its ratio
   * as `score` with `max` 1 (a leaf carries points and max). `counts`: takes part in its parent's aggregation.
   */
  interface Raw {
    counts: boolean;
    score: number;
    max: number;
    answered: boolean;
  }

  const rawLeaf = (c: Criterion): Raw => {
    const s = c.scoring!;
    const a = answers[c.code];
    const { answered, error } = checkAnswer(s, a);
    if (error) invalid.push({ code: c.code, message: `指标「${c.code}」：${error}` });
    // Text leaves are optional unless marked required; scored leaves are required unless marked optional.
    const required = c.veto ? true : s.kind === 'text' ? c.required === true : c.required !== false;
    if (!answered && required) unanswered.push(c.code);
    if (answered && c.evidenceRequired && !(a!.evidence && a!.evidence.length > 0)) missingEvidence.push(c.code);
    const failed = answered ? leafFailed(s, a!) : false;
    if (failed && c.veto) vetoes.push({ code: c.code, ...c.veto });
    if (s.kind === 'text') {
      nodes[c.code] = { code: c.code, score: null, max: 0, ratio: null, answered };
      return { counts: false, score: 0, max: 0, answered: answered || !required };
    }
    const counts = answered || required;
    const score = answered ? leafPoints(s, a!)! : 0;
    nodes[c.code] = { code: c.code, score: null, max: 0, ratio: null, answered, failed };
    return { counts, score, max: leafMax(s), answered: answered || !required };
  };

  // First pass: raw ratios (weightedMean) or raw sums (sum), bottom-up.
  const raw = new Map<string, Raw>();
  const visit = (c: Criterion): Raw | null => {
    if (!appliesTo(c.schoolTypes, schoolType)) return null;
    let r: Raw;
    if (!c.children) r = rawLeaf(c);
    else {
      let num = 0;
      let den = 0;
      let answered = true;
      let counts = false;
      for (const ch of c.children) {
        const cr = visit(ch);
        if (!cr) continue;
        answered &&= cr.answered;
        if (!cr.counts) continue;
        counts = true;
        const w = weightOf(ch);
        if (t.aggregation === 'sum') {
          num += w * cr.score;
          den += w * cr.max;
        } else {
          num += w * (cr.score / cr.max);
          den += w;
        }
      }
      r =
        t.aggregation === 'sum'
          ? { counts, score: num, max: den, answered }
          : { counts, score: counts ? num / den : 0, max: 1, answered };
      nodes[c.code] = { code: c.code, score: null, max: 0, ratio: null, answered };
    }
    raw.set(c.code, r);
    return r;
  };
  const tops = t.criteria.map((c) => visit(c));

  // Second pass: shares. Under sum the share is the node's own max; under weightedMean the parent's share is split
  // among its counted children by weight.
  const assign = (c: Criterion, share: number) => {
    const r = raw.get(c.code);
    if (!r) return;
    const n = nodes[c.code];
    if (r.counts) {
      const ratio = r.max > 0 ? r.score / r.max : 0;
      n.ratio = clean(ratio);
      n.max = clean(t.aggregation === 'sum' ? r.max : share);
      n.score = clean(t.aggregation === 'sum' ? r.score : ratio * share);
    }
    if (c.children) {
      const counted = c.children.filter((ch) => raw.get(ch.code)?.counts);
      const wsum = counted.reduce((s, ch) => s + weightOf(ch), 0);
      for (const ch of c.children) assign(ch, wsum > 0 ? (share * weightOf(ch)) / wsum : 0);
    }
  };
  const countedTops = t.criteria.filter((_c, i) => tops[i]?.counts);
  const topW = countedTops.reduce((s, c) => s + weightOf(c), 0);
  for (const c of t.criteria) assign(c, topW > 0 ? (t.maxScore * weightOf(c)) / topW : 0);

  let rawTotal: number | null = null;
  let max = 0;
  if (countedTops.length > 0) {
    if (t.aggregation === 'sum') {
      rawTotal = clean(countedTops.reduce((s, c) => s + weightOf(c) * raw.get(c.code)!.score, 0));
      max = clean(countedTops.reduce((s, c) => s + weightOf(c) * raw.get(c.code)!.max, 0));
    } else {
      rawTotal = clean(countedTops.reduce((s, c) => s + nodes[c.code].score!, 0));
      max = t.maxScore;
    }
  }

  const vetoed = vetoes.some((v) => v.effect === 'fail');
  const caps = vetoes.filter((v) => v.effect === 'cap').map((v) => v.cap!);
  const total = rawTotal === null || caps.length === 0 ? rawTotal : Math.min(rawTotal, ...caps);
  const lowest = t.grades[t.grades.length - 1]?.label ?? null;
  const grade = vetoed ? (t.vetoGrade ?? lowest) : gradeOf(t.grades, total);

  return {
    templateId: t.id,
    templateVersion: t.version,
    nodes,
    max,
    rawTotal,
    total,
    grade,
    vetoes,
    vetoed,
    completeness: {
      complete: unanswered.length === 0 && missingEvidence.length === 0 && invalid.length === 0,
      unanswered,
      missingEvidence,
      invalid,
    },
  };
}

/**
 * Submitting a sheet: refused (with every reason, in Chinese) unless complete — no required leaf blank (veto items
 * included), no required evidence missing, no malformed answer. A draft is saved with `scoreSheet` alone.
 */
export function submitSheet(
  t: Template,
  answers: Answers,
  schoolType?: string,
): { ok: true; result: SheetResult } | { ok: false; errors: string[] } {
  const result = scoreSheet(t, answers, schoolType);
  const c = result.completeness;
  if (c.complete) return { ok: true, result };
  const errors = [
    ...c.invalid.map((i) => i.message),
    ...c.unanswered.map((code) => `指标「${code}」未评分`),
    ...c.missingEvidence.map((code) => `指标「${code}」缺少佐证材料（照片/文件）`),
  ];
  return { ok: false, errors };
}

/** A leaf that should propose a problem for the ledger (the inspector confirms or drops it). */
export interface ProposedFinding {
  code: string;
  reason: 'veto' | 'failed' | 'low';
  ratio: number | null;
}

/**
 * Leaves that propose a problem, in document order: a triggered veto item ('veto'), any other failed leaf
 * ('failed': 不达标, threshold missed, a failing level, points below the floor), and — when `lowRatio` is given — a
 * scored leaf whose score/max is strictly below it ('low', e.g. 0.6 = under 60% of the leaf's points).
 */
export function proposedFindings(t: Template, r: SheetResult, lowRatio?: number): ProposedFinding[] {
  const out: ProposedFinding[] = [];
  for (const c of leaves(t.criteria)) {
    const n = r.nodes[c.code];
    if (!n?.answered) continue;
    if (n.failed) out.push({ code: c.code, reason: c.veto ? 'veto' : 'failed', ratio: n.ratio });
    else if (lowRatio !== undefined && n.ratio !== null && n.ratio < lowRatio) {
      out.push({ code: c.code, reason: 'low', ratio: n.ratio });
    }
  }
  return out;
}
