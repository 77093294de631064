/**
 * Homework load (作业总量) against the grade caps (issue 7 "Homework load"; seed-000-notes.md W13, seed 000 L73):
 * "确保小学一二年级不布置书面家庭作业…小学其他年级每天书面作业完成时间平均不超过60分钟;初中每天书面作业完成时间平均
 * 不超过90分钟". Two sources are checked: the minutes teachers declare per subject for a class-day, and the minutes
 * students report in the one-question survey. Minutes above a cap are "over" strictly (60 minutes exactly is within
 * the 60-minute cap); with a cap of 0 (grades 1–2) any written homework is over.
 */
import { type IsoDate, isoWeekday } from './calendar.js';
import { clean } from './evaluate.js';

/** A grade band and its daily cap on written homework, in minutes. */
export interface HomeworkCapRule {
  grades: number[];
  /** Written homework allowed at all. */
  writtenAllowed: boolean;
  capMinutes: number;
  citation: string;
}

/**
 * The grade caps as data: grades 1–2 no written homework, 3–6 ≤ 60 minutes a day, 7–9 (初中) ≤ 90 minutes a day.
 * Senior secondary (10–12) has no cap in the seeds, so homeworkCap returns null there.
 */
export const HOMEWORK_CAP_RULES: readonly HomeworkCapRule[] = Object.freeze([
  {
    grades: [1, 2],
    writtenAllowed: false,
    capMinutes: 0,
    citation: 'seed-000-notes.md W13, seed 000 L73: 小学一二年级不布置书面家庭作业',
  },
  {
    grades: [3, 4, 5, 6],
    writtenAllowed: true,
    capMinutes: 60,
    citation: 'seed-000-notes.md W13, seed 000 L73: 小学其他年级每天书面作业完成时间平均不超过60分钟',
  },
  {
    grades: [7, 8, 9],
    writtenAllowed: true,
    capMinutes: 90,
    citation: 'seed-000-notes.md W13, seed 000 L73: 初中每天书面作业完成时间平均不超过90分钟',
  },
]);

/** Minutes above this are absurd for one day and refused (issue 7 "Bad input": > 600). */
export const MAX_HOMEWORK_MINUTES = 600;

/** The daily cap in minutes for a grade (0 for grades 1–2), or null when the seeds set none (senior secondary). */
export function homeworkCap(grade: number, rules: readonly HomeworkCapRule[] = HOMEWORK_CAP_RULES): number | null {
  return rules.find((r) => r.grades.includes(grade))?.capMinutes ?? null;
}

/** Bad minutes: negative, not a number, or above MAX_HOMEWORK_MINUTES → a message; fine → null. */
export function checkMinutes(minutes: number): string | null {
  if (!Number.isFinite(minutes)) return '作业时长必须是数字';
  if (minutes < 0) return `作业时长不能为负数: ${minutes}`;
  if (minutes > MAX_HOMEWORK_MINUTES) return `作业时长 ${minutes} 分钟不合理 (超过 ${MAX_HOMEWORK_MINUTES})`;
  return null;
}

/** A class-day's declared homework: minutes per subject, as the subject teachers registered them. */
export interface ClassDayHomework {
  classId: string;
  grade: number;
  date: IsoDate;
  items: { subject: string; minutes: number }[];
}

export interface ClassDayLoad {
  classId: string;
  grade: number;
  date: IsoDate;
  total: number;
  /** null = no cap for the grade. */
  cap: number | null;
  /** total − cap when above the cap, else 0. */
  over: number;
  /** cap − total when within the cap (room left), else 0. */
  under: number;
  exceeds: boolean;
}

/**
 * Total declared minutes of a class-day against its grade's cap: over = total − cap when total > cap, under =
 * cap − total otherwise. Throws on bad minutes (checkMinutes) so that bad input never reaches a total.
 */
export function classDayLoad(
  day: ClassDayHomework,
  rules: readonly HomeworkCapRule[] = HOMEWORK_CAP_RULES,
): ClassDayLoad {
  for (const item of day.items) {
    const bad = checkMinutes(item.minutes);
    if (bad) throw new Error(`${day.classId} ${day.date} ${item.subject}: ${bad}`);
  }
  const total = clean(day.items.reduce((s, i) => s + i.minutes, 0));
  const cap = homeworkCap(day.grade, rules);
  const exceeds = cap !== null && total > cap;
  return {
    classId: day.classId,
    grade: day.grade,
    date: day.date,
    total,
    cap,
    over: exceeds ? clean(total - cap) : 0,
    under: cap !== null && !exceeds ? clean(cap - total) : 0,
    exceeds,
  };
}

/** The class-days whose declared total exceeds the cap, most over first (ties by date, then class). */
export function exceedingDays(loads: readonly ClassDayLoad[]): ClassDayLoad[] {
  return loads
    .filter((l) => l.exceeds)
    .sort((a, b) => b.over - a.over || a.date.localeCompare(b.date) || a.classId.localeCompare(b.classId));
}

export interface SurveyLoad {
  /** Valid answers counted. */
  n: number;
  mean: number;
  cap: number | null;
  /** Students reporting more than the cap. */
  overCount: number;
  shareOver: number;
  /** The mean is above the cap (the seed's cap is on the average: "平均不超过"). */
  meanExceeds: boolean;
}

/**
 * Measured minutes (survey answers of one class-day or class-week) against a cap: the mean, the number and share of
 * students strictly over the cap, and whether the mean is over. Throws on bad answers; n = 0 gives mean 0.
 */
export function surveyLoad(answers: readonly number[], cap: number | null): SurveyLoad {
  for (const a of answers) {
    const bad = checkMinutes(a);
    if (bad) throw new Error(bad);
  }
  const n = answers.length;
  const mean = n === 0 ? 0 : clean(answers.reduce((s, a) => s + a, 0) / n);
  const overCount = cap === null ? 0 : answers.filter((a) => a > cap).length;
  return {
    n,
    mean,
    cap,
    overCount,
    shareOver: n === 0 ? 0 : clean(overCount / n),
    meanExceeds: cap !== null && n > 0 && mean > cap,
  };
}

export interface HeatCell {
  classId: string;
  /** ISO weekday 1 = Monday … 7 = Sunday. */
  weekday: number;
  days: number;
  meanTotal: number;
  daysOver: number;
  shareOver: number;
}

/** The class × weekday heat map: per class and weekday, the mean declared total and the share of days over the cap. */
export function weekdayHeatmap(loads: readonly ClassDayLoad[]): HeatCell[] {
  const map = new Map<string, { classId: string; weekday: number; sum: number; days: number; over: number }>();
  for (const l of loads) {
    const weekday = isoWeekday(l.date);
    const key = `${l.classId}\u0000${weekday}`;
    const c = map.get(key) ?? { classId: l.classId, weekday, sum: 0, days: 0, over: 0 };
    c.sum += l.total;
    c.days++;
    if (l.exceeds) c.over++;
    map.set(key, c);
  }
  return [...map.values()]
    .map((c) => ({
      classId: c.classId,
      weekday: c.weekday,
      days: c.days,
      meanTotal: clean(c.sum / c.days),
      daysOver: c.over,
      shareOver: clean(c.over / c.days),
    }))
    .sort((a, b) => a.classId.localeCompare(b.classId) || a.weekday - b.weekday);
}

/** Share of class-days over the cap (an indicator for the plans module); 0 when there are none. */
export function shareOfDaysOver(loads: readonly ClassDayLoad[]): number {
  return loads.length === 0 ? 0 : clean(loads.filter((l) => l.exceeds).length / loads.length);
}
