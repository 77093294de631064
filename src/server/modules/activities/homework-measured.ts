import type { ClassDayLoad, HomeworkCapRule, SurveyLoad } from '../../../common/activities/index.js';
import { homeworkCap, surveyLoad } from '../../../common/activities/index.js';
import type { Db } from '../../db/pool.js';
import { classVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { measuredHomeworkMinutes } from '../surveys/homework-minutes.js';

/** A class-day's measured load (engine: surveyLoad over the families' answers of that class and day). */
export interface MeasuredDay extends SurveyLoad {
  classId: number;
  className: string;
  gradeLevel: number;
  date: string;
}

/**
 * Measured minutes (今日作业时长 survey, surveys/homework-minutes.ts) of the classes the caller may see, per class-day:
 * mean = Σ answers ÷ n over that class's answers that day, n = the number of answers; class-days with n < 10 never
 * reach this module (anonymity). meanExceeds = mean > the grade's cap (the seed's cap is on the average).
 */
export async function measuredDaysOf(
  db: Db,
  auth: AuthContext,
  w: { from: string; to: string; schoolId?: number; classId?: number },
  caps: readonly HomeworkCapRule[],
): Promise<MeasuredDay[]> {
  const days = await measuredHomeworkMinutes(db, auth.user.countyId, w);
  if (days.length === 0) return [];
  const classes = await db
    .selectFrom('classes as c')
    .select(['c.id', 'c.name', 'c.grade_level'])
    .where('c.county_id', '=', auth.user.countyId)
    .where(
      'c.id',
      'in',
      days.map((d) => d.classId),
    )
    .where(classVisible(auth.scope, { school: 'c.school_id', grade: 'c.grade_level', classId: 'c.id' }))
    .execute();
  const byId = new Map(classes.map((c) => [c.id, c]));
  return days.flatMap((d) => {
    const c = byId.get(d.classId);
    if (!c) return [];
    const load = surveyLoad(d.answers, homeworkCap(c.grade_level, caps));
    return [{ ...load, classId: c.id, className: c.name, gradeLevel: c.grade_level, date: d.date }];
  });
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export interface MeasuredCell {
  /** Pooled mean of the class's answers on this weekday: Σ answers ÷ Σ n over its measured days. */
  mean: number;
  /** Σ n: answers behind the mean. */
  n: number;
  /** Measured days (each with ≥ 10 answers). */
  days: number;
  /** Measured days whose mean was over the cap. */
  daysOver: number;
}

/** The measured part of the class × weekday heat map, keyed `classId|weekday`. */
export function measuredCells(days: readonly MeasuredDay[]): Map<string, MeasuredCell> {
  const acc = new Map<string, { sum: number; n: number; days: number; over: number }>();
  for (const d of days) {
    const key = `${d.classId}|${weekday(d.date)}`;
    const c = acc.get(key) ?? { sum: 0, n: 0, days: 0, over: 0 };
    c.sum += d.mean * d.n;
    c.n += d.n;
    c.days++;
    if (d.meanExceeds) c.over++;
    acc.set(key, c);
  }
  return new Map(
    [...acc].map(([k, c]) => [
      k,
      { mean: Math.round((c.sum / c.n) * 100) / 100, n: c.n, days: c.days, daysOver: c.over },
    ]),
  );
}

export interface HomeworkAlert {
  classId: number;
  className: string;
  gradeLevel: number;
  date: string;
  cap: number;
  /** Declared total and minutes over the cap; null when no teacher declared that day. */
  total: number | null;
  over: number | null;
  /** Measured mean and n; null when fewer than 10 answered (or no survey that day). */
  measuredMean: number | null;
  measuredN: number | null;
  /** Measured mean − cap when the mean is over the cap, else null. */
  measuredOver: number | null;
}

/**
 * The alerts: every class-day over its cap by the declared total (total > cap) or by the measured mean (mean > cap),
 * each with both figures when both exist; the largest excess (either) first.
 */
export function homeworkAlerts(
  loads: readonly ClassDayLoad[],
  names: Map<string, { name: string; grade: number }>,
  measured: readonly MeasuredDay[],
): HomeworkAlert[] {
  const out = new Map<string, HomeworkAlert>();
  const byDay = new Map(measured.map((m) => [`${m.classId}|${m.date}`, m]));
  for (const l of loads) {
    const m = byDay.get(`${l.classId}|${l.date}`);
    if (!l.exceeds && !m?.meanExceeds) continue;
    out.set(`${l.classId}|${l.date}`, {
      classId: Number(l.classId),
      className: names.get(l.classId)?.name ?? l.classId,
      gradeLevel: l.grade,
      date: l.date,
      cap: l.cap ?? 0,
      total: l.total,
      over: l.exceeds ? l.over : null,
      measuredMean: m ? m.mean : null,
      measuredN: m ? m.n : null,
      measuredOver: m?.meanExceeds ? Math.round((m.mean - (m.cap ?? 0)) * 100) / 100 : null,
    });
  }
  for (const m of measured) {
    const key = `${m.classId}|${m.date}`;
    if (!m.meanExceeds || out.has(key)) continue;
    out.set(key, {
      classId: m.classId,
      className: m.className,
      gradeLevel: m.gradeLevel,
      date: m.date,
      cap: m.cap ?? 0,
      // (a declared day of this class is in the first loop: here no teacher declared)
      total: null,
      over: null,
      measuredMean: m.mean,
      measuredN: m.n,
      measuredOver: Math.round((m.mean - (m.cap ?? 0)) * 100) / 100,
    });
  }
  const excess = (a: HomeworkAlert) => Math.max(a.over ?? 0, a.measuredOver ?? 0);
  return [...out.values()].sort(
    (a, b) => excess(b) - excess(a) || a.date.localeCompare(b.date) || a.classId - b.classId,
  );
}
