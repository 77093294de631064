import { describe, expect, it } from 'vitest';
import { ageing, closureBySchool, type LedgerProblem, recurring } from './ledger.js';
import { rankRisk, riskScore, wholeMonths } from './risk.js';

const P = (id: number, schoolId: number, status: string, createdOn: string, closedOn: string | null, key?: string) =>
  ({ id, schoolId, status, createdOn, closedOn, criterionKey: key ?? null }) satisfies LedgerProblem;

describe('ledger statistics (hand-worked)', () => {
  const ps = [
    P(1, 10, 'closed', '2026-01-01', '2026-01-21', 'f1|A1'), // 20 days
    P(2, 10, 'closed', '2026-02-01', '2026-03-13', 'f1|A2'), // 40 days
    P(3, 10, 'ordered', '2026-03-01', null, 'f1|A1'),
    P(4, 10, 'withdrawn', '2026-03-01', null),
    P(5, 20, 'responded', '2025-01-01', null, 'f1|A1'),
    P(6, 20, 'found', '2026-03-20', null, 'f1|A1'),
  ];
  it('closure rate and mean days to close per school', () => {
    // School 10: 3 counted (withdrawn left out), 2 closed → 2/3; mean (20 + 40) / 2 = 30.
    // School 20: 2 counted, none closed.
    expect(closureBySchool(ps)).toEqual([
      { schoolId: 10, total: 3, closed: 2, closureRate: 0.666666666667, meanDaysToClose: 30 },
      { schoolId: 20, total: 2, closed: 0, closureRate: 0, meanDaysToClose: null },
    ]);
  });
  it('ages open problems', () => {
    // On 2026-04-01: #3 is 31 days old, #5 455 days, #6 12 days.
    expect(ageing(ps, '2026-04-01')).toEqual({ '0-30': 1, '31-60': 1, '61-90': 0, '90+': 1 });
  });
  it('flags a criterion failing again within a year at the same school', () => {
    // School 10 A1: 2026-01-01 then 2026-03-01 (59 days) → #3 recurs. School 20 A1: 2025-01-01 then 2026-03-20
    // (443 days) → no.
    expect([...recurring(ps)]).toEqual([3]);
  });
});

describe('school risk score', () => {
  const w = { overdue: 3, recurring: 2, lowScore: 20, monthsSinceVisit: 1, maxMonths: 12 };
  it('combines the documented terms', () => {
    // 3×2 + 2×1 + 20×(1 − 0.6) + 1×5 = 6 + 2 + 8 + 5 = 21
    expect(riskScore({ schoolId: 1, overdue: 2, recurring: 1, latestRatio: 0.6, monthsSinceVisit: 5 }, w)).toBe(21);
    // never visited, no result: 12
    expect(riskScore({ schoolId: 2, overdue: 0, recurring: 0, latestRatio: null, monthsSinceVisit: null }, w)).toBe(12);
  });
  it('orders schools by score, ties by id', () => {
    const rows = rankRisk(
      [
        { schoolId: 3, overdue: 0, recurring: 0, latestRatio: 0.9, monthsSinceVisit: 1 }, // 2 + 1 = 3
        { schoolId: 1, overdue: 1, recurring: 0, latestRatio: null, monthsSinceVisit: 0 }, // 3
        { schoolId: 2, overdue: 0, recurring: 0, latestRatio: null, monthsSinceVisit: null }, // 12
      ],
      w,
    );
    expect(rows.map((r) => [r.schoolId, r.score])).toEqual([
      [2, 12],
      [1, 3],
      [3, 3],
    ]);
  });
  it('counts whole months', () => {
    expect(wholeMonths('2026-01-31', '2026-02-28')).toBe(0);
    expect(wholeMonths('2026-01-31', '2026-03-01')).toBe(1);
    expect(wholeMonths('2025-11-15', '2026-03-15')).toBe(4);
  });
});
