/**
 * The seeds' year-by-year targets of 篇2 (灌南县 three-year plan), as data with citations to
 * `shared/domain/seed-000-notes.md` §3.2 (row numbers # and seed lines L). The seed writes "20xx" for every year and
 * gives no baselines, so both are parameters. "提升3.5%" is read as +3.5 percentage POINTS (issue 6; the seed is
 * ambiguous, §7.2) — pass `mode: 'relative'` to read it as a relative change.
 */
import type { ChangeMode, Indicator, Period, TargetPath } from './types.js';

/** Calendar years `first`…`first+n−1` as periods (id "2025", 2025-01-01 to 2025-12-31). */
export function calendarYears(first: number, n: number): Period[] {
  return Array.from({ length: n }, (_, i) => {
    const y = first + i;
    return { id: String(y), name: `${y}年`, start: `${y}-01-01`, end: `${y}-12-31` };
  });
}

/** School years from September `first` (id "2025-2026", 2025-09-01 to 2026-08-31; seed-000 §3.1 #7). */
export function schoolYears(first: number, n: number): Period[] {
  return Array.from({ length: n }, (_, i) => {
    const y = first + i;
    return { id: `${y}-${y + 1}`, name: `${y}—${y + 1}学年`, start: `${y}-09-01`, end: `${y + 1}-08-31` };
  });
}

const PRIMARY_TEST = { examKind: '小学毕业学业水平测试', grade: 6, subjects: ['语文', '数学', '英语'], total: true };

/** The indicators 篇2's targets are set on (seed-000 §3.2). */
export const PIAN2_INDICATORS: readonly Indicator[] = [
  {
    code: 'primary-grad-pass-rate',
    name: '小学毕业学业水平测试语数英总分及格率',
    unit: 'fraction',
    direction: 'higher',
    definition: '小学毕业学业水平测试语文、数学、英语总分及格率 (seed-000 §3.2 #14, #17; 篇2 L125); 及格线 per exam',
    level: 'school',
    source: { kind: 'module', module: 'exams', ref: { ...PRIMARY_TEST, measure: 'passRate' } },
  },
  {
    code: 'primary-grad-excellent-rate',
    name: '小学毕业学业水平测试语数英总分优秀率',
    unit: 'fraction',
    direction: 'higher',
    definition: '同上测试的优秀率 (seed-000 §3.2 #15, #18; 篇2 L125); 优秀线 per exam',
    level: 'school',
    source: { kind: 'module', module: 'exams', ref: { ...PRIMARY_TEST, measure: 'excellentRate' } },
  },
  {
    code: 'primary-grad-low-rate',
    name: '小学毕业学业水平测试语数英总分低分率',
    unit: 'fraction',
    direction: 'lower',
    definition: '同上测试的低分率 (seed-000 §3.2 #16, #19; 篇2 L125); 低分线 per exam',
    level: 'school',
    source: { kind: 'module', module: 'exams', ref: { ...PRIMARY_TEST, measure: 'lowRate' } },
  },
  {
    code: 'fitness-pass-rate',
    name: '学生体质监测合格率',
    unit: 'fraction',
    direction: 'higher',
    definition: '学生体质监测合格率每年达到95%以上, 小学和初中 (seed-000 §3.2 #20; 篇2 L125, L129)',
    level: 'school',
    source: { kind: 'manual', evidenceRequired: true, approval: true },
  },
  {
    code: 'zhongkao-high-band-count',
    name: '中考高分段人数(全市前5500名)',
    unit: 'count',
    direction: 'higher',
    definition: '中考高分段(全市前5500名学生)人数 (seed-000 §3.2 #21–#23; 篇2 L129)',
    level: 'county',
    source: { kind: 'module', module: 'exams', ref: { examKind: '中考', measure: 'countInCityTop', top: 5500 } },
  },
  {
    code: 'zhongkao-low-rate',
    name: '中考总分低分率',
    unit: 'fraction',
    direction: 'lower',
    definition: '中考低分率控制在7%以内, 每年 (seed-000 §3.2 #26; 篇2 L129)',
    level: 'county',
    source: { kind: 'module', module: 'exams', ref: { examKind: '中考', measure: 'lowRate' } },
  },
  {
    code: 'gaokao-tier1-rate',
    name: '高考一本上线率',
    unit: 'fraction',
    direction: 'higher',
    definition: '高考一本上线率 (seed-000 §3.2 #28–#30; 篇2 L133)',
    level: 'county',
    source: { kind: 'manual', evidenceRequired: true, approval: true },
  },
];

/** Baselines of the three primary rates, the value of the year before the plan (not in the seed). */
export interface Pian2Baselines {
  passRate: number | null;
  excellentRate: number | null;
  lowRate: number | null;
}

/**
 * 篇2's yearly paths over three periods (the seed's three years):
 * - 及格率 +0.035 a year, 0.95 in the final year (#14, #17, L125);
 * - 优秀率 +0.02 a year, 0.35 in the final year (#15, #18, L125);
 * - 低分率 −0.01 a year, 0.05 in the final year (#16, #19, L125);
 * - 体质监测合格率 ≥ 0.95 every year (#20, L125/L129);
 * - 中考高分段 460 / 506 / 556 (#21–#23, L129);
 * - 中考低分率 ≤ 0.07 every year (#26, L129);
 * - 一本上线率 0.080 / 0.096 / 0.115 (#28–#30, L133).
 */
export function pian2Paths(
  orgUnit: string,
  periods: readonly Period[],
  baselines: Pian2Baselines,
  mode: ChangeMode = 'points',
): TargetPath[] {
  if (periods.length !== 3) throw new Error(`篇2 is a three-year plan: ${periods.length} periods given`);
  const ps = [...periods];
  const cite = (rows: string) => `seed-000-notes §3.2 ${rows} (篇2)`;
  return [
    {
      kind: 'step',
      indicator: 'primary-grad-pass-rate',
      orgUnit,
      periods: ps,
      baseline: baselines.passRate,
      step: 0.035,
      mode,
      final: 0.95,
      citation: cite('#14, #17, L125'),
    },
    {
      kind: 'step',
      indicator: 'primary-grad-excellent-rate',
      orgUnit,
      periods: ps,
      baseline: baselines.excellentRate,
      step: 0.02,
      mode,
      final: 0.35,
      citation: cite('#15, #18, L125'),
    },
    {
      kind: 'step',
      indicator: 'primary-grad-low-rate',
      orgUnit,
      periods: ps,
      baseline: baselines.lowRate,
      step: -0.01,
      mode,
      final: 0.05,
      citation: cite('#16, #19, L125'),
    },
    {
      kind: 'schedule',
      indicator: 'fitness-pass-rate',
      orgUnit,
      periods: ps,
      baseline: null,
      values: [0.95, 0.95, 0.95],
      citation: cite('#20, L125, L129'),
    },
    {
      kind: 'schedule',
      indicator: 'zhongkao-high-band-count',
      orgUnit,
      periods: ps,
      baseline: null,
      values: [460, 506, 556],
      citation: cite('#21–#23, L129'),
    },
    {
      kind: 'schedule',
      indicator: 'zhongkao-low-rate',
      orgUnit,
      periods: ps,
      baseline: null,
      values: [0.07, 0.07, 0.07],
      citation: cite('#26, L129'),
    },
    {
      kind: 'schedule',
      indicator: 'gaokao-tier1-rate',
      orgUnit,
      periods: ps,
      baseline: null,
      values: [0.08, 0.096, 0.115],
      citation: cite('#28–#30, L133'),
    },
  ];
}
