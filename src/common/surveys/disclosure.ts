/**
 * Complementary (secondary) suppression. A published parent (school) and its published children (classes) give a
 * suppressed child's counts by subtraction: school − the other classes. Rule, for one cell of one parent:
 *   primary = children with 0 < respondents < minGroupSize;
 *   while primary is not empty and Σ respondents(suppressed) < minGroupSize and some child with respondents > 0
 *   is still published: also suppress the published child with the fewest respondents (first in input order on ties).
 * So whatever can be derived by subtraction covers at least minGroupSize respondents. A child with 0 respondents
 * reveals nothing and is never chosen. If every child ends up suppressed the parent still shows only its own total.
 */
import { DEFAULT_MIN_GROUP_SIZE } from './stats.js';

export interface GroupCount {
  unitId: string;
  respondents: number;
}

/** The children to suppress (primary and complementary), in input order. */
export function complementarySuppression(
  children: readonly GroupCount[],
  minGroupSize = DEFAULT_MIN_GROUP_SIZE,
): string[] {
  const out = new Set<string>();
  let sum = 0;
  for (const c of children) {
    if (c.respondents > 0 && c.respondents < minGroupSize) {
      out.add(c.unitId);
      sum += c.respondents;
    }
  }
  if (out.size === 0) return [];
  const rest = children
    .map((c, i) => ({ ...c, i }))
    .filter((c) => c.respondents > 0 && !out.has(c.unitId))
    .sort((a, b) => a.respondents - b.respondents || a.i - b.i);
  for (const c of rest) {
    if (sum >= minGroupSize) break;
    out.add(c.unitId);
    sum += c.respondents;
  }
  return children.filter((c) => out.has(c.unitId)).map((c) => c.unitId);
}
