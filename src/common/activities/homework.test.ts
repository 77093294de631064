import { describe, expect, it } from 'vitest';
import {
  checkMinutes,
  classDayLoad,
  exceedingDays,
  HOMEWORK_CAP_RULES,
  homeworkCap,
  shareOfDaysOver,
  surveyLoad,
  weekdayHeatmap,
} from './homework.js';

const day = (classId: string, grade: number, date: string, ...minutes: number[]) => ({
  classId,
  grade,
  date,
  items: minutes.map((m, i) => ({ subject: `s${i}`, minutes: m })),
});

describe('homework caps by grade (seed 000 L73)', () => {
  it('gives 0 for grades 1–2, 60 for 3–6, 90 for 7–9 and none for senior secondary', () => {
    expect([1, 2, 3, 6, 7, 9, 10, 12].map((g) => homeworkCap(g))).toEqual([0, 0, 60, 60, 90, 90, null, null]);
    expect(HOMEWORK_CAP_RULES.every((r) => r.citation.includes('L73'))).toBe(true);
  });

  it('takes the cap itself as within it, and a minute more as over', () => {
    // Grade 4: 25 + 20 + 15 = 60 → within, no room left; 25 + 20 + 16 = 61 → over by 1.
    expect(classDayLoad(day('4-1', 4, '2025-09-01', 25, 20, 15))).toMatchObject({
      total: 60,
      cap: 60,
      exceeds: false,
      over: 0,
      under: 0,
    });
    expect(classDayLoad(day('4-1', 4, '2025-09-02', 25, 20, 16))).toMatchObject({
      total: 61,
      exceeds: true,
      over: 1,
      under: 0,
    });
    expect(classDayLoad(day('4-1', 4, '2025-09-03', 20, 20))).toMatchObject({ total: 40, under: 20 });
    // Grade 8: 30 × 3 = 90 within; 30 + 30 + 35 = 95 over by 5.
    expect(classDayLoad(day('8-2', 8, '2025-09-01', 30, 30, 30))).toMatchObject({ total: 90, exceeds: false });
    expect(classDayLoad(day('8-2', 8, '2025-09-02', 30, 30, 35))).toMatchObject({ total: 95, over: 5 });
  });

  it('allows no written homework in grades 1–2', () => {
    expect(classDayLoad(day('2-1', 2, '2025-09-01'))).toMatchObject({ total: 0, exceeds: false });
    expect(classDayLoad(day('2-1', 2, '2025-09-02', 10))).toMatchObject({ total: 10, cap: 0, exceeds: true, over: 10 });
  });

  it('sets no cap in senior secondary', () => {
    expect(classDayLoad(day('11-1', 11, '2025-09-01', 120, 80))).toMatchObject({
      total: 200,
      cap: null,
      exceeds: false,
      over: 0,
      under: 0,
    });
  });

  it('refuses negative or absurd minutes', () => {
    expect(checkMinutes(600)).toBeNull();
    expect(checkMinutes(601)).toBe('作业时长 601 分钟不合理 (超过 600)');
    expect(checkMinutes(-5)).toBe('作业时长不能为负数: -5');
    expect(checkMinutes(Number.NaN)).toBe('作业时长必须是数字');
    expect(() => classDayLoad(day('4-1', 4, '2025-09-01', 20, -5))).toThrow('4-1 2025-09-01 s1: 作业时长不能为负数');
  });
});

describe('measured minutes (survey)', () => {
  it('gives the mean and the share strictly over the cap', () => {
    // 40 + 60 + 61 + 90 + 30 = 281 → mean 56.2; over 60: 61 and 90 → 2 of 5 = 0.4; 60 itself is not over.
    expect(surveyLoad([40, 60, 61, 90, 30], 60)).toEqual({
      n: 5,
      mean: 56.2,
      cap: 60,
      overCount: 2,
      shareOver: 0.4,
      meanExceeds: false,
    });
    // Grade 1: any written homework is over.
    expect(surveyLoad([0, 0, 15, 0], 0)).toMatchObject({
      mean: 3.75,
      overCount: 1,
      shareOver: 0.25,
      meanExceeds: true,
    });
    expect(surveyLoad([], 90)).toEqual({ n: 0, mean: 0, cap: 90, overCount: 0, shareOver: 0, meanExceeds: false });
    expect(() => surveyLoad([30, 700], 90)).toThrow('不合理');
  });
});

describe('which days and classes exceed', () => {
  // 2025-09-01 and 2025-09-08 are Mondays, 2025-09-02 a Tuesday.
  const loads = [
    classDayLoad(day('5-1', 5, '2025-09-01', 40, 30)), // 70, over 10
    classDayLoad(day('5-1', 5, '2025-09-08', 30, 20)), // 50
    classDayLoad(day('5-1', 5, '2025-09-02', 30, 30)), // 60
    classDayLoad(day('8-1', 8, '2025-09-01', 50, 60)), // 110, over 20
  ];

  it('lists the exceeding class-days, most over first', () => {
    expect(exceedingDays(loads).map((l) => [l.classId, l.date, l.over])).toEqual([
      ['8-1', '2025-09-01', 20],
      ['5-1', '2025-09-01', 10],
    ]);
    expect(shareOfDaysOver(loads)).toBe(0.5);
    expect(shareOfDaysOver([])).toBe(0);
  });

  it('builds the class × weekday heat map', () => {
    expect(weekdayHeatmap(loads)).toEqual([
      { classId: '5-1', weekday: 1, days: 2, meanTotal: 60, daysOver: 1, shareOver: 0.5 },
      { classId: '5-1', weekday: 2, days: 1, meanTotal: 60, daysOver: 0, shareOver: 0 },
      { classId: '8-1', weekday: 1, days: 1, meanTotal: 110, daysOver: 1, shareOver: 1 },
    ]);
  });
});
