/**
 * A county's version of the standard: the shipped tables (standard version "2014") with the county's corrections
 * of single score cells laid over them. A corrected cell keeps what it replaced (for the editor) and gets the
 * status `county`; the merged standard must pass checkStandard (monotonic thresholds) before it is used or saved.
 */
import { checkStandard, type FitnessStandard, type GradeCode, ITEM_KEYS, type ItemKey, type Sex } from './standard.js';

/** Status of a cell set by the county (from the official document). */
export const COUNTY_STATUS = 'county';

/** One county correction: the threshold for `score` points (null = no value, i.e. back to missing). */
export interface CellOverride {
  gradeCode: string;
  sex: string;
  item: string;
  score: number;
  threshold: number | null;
}

/** Why an override cannot be applied at all (unknown grade, item or score level), in Chinese; null if it fits. */
export function overrideProblem(std: FitnessStandard, o: CellOverride): string | null {
  const grade = std.grades[o.gradeCode as GradeCode];
  if (!grade) return `年级代码“${o.gradeCode}”不存在`;
  if (o.sex !== 'M' && o.sex !== 'F') return `性别“${o.sex}”应为 M 或 F`;
  if (!ITEM_KEYS.includes(o.item as ItemKey)) return `项目“${o.item}”不存在`;
  const table = grade[o.sex as Sex][o.item as ItemKey];
  if (!table) return `${grade.grade}${o.sex === 'M' ? '男生' : '女生'}不测${o.item}`;
  if (!table.cells.some((c) => c.score === o.score)) return `${table.itemCn}没有 ${o.score} 分档`;
  return null;
}

/**
 * The standard with the overrides applied (a deep copy; the shipped object is never changed). An override that
 * does not fit (overrideProblem) is skipped. Cells set by the county get status `county` and keep the shipped
 * threshold and status in `otherValues` ("2014: 1234 (verified)").
 */
export function applyOverrides(
  base: FitnessStandard,
  overrides: readonly CellOverride[],
  id?: string,
): FitnessStandard {
  const std = structuredClone(base);
  if (id) std.id = id;
  for (const o of overrides) {
    if (overrideProblem(std, o)) continue;
    const table = std.grades[o.gradeCode as GradeCode][o.sex as Sex][o.item as ItemKey];
    const cell = table?.cells.find((c) => c.score === o.score);
    if (!cell) continue;
    const shipped = `2014: ${cell.threshold ?? '—'} (${cell.status})`;
    cell.threshold = o.threshold;
    cell.status = o.threshold === null ? 'missing' : COUNTY_STATUS;
    cell.otherValues = shipped;
  }
  return std;
}

/**
 * Checks a merged standard and keeps only the problems that concern the given cell's table (other tables'
 * problems cannot be caused by this edit; the shipped tables are checked at load).
 */
export function problemsOfEdit(std: FitnessStandard, o: CellOverride): string[] {
  const prefix = `${o.gradeCode} ${o.sex === 'M' ? '男' : '女'} `;
  return checkStandard(std).filter((p) => p.startsWith(prefix) && p.endsWith(`（${o.item}）`));
}
