import { addDays, isIsoDate, weekday } from './dates.js';
import type { CalendarYear } from './holidays.js';

/**
 * The problems of a year's holiday arrangement as a county enters it (empty when it can be stored), in Chinese:
 * every date a real date inside the year, each holiday named with from ≤ to, a 调休 workday on a Saturday or Sunday
 * (a weekday is a working day already), no day both a day off and a workday, no day listed twice.
 */
export function calendarYearProblems(y: CalendarYear): string[] {
  const problems: string[] = [];
  const inYear = (d: string) => isIsoDate(d) && d.startsWith(`${y.year}-`);
  const off = new Map<string, string>();
  y.holidays.forEach((h, i) => {
    const label = h.name.trim() || `第 ${i + 1} 个假期`;
    if (!h.name.trim()) problems.push(`第 ${i + 1} 个假期缺少名称`);
    if (!inYear(h.from) || !inYear(h.to)) {
      problems.push(`${label}：日期须是 ${y.year} 年内的日期`);
      return;
    }
    if (h.from > h.to) {
      problems.push(`${label}：开始日期 ${h.from} 晚于结束日期 ${h.to}`);
      return;
    }
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) {
      const other = off.get(d);
      if (other !== undefined) problems.push(`${d} 同时属于${other}和${label}`);
      off.set(d, label);
    }
  });
  const seen = new Set<string>();
  for (const w of y.workdays) {
    if (!inYear(w)) {
      problems.push(`调休上班日 ${w} 须是 ${y.year} 年内的日期`);
      continue;
    }
    if (seen.has(w)) problems.push(`调休上班日 ${w} 重复`);
    seen.add(w);
    const wd = weekday(w);
    if (wd !== 0 && wd !== 6) problems.push(`调休上班日 ${w} 不是周六或周日（工作日本来就上班）`);
    const holiday = off.get(w);
    if (holiday !== undefined) problems.push(`${w} 既是${holiday}放假日又是调休上班日`);
  }
  return problems;
}
