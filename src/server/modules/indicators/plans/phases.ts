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

/** `date` moved by whole months (the day of month kept; the spans here start on a 1st). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  return t.toISOString().slice(0, 10);
}

/** Whole months from `start` to the day after `end` when the span is whole months (2025-09-01…2026-08-31 → 12). */
function wholeMonths(start: string, end: string): number | null {
  const after = addDays(end, 1);
  if (after.slice(8) !== start.slice(8)) return null;
  return (
    (Number(after.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(after.slice(5, 7)) - Number(start.slice(5, 7))
  );
}

/**
 * The default phases laid over a span in proportion to their months (12 in all); each phase starts the day after
 * the previous one ends and the last ends on the span's last day. A span of whole months is cut at month
 * boundaries (phase k ends the day before start + round(M · cumulative/12) months): the school year
 * 2025-09-01…2026-08-31 gives 9–10月, 11–5月, 6–7月, 8月 exactly as 篇1. Any other span is cut by days:
 * phase k ends on day ⌊days · cumulative/12⌋ after the start.
 */
export function defaultPhases(start: string, end: string): { name: string; startDate: string; endDate: string }[] {
  const total = daysBetween(start, end);
  const months = wholeMonths(start, end);
  const parts = DEFAULT_PHASES.reduce((a, p) => a + p.months, 0);
  let used = 0;
  let from = start;
  return DEFAULT_PHASES.map((p, i) => {
    used += p.months;
    const cut =
      months !== null
        ? addDays(addMonths(start, Math.round((months * used) / parts)), -1)
        : addDays(start, Math.floor((total * used) / parts));
    const to = i === DEFAULT_PHASES.length - 1 ? end : cut;
    const phase = { name: p.name, startDate: from, endDate: to < from ? from : to };
    from = addDays(phase.endDate, 1);
    return phase;
  });
}
