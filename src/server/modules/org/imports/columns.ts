import { GRADE_ALIASES, GRADE_LEVELS, TERM_KINDS } from '../../../../common/org/enums.js';
import type { ColumnSpec } from '../../../../common/tabular/types.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { maskPhone } from '../../../platform/list.js';
import { orgPolicy } from '../policy.js';

/**
 * Columns that several registry imports have, defined once so that a header, a pattern or an example reads the
 * same in every template. A kind that needs its own note spreads the shared spec and adds it
 * (`{ ...gradeLevelColumn, note: '…' }`); the specs are never mutated, so sharing the objects is safe.
 */

/** 学籍号: the national student number (G + 18 characters) or a local number; letters and digits. */
export const STUDENT_NO_PATTERN = /^[A-Za-z0-9]{6,30}$/;

/** 联系电话 in the registry's imports: digits only, 7–20 of them (mobile or landline with area code). */
export const PHONE_PATTERN = {
  regex: /^[0-9]{7,20}$/,
  message: '联系电话应为 7–20 位数字',
  messageEn: 'A phone number is 7–20 digits',
};

export const studentNoColumn: ColumnSpec = {
  key: 'studentNo',
  header: '学籍号',
  headerEn: 'Student number',
  required: true,
  type: 'text',
  pattern: { regex: STUDENT_NO_PATTERN, message: '学籍号应为 6–30 位字母或数字' },
  example: 'G330100201504011234',
};

/** 学校代码 of the school a row belongs to (staff have their own: optional there, empty for bureau staff). */
export const schoolCodeColumn: ColumnSpec = {
  key: 'schoolCode',
  header: '学校代码',
  headerEn: 'School code',
  required: true,
  type: 'text',
  example: '3301000001',
};

/** 学年 naming an existing school year, as 2025-2026 (the terms import, which creates years, has its own). */
export const schoolYearColumn: ColumnSpec = {
  key: 'schoolYear',
  header: '学年',
  headerEn: 'School year',
  required: true,
  type: 'text',
  maxLength: 20,
  example: '2025-2026',
};

/** 学期 (上学期/下学期); the key differs between kinds, so this builds the spec around it. */
export function termKindColumn(key: string): ColumnSpec {
  return {
    key,
    header: '学期',
    headerEn: 'Term',
    required: true,
    type: 'enum',
    options: TERM_KINDS,
    example: '上学期',
  };
}

export const gradeLevelColumn: ColumnSpec = {
  key: 'gradeLevel',
  header: '年级',
  headerEn: 'Grade',
  required: true,
  type: 'enum',
  options: GRADE_LEVELS,
  aliases: GRADE_ALIASES,
  example: '三年级',
};

export const classNoColumn: ColumnSpec = {
  key: 'classNo',
  header: '班号',
  headerEn: 'Class number',
  required: true,
  type: 'int',
  min: 1,
  max: 99,
  example: '2',
};

export const phoneColumn: ColumnSpec = {
  key: 'phone',
  header: '联系电话',
  headerEn: 'Phone',
  type: 'text',
  pattern: PHONE_PATTERN,
  example: '13800001234',
};

/**
 * A phone number as an export shows it: whole to users who manage the record's school (they keep and re-import
 * the register), masked like the lists to everyone else who may see the row (PIPL: only what a role needs).
 */
export function phoneFor(auth: AuthContext, schoolId: number | null, phone: string | null): string | null {
  return orgPolicy.manageSchool(auth, schoolId) ? phone : maskPhone(phone);
}
