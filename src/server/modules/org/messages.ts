import { type EnumOption, labelOf } from '../../../common/org/enums.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { conflict, validationFailed } from '../../platform/errors.js';
import { type Lang, langOf } from '../../platform/messages.js';

/**
 * The org registry's own error details, in the user's language. They fill the `{detail}` of the platform's
 * `validation_failed` ("提交的数据有误：…") and `conflict` ("与已有记录冲突：…") messages, so the envelope and
 * the codes stay the platform's while the text says exactly what is wrong.
 */
const zh = {
  date_invalid: '{field} 不是有效日期',
  date_order: '结束日期须晚于开始日期',
  date_future: '{field} 不能晚于今天',
  year_overlap: '与学年“{name}”（{start} 至 {end}）的日期重叠',
  year_name_taken: '学年“{name}”已存在',
  year_not_found: '学年不存在',
  year_terms_outside: '学年须包含其学期“{name}”（{start} 至 {end}）',
  term_outside_year: '学期日期须在学年“{year}”（{start} 至 {end}）之内',
  term_overlap: '与学期“{name}”（{start} 至 {end}）的日期重叠',
  term_kind_taken: '学年“{year}”已有{kind}',
  term_not_found: '学期不存在',
  current_not_deletable: '当前学年或学期不能删除',
  year_in_use: '该学年已有学期或班级，不能删除',
  term_in_use: '该学期已有任课安排或学籍记录，不能删除',
  region_parent_invalid: '上级区域须是本县的区县或学区',
  region_county_fixed: '区县本身不能移动或归档',
  region_cycle: '不能把区域移到它自己的下级之下',
  region_has_children: '该区域下还有 {n} 个下级区域，请先处理',
  region_has_schools: '该区域下还有 {n} 所学校，请先调整学校的所属区域',
  region_invalid: '区域不存在',
  school_invalid: '学校不存在或已归档',
  grade_not_in_school: '{school}（{type}）没有{grade}',
  class_taken: '{school}在该学年已有{grade}({no})班',
  class_invalid: '班级不存在或已归档',
  class_move_blocked: '班级已有学生或任课安排，不能改到其他学校',
  class_has_students: '班级还有 {n} 名在读或休学的学生，不能归档',
  head_teacher_school: '班主任须是本校（{school}）在职的教职工',
  staff_invalid: '教职工不存在或已归档',
  staff_no_taken: '工号 {no} 已存在',
  staff_is_head_teacher: '该教职工是本学年 {classes} 的班主任，请先更换班主任',
  staff_teaches_classes: '该教职工本学年仍在原学校任教 {classes}，请先调整任课安排',
  subject_invalid: '学科不存在或已归档',
  assignment_term_year: '学期须属于班级所在的学年',
  assignment_teacher_school: '任课教师须是该班所在学校（{school}）的教职工或教育局人员',
  assignment_taken: '该教师在本学期已担任此班此学科的教学',
  student_no_format: '学籍号须为 6–30 位字母或数字',
  student_no_taken: '学籍号 {no} 已存在',
  student_invalid: '学生不存在或已归档',
  class_other_school: '班级“{class}”不属于学生所在的学校',
  class_not_current: '只能分到当前学年的班级',
  no_current_term: '尚未设置当前学期，请先在“学年学期”中设置',
  transfer_same_class: '学生已在该班级',
  transfer_date_before: '调动日期不能早于当前分班的开始日期（{start}）',
  guardian_taken: '该学生已有名为“{name}”的监护人',
} as const;

export type OrgMessage = keyof typeof zh;

const en: Record<OrgMessage, string> = {
  date_invalid: '{field} is not a valid date',
  date_order: 'The end date must be after the start date',
  date_future: '{field} cannot be later than today',
  year_overlap: 'Overlaps the school year “{name}” ({start} to {end})',
  year_name_taken: 'The school year “{name}” already exists',
  year_not_found: 'No such school year',
  year_terms_outside: 'The school year must contain its term “{name}” ({start} to {end})',
  term_outside_year: 'A term must lie within its school year “{year}” ({start} to {end})',
  term_overlap: 'Overlaps the term “{name}” ({start} to {end})',
  term_kind_taken: 'The school year “{year}” already has a {kind}',
  term_not_found: 'No such term',
  current_not_deletable: 'The current school year or term cannot be deleted',
  year_in_use: 'This school year has terms or classes; it cannot be deleted',
  term_in_use: 'This term has teaching assignments or enrolments; it cannot be deleted',
  region_parent_invalid: 'The parent must be this county or one of its school districts',
  region_county_fixed: 'The county itself cannot be moved or archived',
  region_cycle: 'A region cannot be moved below itself',
  region_has_children: 'This region still has {n} sub-regions',
  region_has_schools: 'This region still has {n} schools; move them first',
  region_invalid: 'No such region',
  school_invalid: 'No such school, or it is archived',
  grade_not_in_school: '{school} ({type}) has no {grade}',
  class_taken: '{school} already has {grade} class {no} in that school year',
  class_invalid: 'No such class, or it is archived',
  class_move_blocked: 'The class has students or teaching assignments; it cannot move to another school',
  class_has_students: 'The class still has {n} enrolled or suspended students',
  head_teacher_school: 'The class teacher must be a current staff member of {school}',
  staff_invalid: 'No such staff member, or archived',
  staff_no_taken: 'Staff number {no} already exists',
  staff_is_head_teacher: 'This person is the class teacher of {classes} this year; assign another class teacher first',
  staff_teaches_classes:
    'This person still teaches {classes} at the former school this year; change those teaching assignments first',
  subject_invalid: 'No such subject, or it is archived',
  assignment_term_year: 'The term must belong to the class’s school year',
  assignment_teacher_school: 'The teacher must be staff of the class’s school ({school}) or of the bureau',
  assignment_taken: 'This teacher already teaches this subject to this class in this term',
  student_no_format: 'The student number must be 6–30 letters or digits',
  student_no_taken: 'Student number {no} already exists',
  student_invalid: 'No such student, or archived',
  class_other_school: 'The class “{class}” is not in the student’s school',
  class_not_current: 'Students can only be placed in classes of the current school year',
  no_current_term: 'No current term is set; set one under school years and terms first',
  transfer_same_class: 'The student is already in that class',
  transfer_date_before: 'The date cannot be before the start of the current placement ({start})',
  guardian_taken: 'The student already has a guardian named “{name}”',
};

const catalogs: Record<Lang, Record<OrgMessage, string>> = { zh, en };

export function langOfUser(auth: AuthContext): Lang {
  return langOf(auth.user.locale, undefined);
}

/** An enumeration's label in the user's language (e.g. 三年级 / Grade 3). */
export function labelFor<V extends string | number>(
  auth: AuthContext,
  list: readonly EnumOption<V>[],
  value: V,
): string {
  return labelOf(list, value, langOfUser(auth));
}

export function say(auth: AuthContext, key: OrgMessage, params: Record<string, unknown> = {}): string {
  return catalogs[langOfUser(auth)][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** 400 validation_failed with an org message as the detail. */
export const invalid = (auth: AuthContext, key: OrgMessage, params?: Record<string, unknown>) =>
  validationFailed(say(auth, key, params));

/** 409 conflict with an org message as the detail. */
export const clash = (auth: AuthContext, key: OrgMessage, params?: Record<string, unknown>) =>
  conflict(say(auth, key, params));
