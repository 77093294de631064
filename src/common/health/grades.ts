/**
 * Grade labels used in schools → the standard's grade codes (scores.csv `grade_code`). Grouping from rules.json
 * `test_items_by_group.grouping`: 小学、初中、高中每个年级一组; 大学一、二年级一组, 三、四年级一组.
 */
import type { GradeCode } from './standard.js';

const LABELS: Record<string, GradeCode> = {
  一年级: 'P1',
  二年级: 'P2',
  三年级: 'P3',
  四年级: 'P4',
  五年级: 'P5',
  六年级: 'P6',
  初一: 'J1',
  七年级: 'J1',
  初二: 'J2',
  八年级: 'J2',
  初三: 'J3',
  九年级: 'J3',
  高一: 'S1',
  高二: 'S2',
  高三: 'S3',
  大一: 'U12',
  大二: 'U12',
  大三: 'U34',
  大四: 'U34',
};

/** The grade labels accepted (for messages). */
export const GRADE_LABELS = Object.keys(LABELS);

/**
 * Parses a grade label (一年级…六年级, 初一/七年级…初三/九年级, 高一…高三, 大一…大四; spaces ignored, a grade code
 * such as "J2" also accepted) to the standard's grade code; null if not a grade the standard covers.
 */
export function parseGrade(label: string): GradeCode | null {
  const t = label.trim().replace(/\s+/g, '');
  if (t in LABELS) return LABELS[t];
  const upper = t.toUpperCase();
  return (Object.values(LABELS) as string[]).includes(upper) ? (upper as GradeCode) : null;
}

/** The BMI group of a grade code: bmi.csv has one group `U` for all four 大学 years. */
export function bmiGroupOf(code: GradeCode): string {
  return code.startsWith('U') ? 'U' : code;
}

/** Parses 性别: 男/M/male → M, 女/F/female → F; null otherwise. */
export function parseSex(text: string): 'M' | 'F' | null {
  const t = text.trim().toLowerCase();
  if (t === '男' || t === '男生' || t === 'm' || t === 'male') return 'M';
  if (t === '女' || t === '女生' || t === 'f' || t === 'female') return 'F';
  return null;
}
