/**
 * Home-visit category mix (seed-004-notes.md W13, seed 004 L110: "联系对象应涵盖优等生、特长生、贫困生、学困生、
 * 留守儿童、单亲学生家庭等层面"): the families a visitor has visited should cover the six categories.
 */
import type { DateRange } from './calendar.js';
import { within } from './calendar.js';
import type { ActivityRecord, Family } from './evaluate.js';
import { HOME_VISIT_CATEGORIES, type HomeVisitCategory } from './rules.js';

/**
 * The categories of HOME_VISIT_CATEGORIES that none of a visitor's home visits in the period reached, in the order
 * of the list. Families without a category, or with a category outside the six, cover nothing.
 */
export function missingCategories(
  visitorId: string,
  records: readonly ActivityRecord[],
  families: readonly Family[],
  period: DateRange,
): HomeVisitCategory[] {
  const categoryOf = new Map(families.map((f) => [f.id, f.category]));
  const covered = new Set(
    records
      .filter((r) => r.kind === 'home_visit' && r.personId === visitorId && within(r.date, period) && r.familyId)
      .map((r) => categoryOf.get(r.familyId!)),
  );
  return HOME_VISIT_CATEGORIES.map((c) => c.value).filter((v) => !covered.has(v));
}
