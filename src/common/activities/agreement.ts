/**
 * Observation quality (issue 7, "Observation quality"): when two observers score the same lesson on the same
 * ordinal scale, how far they agree — exact and adjacent-level agreement, Cohen's weighted kappa (Cohen 1968) — each
 * observer's mean offset from the others (severity), and entries made long after the lesson or in bulk.
 * Levels are whole numbers 1…k (a 4-level rubric: 1–4).
 */
import { dayNumber, type IsoDate } from './calendar.js';
import { clean } from './evaluate.js';

/** Two observers' levels for the same lesson (and criterion). */
export type RatingPair = readonly [number, number];

/** Share of pairs with the same level; null when there are none. */
export function exactAgreement(pairs: readonly RatingPair[]): number | null {
  return pairs.length === 0 ? null : clean(pairs.filter(([a, b]) => a === b).length / pairs.length);
}

/** Share of pairs at most one level apart (exact included); null when there are none. */
export function adjacentAgreement(pairs: readonly RatingPair[]): number | null {
  return pairs.length === 0 ? null : clean(pairs.filter(([a, b]) => Math.abs(a - b) <= 1).length / pairs.length);
}

export type KappaWeights = 'unweighted' | 'linear' | 'quadratic';

/**
 * Cohen's weighted kappa over levels 1…k: κw = 1 − Σ w_ij·O_ij / Σ w_ij·E_ij, where O is the observed share of pairs
 * in cell (i, j), E_ij = row share_i × column share_j (chance), and the disagreement weight w_ij is 0/1 (unweighted:
 * plain Cohen's kappa), |i − j| / (k − 1) (linear) or (i − j)² / (k − 1)² (quadratic). Null when there are no pairs or
 * when chance disagreement is 0 (both observers used one and the same level throughout). Throws on a level outside
 * 1…k.
 */
export function weightedKappa(
  pairs: readonly RatingPair[],
  k: number,
  weights: KappaWeights = 'linear',
): number | null {
  if (pairs.length === 0 || k < 2) return null;
  for (const [a, b] of pairs) {
    for (const x of [a, b]) if (!Number.isInteger(x) || x < 1 || x > k) throw new Error(`等级 ${x} 不在 1–${k} 之内`);
  }
  const n = pairs.length;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  const cells = new Map<string, number>();
  for (const [a, b] of pairs) {
    rows[a - 1]++;
    cols[b - 1]++;
    cells.set(`${a},${b}`, (cells.get(`${a},${b}`) ?? 0) + 1);
  }
  const w = (i: number, j: number) =>
    weights === 'unweighted'
      ? i === j
        ? 0
        : 1
      : weights === 'linear'
        ? Math.abs(i - j) / (k - 1)
        : (i - j) ** 2 / (k - 1) ** 2;
  let observed = 0;
  let expected = 0;
  for (let i = 1; i <= k; i++) {
    for (let j = 1; j <= k; j++) {
      observed += (w(i, j) * (cells.get(`${i},${j}`) ?? 0)) / n;
      expected += (w(i, j) * rows[i - 1] * cols[j - 1]) / (n * n);
    }
  }
  return expected === 0 ? null : clean(1 - observed / expected);
}

/** One observer's score of one lesson (a total or one criterion's level). */
export interface LessonScore {
  lessonId: string;
  observerId: string;
  score: number;
}

export interface ObserverSeverity {
  observerId: string;
  /** Lessons this observer scored together with at least one other observer. */
  lessons: number;
  /** Mean over those lessons of (own score − mean of the other observers' scores); negative = harsher. */
  meanOffset: number;
}

/**
 * Each observer's severity: over the lessons they scored with at least one other observer, the mean of their score
 * minus the mean of the others' scores on that lesson. Observers with no shared lesson are left out. Sorted by
 * observer id.
 */
export function observerSeverity(scores: readonly LessonScore[]): ObserverSeverity[] {
  const byLesson = new Map<string, LessonScore[]>();
  for (const s of scores) byLesson.set(s.lessonId, [...(byLesson.get(s.lessonId) ?? []), s]);
  const acc = new Map<string, { lessons: number; sum: number }>();
  for (const list of byLesson.values()) {
    if (list.length < 2) continue;
    const total = list.reduce((t, s) => t + s.score, 0);
    for (const s of list) {
      const others = (total - s.score) / (list.length - 1);
      const a = acc.get(s.observerId) ?? { lessons: 0, sum: 0 };
      a.lessons++;
      a.sum += s.score - others;
      acc.set(s.observerId, a);
    }
  }
  return [...acc.entries()]
    .map(([observerId, a]) => ({ observerId, lessons: a.lessons, meanOffset: clean(a.sum / a.lessons) }))
    .sort((x, y) => x.observerId.localeCompare(y.observerId));
}

/** An observation as entered: the lesson's day and the moment of entry (ISO date-time with zone). */
export interface ObservationEntry {
  id: string;
  observerId: string;
  lessonDate: IsoDate;
  enteredAt: string;
}

/**
 * Default for a late entry: more than 10 days after the lesson — the "written summary within 10 days" timing norm
 * cited in anchors-platform.md §3 (collective-agreement SLAs); not a seed rule, so a parameter.
 */
export const LATE_ENTRY_DAYS = 10;

/**
 * Entries made more than `maxDays` calendar days after the lesson (the entry day in UTC+8, Beijing time, minus the
 * lesson day).
 */
export function lateEntries(entries: readonly ObservationEntry[], maxDays = LATE_ENTRY_DAYS): ObservationEntry[] {
  return entries.filter((e) => {
    const beijingDay = new Date(Date.parse(e.enteredAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    return dayNumber(beijingDay) - dayNumber(e.lessonDate) > maxDays;
  });
}

/**
 * Bulk entry: an observer entering at least `minCount` observations within `windowMinutes` (defaults 5 within 10
 * minutes: a product choice, not a seed rule — one lesson's form takes longer than two minutes). Returns the ids of
 * every entry that falls in such a burst.
 */
export function bulkEntries(entries: readonly ObservationEntry[], minCount = 5, windowMinutes = 10): string[] {
  const flagged = new Set<string>();
  const byObserver = new Map<string, ObservationEntry[]>();
  for (const e of entries) byObserver.set(e.observerId, [...(byObserver.get(e.observerId) ?? []), e]);
  for (const list of byObserver.values()) {
    const sorted = [...list].sort((a, b) => Date.parse(a.enteredAt) - Date.parse(b.enteredAt));
    let lo = 0;
    for (let hi = 0; hi < sorted.length; hi++) {
      while (Date.parse(sorted[hi].enteredAt) - Date.parse(sorted[lo].enteredAt) > windowMinutes * 60_000) lo++;
      if (hi - lo + 1 >= minCount) for (let i = lo; i <= hi; i++) flagged.add(sorted[i].id);
    }
  }
  return entries.filter((e) => flagged.has(e.id)).map((e) => e.id);
}
