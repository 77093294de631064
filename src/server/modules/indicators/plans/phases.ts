import { addDays, daysBetween } from '../../../../common/calendar/index.js';

/**
 * The four phases a 提升年 plan runs through (seed-000 W1; 篇1 L77–85 §3.1 #8: 第一阶段 9月—10月, 第二阶段 11月—5月,
 * 第三阶段 6月—7月, 第四阶段 8月 over the school year 9/1–8/31), with their share of the year in months, as data.
 * Issue 6 names them 组织发动 / 全面实施 / 整改深化 / 总结表彰.
 */
export const DEFAULT_PHASES: readonly { name: string; months: number }[] = [
  { name: '组织发动', months: 2 },
  { name: '全面实施', months: 7 },
  { name: '整改深化', months: 2 },
  { name: '总结表彰', months: 1 },
];

/**
 * The default phases laid over a span in proportion to their months (12 in all): each phase starts the day after
 * the previous one ends, the last ends on the span's last day. 2025-09-01…2026-08-31 (364 days after the start):
 * 组织发动 to day ⌊364·2/12⌋ = 60 → 2025-10-31, 全面实施 to ⌊364·9/12⌋ = 273 → 2026-05-31, 整改深化 to
 * ⌊364·11/12⌋ = 333 → 2026-07-30, 总结表彰 to 2026-08-31.
 */
export function defaultPhases(start: string, end: string): { name: string; startDate: string; endDate: string }[] {
  const total = daysBetween(start, end);
  const months = DEFAULT_PHASES.reduce((a, p) => a + p.months, 0);
  let used = 0;
  let from = start;
  return DEFAULT_PHASES.map((p, i) => {
    used += p.months;
    const to = i === DEFAULT_PHASES.length - 1 ? end : addDays(start, Math.floor((total * used) / months));
    const phase = { name: p.name, startDate: from, endDate: to < from ? from : to };
    from = addDays(phase.endDate, 1);
    return phase;
  });
}
