/**
 * Splitting a county target into school targets, and the schools that miss theirs (issue 6 "A county target can be
 * split into school targets … the list of schools that miss theirs"; seed-000 W17 L139 "教师发展中心要将教学质量发展
 * 目标落实到各个学校").
 */

import type { Attainment } from './attainment.js';
import { applyChange, clean } from './targets.js';
import type { ChangeMode } from './types.js';

export interface SchoolShare {
  orgUnit: string;
  /** The school's own value at the start (for the same-improvement split). */
  baseline?: number | null;
  /** The school's size (students, classes…) for the proportional split. */
  size?: number;
}

export interface SchoolTarget {
  orgUnit: string;
  /** Null when the school's baseline is unknown and the split needs it. */
  value: number | null;
}

/** Every school gets the county's absolute target (及格率 ≥ 0.95 for each school). */
export function splitEqual(value: number, schools: readonly SchoolShare[]): SchoolTarget[] {
  return schools.map((s) => ({ orgUnit: s.orgUnit, value }));
}

/**
 * Every school makes the same improvement from its own baseline (+3.5 points: 0.70 → 0.735, 0.90 → 0.935), or the
 * same relative change when mode is `relative`. A school without a baseline gets null (it must be given one).
 */
export function splitSameChange(delta: number, schools: readonly SchoolShare[], mode: ChangeMode = 'points') {
  return schools.map(
    (s): SchoolTarget => ({
      orgUnit: s.orgUnit,
      value: s.baseline === null || s.baseline === undefined ? null : applyChange(s.baseline, delta, mode),
    }),
  );
}

/**
 * A whole-number total split in proportion to size, by largest remainder (Hamilton): each school first gets
 * ⌊total · size / Σsize⌋, then the units left over go one each to the largest remainders — ties to the larger
 * school, then to the earlier one in the list — so the parts are whole and sum exactly to the total.
 * 380 学位 over sizes 500/300/200 → 190/114/76. Throws when the total is not a whole number ≥ 0, a size is
 * negative or missing, or every size is 0.
 */
export function splitProportional(total: number, schools: readonly SchoolShare[]): SchoolTarget[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`a count to split must be a whole number ≥ 0: ${total}`);
  const sizes = schools.map((s) => {
    if (s.size === undefined || !(s.size >= 0)) throw new Error(`${s.orgUnit}: a proportional split needs a size ≥ 0`);
    return s.size;
  });
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new Error('a proportional split needs at least one school with a size above 0');
  const exact = sizes.map((n) => clean((total * n) / sum));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: clean(x - parts[i]), size: sizes[i] }))
    .sort((a, b) => b.rem - a.rem || b.size - a.size || a.i - b.i);
  for (const o of order) {
    if (left === 0) break;
    parts[o.i] += 1;
    left -= 1;
  }
  return schools.map((s, i) => ({ orgUnit: s.orgUnit, value: parts[i] }));
}

export interface SchoolAttainment {
  orgUnit: string;
  attainment: Attainment;
}

/**
 * The schools that miss their targets: every school not green (amber: behind the target but on the path; red:
 * behind), worst gap first (ties by org unit); schools with no data (grey) are listed apart, never as 0.
 */
export function schoolsMissing(rows: readonly SchoolAttainment[]): {
  missing: SchoolAttainment[];
  noData: SchoolAttainment[];
} {
  const missing = rows
    .filter((r) => r.attainment.status === 'amber' || r.attainment.status === 'red')
    .sort(
      (a, b) =>
        (a.attainment.gap as number) - (b.attainment.gap as number) ||
        (a.orgUnit < b.orgUnit ? -1 : a.orgUnit > b.orgUnit ? 1 : 0),
    );
  const noData = rows.filter((r) => r.attainment.status === 'grey');
  return { missing, noData };
}
