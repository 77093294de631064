import type { TaskView } from './board.js';

export interface UnitRanking {
  rank: number;
  schoolId: number | null;
  name: string;
  due: number;
  doneOnTime: number;
  overdue: number;
  /** doneOnTime ÷ due. */
  rate: number;
}

/**
 * 进展通报 ranking (seed-000 §3.5 #134 "每季一通报"; seed-004 W18 "一季度一通报"): per responsible unit, over the
 * tasks given, completion rate = due dates met on time ÷ due dates passed (summed over tasks). Units with nothing due
 * yet are left out (not ranked as 0). Sorted by rate, then more due dates met, then name; equal rates share a rank
 * (1, 2, 2, 4).
 */
export function rankUnits(tasks: readonly TaskView[]): { ranked: UnitRanking[]; nothingDue: string[] } {
  const byUnit = new Map<
    string,
    { schoolId: number | null; name: string; due: number; doneOnTime: number; overdue: number }
  >();
  for (const t of tasks)
    for (const u of t.units) {
      const key = u.schoolId === null ? `dept:${u.name}` : `school:${u.schoolId}`;
      const acc = byUnit.get(key) ?? { schoolId: u.schoolId, name: u.name, due: 0, doneOnTime: 0, overdue: 0 };
      acc.due += u.dueCount;
      acc.doneOnTime += u.doneOnTime;
      acc.overdue += u.overdueCount;
      byUnit.set(key, acc);
    }
  const all = [...byUnit.values()];
  const sorted = all
    .filter((u) => u.due > 0)
    .map((u) => ({ ...u, rate: u.doneOnTime / u.due }))
    .sort((a, b) => b.rate - a.rate || b.doneOnTime - a.doneOnTime || a.name.localeCompare(b.name, 'zh'));
  const ranked: UnitRanking[] = [];
  sorted.forEach((u, i) => {
    const rank = i > 0 && sorted[i - 1].rate === u.rate ? ranked[i - 1].rank : i + 1;
    ranked.push({ rank, ...u });
  });
  return { ranked, nothingDue: all.filter((u) => u.due === 0).map((u) => u.name) };
}
