/**
 * 等级, 上线 and 高分段, 学科有效分 and 学科贡献率 (学业质量监测 §5.1 "上线 / 临界", anchors-exam §1.2). Every line is data
 * (a `Threshold`: fraction of full marks, absolute score, or top share of the pool) resolved ONCE over the pool and
 * then applied to every unit; "上线" is score ≥ line. NaN marks a student who did not sit: never graded, never
 * counted, outside every denominator. Undefined values are null, never NaN.
 */
import { sortedScores } from './descriptives.js';
import { resolveThreshold, type Threshold } from './rates.js';

/** The letters of the usual 5-level scale; grade g of `assignGrades` is GRADE_LETTERS[g] when there are 4 lines. */
export const GRADE_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

/** County default 等级 lines: A ≥ 85%, B ≥ 70%, C ≥ 60%, D ≥ 40% of full marks, E below. */
export const DEFAULT_GRADE_LINES: Threshold[] = [
  { kind: 'fraction', value: 0.85 },
  { kind: 'fraction', value: 0.7 },
  { kind: 'fraction', value: 0.6 },
  { kind: 'fraction', value: 0.4 },
];

/**
 * 等级 lines from the share of every grade but the last (A 15%, B 35%, C 35%, D 10% → E the rest): top lines at the
 * cumulative shares 0.15, 0.5, 0.85, 0.95 (sums rounded to 12 significant digits against binary noise).
 */
export function gradeLinesFromShares(shares: readonly number[]): Threshold[] {
  let cumulative = 0;
  return shares.map((s) => {
    cumulative = Number((cumulative + s).toPrecision(12));
    return { kind: 'top', share: cumulative };
  });
}

/** Cut scores of a list of lines over the pool's scores (NaN = did not sit); null for a line that cannot resolve. */
export function resolveLines(lines: readonly Threshold[], fullMarks: number, poolScores: ArrayLike<number>) {
  const sorted = sortedScores(poolScores);
  return lines.map((t) => resolveThreshold(t, fullMarks, sorted));
}

/** 等级 of every student and the cuts used. */
export interface Grades {
  /** Resolved cut of every line (highest grade first). */
  cuts: (number | null)[];
  /** Grade index: 0 = the best (A); lines.length = below every line; −1 for a student who did not sit. */
  grade: Int8Array;
  /** Students who sat, per grade (length lines.length + 1). */
  counts: Int32Array;
  /** counts / students who sat (0 when none sat). */
  shares: Float64Array;
}

/**
 * 等级 by lines listed from the best grade down (4 lines → A–E, 3 → A–D). By fractions of full marks
 * (A ≥ 0.85·full…) or by shares of the participants ({ kind: 'top', share: 0.15 } then 0.5, 0.85… as CUMULATIVE
 * shares from the top; ties at a cut go to the better grade). A student's grade is the first line g with
 * score ≥ cut_g; a null cut is skipped; below every line → lines.length.
 */
export function assignGrades(
  scores: ArrayLike<number>,
  fullMarks: number,
  lines: readonly Threshold[] = DEFAULT_GRADE_LINES,
): Grades {
  if (lines.length > 126) throw new RangeError('assignGrades: too many lines');
  const cuts = resolveLines(lines, fullMarks, scores);
  const grade = new Int8Array(scores.length).fill(-1);
  const counts = new Int32Array(lines.length + 1);
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (Number.isNaN(x)) continue;
    n++;
    let g = 0;
    while (g < cuts.length && (cuts[g] === null || x < (cuts[g] as number))) g++;
    grade[i] = g;
    counts[g]++;
  }
  const shares = new Float64Array(counts.length);
  for (let g = 0; g < counts.length; g++) shares[g] = n ? counts[g] / n : 0;
  return { cuts, grade, counts, shares };
}

/** 上线 counts of every unit for every line. */
export interface LineCounts {
  cuts: (number | null)[];
  /** Students of each unit who sat. */
  n: Int32Array;
  /** unitCount × lines, row-major: students with score ≥ cut (0 for a null cut). */
  counts: Int32Array;
  /** unitCount × lines: counts / n; NaN for a unit without students or a null cut (never read it as 0). */
  rates: Float64Array;
}

/**
 * 上线人数 and 上线率 per unit for each line (分档上线: e.g. top 15% / 25% / 60% as `top` shares, or absolute
 * lines; an imported line such as 全市前5500名 enters as `{ kind: 'score', value }` — see topNCut). Lines are
 * resolved over the pool = every student of the input.
 */
export function lineCounts(
  scores: ArrayLike<number>,
  fullMarks: number,
  lines: readonly Threshold[],
  units: Int32Array,
  unitCount: number,
): LineCounts {
  if (units.length !== scores.length) throw new RangeError('lineCounts: scores and units differ in length');
  const cuts = resolveLines(lines, fullMarks, scores);
  const L = lines.length;
  const n = new Int32Array(unitCount);
  const counts = new Int32Array(unitCount * L);
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    const u = units[i];
    if (u < 0 || u >= unitCount) throw new RangeError(`lineCounts: unit id ${u} outside [0, ${unitCount})`);
    if (Number.isNaN(x)) continue;
    n[u]++;
    for (let l = 0; l < L; l++) {
      const c = cuts[l];
      if (c !== null && x >= c) counts[u * L + l]++;
    }
  }
  const rates = new Float64Array(unitCount * L);
  for (let u = 0; u < unitCount; u++) {
    for (let l = 0; l < L; l++) rates[u * L + l] = n[u] && cuts[l] !== null ? counts[u * L + l] / n[u] : Number.NaN;
  }
  return { cuts, n, counts, rates };
}

/**
 * 高分段 line: the score of the N-th highest student of a WIDER pool (e.g. the city's 前5500名), so that "score ≥
 * cut" takes at least N students of the pool (everyone tied with the N-th is in). N above the pool size → the
 * lowest score. Null for an empty pool or N < 1. Count a unit's 高分段 with lineCounts and `{ kind: 'score' }`.
 */
export function topNCut(poolScores: ArrayLike<number>, topN: number): number | null {
  const sorted = sortedScores(poolScores);
  const n = sorted.length;
  if (n === 0 || !(topN >= 1)) return null;
  return sorted[n - Math.min(n, Math.floor(topN))];
}

/** How the students behind a 学科有效分 are chosen. */
export type EffectiveScoreMethod =
  /** Students with |total − line| ≤ w, w = 0, step, 2·step… until at least `minStudents` are in (anchors §1.2). */
  | { kind: 'window'; minStudents?: number; step?: number }
  /** Every student with total ≥ line. */
  | { kind: 'atOrAbove' };

/** 学科有效分 of every subject at one 总分 line. */
export interface EffectiveScores {
  /** Students chosen by total (before the subject's own absences). */
  students: number;
  /** Half-width of the final window (0 for atOrAbove). */
  window: number;
  /** Mean subject score of the chosen students who sat the subject; null when none did. */
  scores: (number | null)[];
}

/**
 * 学科有效分 at a 总分 line: the mean subject score of the students chosen by their total — by default the window
 * method of anchors §1.2 (students whose total equals the line; fewer than 25 → widen ±1 point at a time until at
 * least 25 are in or the window covers everyone), or everyone at/above the line. A student whose total is NaN is
 * never chosen; a chosen student absent from a subject is left out of that subject's mean.
 */
export function effectiveScores(
  totals: ArrayLike<number>,
  subjects: readonly ArrayLike<number>[],
  line: number,
  method: EffectiveScoreMethod = { kind: 'window' },
): EffectiveScores {
  for (const s of subjects) {
    if (s.length !== totals.length) throw new RangeError('effectiveScores: subject and totals differ in length');
  }
  let chosen: (i: number) => boolean;
  let window = 0;
  if (method.kind === 'atOrAbove') {
    chosen = (i) => totals[i] >= line;
  } else {
    const minStudents = method.minStudents ?? 25;
    const step = method.step ?? 1;
    if (!(step > 0)) throw new RangeError('effectiveScores: step must be > 0');
    let farthest = 0;
    let sat = 0;
    for (let i = 0; i < totals.length; i++) {
      const t = totals[i];
      if (Number.isNaN(t)) continue;
      sat++;
      farthest = Math.max(farthest, Math.abs(t - line));
    }
    const within = (w: number) => {
      let c = 0;
      for (let i = 0; i < totals.length; i++) if (Math.abs(totals[i] - line) <= w) c++;
      return c;
    };
    let k = 0;
    while (within(Number((k * step).toPrecision(12))) < Math.min(minStudents, sat) && k * step < farthest) k++;
    window = Number((k * step).toPrecision(12));
    chosen = (i) => Math.abs(totals[i] - line) <= window;
  }
  let students = 0;
  const sums = new Float64Array(subjects.length);
  const ns = new Int32Array(subjects.length);
  for (let i = 0; i < totals.length; i++) {
    if (Number.isNaN(totals[i]) || !chosen(i)) continue;
    students++;
    for (let s = 0; s < subjects.length; s++) {
      const x = subjects[s][i];
      if (Number.isNaN(x)) continue;
      sums[s] += x;
      ns[s]++;
    }
  }
  return { students, window, scores: subjects.map((_, s) => (ns[s] ? sums[s] / ns[s] : null)) };
}

/** 单上线 / 双上线 of one subject per unit against its 有效分 and the 总分 line. */
export interface SubjectLineHits {
  /** 总分上线: total ≥ line. */
  totalOnLine: Int32Array;
  /** 单上线: subject score ≥ 有效分. */
  single: Int32Array;
  /** 双上线: subject ≥ 有效分 AND total ≥ line. */
  double: Int32Array;
  /** 命中率 = 双上线 / 单上线; null when 单上线 = 0. */
  hitRate: (number | null)[];
  /** 学科贡献率 (上线) = 双上线 / 总分上线; null when 总分上线 = 0. */
  contribution: (number | null)[];
}

/**
 * 单上线/双上线, 命中率 = 双上线/单上线 and 上线贡献率 = 双上线/总分上线 per unit, for one subject whose 有效分 is
 * `effective` at the 总分 line `line`. A student absent from the subject or the total is in neither count.
 */
export function subjectLineHits(
  totals: ArrayLike<number>,
  subject: ArrayLike<number>,
  line: number,
  effective: number,
  units: Int32Array,
  unitCount: number,
): SubjectLineHits {
  if (subject.length !== totals.length || units.length !== totals.length) {
    throw new RangeError('subjectLineHits: arrays differ in length');
  }
  const totalOnLine = new Int32Array(unitCount);
  const single = new Int32Array(unitCount);
  const double = new Int32Array(unitCount);
  for (let i = 0; i < totals.length; i++) {
    const u = units[i];
    if (u < 0 || u >= unitCount) throw new RangeError(`subjectLineHits: unit id ${u} outside [0, ${unitCount})`);
    const t = totals[i];
    const x = subject[i];
    if (Number.isNaN(t) || Number.isNaN(x)) continue;
    const onT = t >= line;
    const onS = x >= effective;
    if (onT) totalOnLine[u]++;
    if (onS) single[u]++;
    if (onT && onS) double[u]++;
  }
  const hitRate: (number | null)[] = [];
  const contribution: (number | null)[] = [];
  for (let u = 0; u < unitCount; u++) {
    hitRate.push(single[u] ? double[u] / single[u] : null);
    contribution.push(totalOnLine[u] ? double[u] / totalOnLine[u] : null);
  }
  return { totalOnLine, single, double, hitRate, contribution };
}

/**
 * 学科贡献率 as a share of the total (xz 联考 backend, anchors §1.2): subject mean / Σ subject means, for one unit's
 * subject means. Null entries (a subject nobody sat) stay null and are out of the sum; all null or Σ = 0 → nulls.
 */
export function contributionShares(subjectMeans: readonly (number | null)[]): (number | null)[] {
  let sum = 0;
  for (const m of subjectMeans) if (m !== null) sum += m;
  return subjectMeans.map((m) => (m === null || sum === 0 ? null : m / sum));
}

/**
 * 离差 / 学科贡献率 by double difference (anchors §1.2): (unit subject 得分率 − pool subject 得分率) − (unit total
 * 得分率 − pool total 得分率). Positive: the subject lifted the unit. Null when any input is null.
 */
export function contributionDifference(
  unitSubjectRate: number | null,
  poolSubjectRate: number | null,
  unitTotalRate: number | null,
  poolTotalRate: number | null,
): number | null {
  if (unitSubjectRate === null || poolSubjectRate === null || unitTotalRate === null || poolTotalRate === null) {
    return null;
  }
  return unitSubjectRate - poolSubjectRate - (unitTotalRate - poolTotalRate);
}

/** 全科及格率/全科优秀率 per unit. */
export interface AllSubjectsRates {
  /** Students of each unit who sat EVERY subject (the denominator). */
  n: Int32Array;
  /** Of those, students with score ≥ the subject's cut in every subject. */
  count: Int32Array;
  /** count / n; null for a unit where nobody sat every subject. */
  rate: (number | null)[];
}

/**
 * 全科及格率 (or 全科优秀率 with the 优秀 cuts): per unit, students at/above the cut of every subject / students who
 * sat every subject. A student absent from any subject is outside numerator and denominator (缺考 is not 0 points);
 * a null cut makes the rate undefined (all null).
 */
export function allSubjectsRates(
  subjects: readonly ArrayLike<number>[],
  cuts: readonly (number | null)[],
  units: Int32Array,
  unitCount: number,
): AllSubjectsRates {
  if (cuts.length !== subjects.length) throw new RangeError('allSubjectsRates: one cut per subject');
  for (const s of subjects) if (s.length !== units.length) throw new RangeError('allSubjectsRates: lengths differ');
  const n = new Int32Array(unitCount);
  const count = new Int32Array(unitCount);
  const defined = cuts.every((c) => c !== null);
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u < 0 || u >= unitCount) throw new RangeError(`allSubjectsRates: unit id ${u} outside [0, ${unitCount})`);
    let sat = true;
    let all = true;
    for (let s = 0; s < subjects.length; s++) {
      const x = subjects[s][i];
      if (Number.isNaN(x)) {
        sat = false;
        break;
      }
      if (!(x >= (cuts[s] ?? Number.POSITIVE_INFINITY))) all = false;
    }
    if (!sat) continue;
    n[u]++;
    if (all) count[u]++;
  }
  const rate = Array.from(n, (k, u) => (k && defined ? count[u] / k : null));
  return { n, count, rate };
}
