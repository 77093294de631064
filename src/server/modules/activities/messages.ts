import type { AuthContext } from '../../platform/auth/types.js';
import { conflict, validationFailed } from '../../platform/errors.js';
import { langOf } from '../../platform/messages.js';

/**
 * The teaching routine's own error details, in the user's language; they fill the `{detail}` of the platform's
 * `validation_failed` and `conflict` messages (like org/messages.ts).
 */
const zh = {
  not_staff: '只有关联了教职工的账号才能登记本记录',
  date_invalid: '{field} 不是有效日期',
  date_future: '{field}（{date}）不能晚于今天',
  teacher_invalid: '被听课教师不存在或已离职',
  teacher_outside_scope: '{name} 不在您可听课的范围内（您可听课的学校之外）',
  teacher_self: '不能给自己听课评课',
  class_other_school: '班级不属于被听课教师所在的学校',
  subject_invalid: '学科不存在或已归档',
  rubric_invalid: '评课量表不存在或已停用',
  score_missing: '评课量表的“{criterion}”未打分',
  score_invalid: '“{criterion}”的等级须为 1–{levels} 的整数',
  score_unknown: '评课量表没有评价项“{criterion}”',
  duplicate_observation: '您已登记过 {date} 第 {period} 节 {name} 的课',
  only_teacher_acknowledges: '只有被听课教师本人可以确认评课意见',
  open_lesson_invalid: '公开课不存在或不在您的范围内',
  rule_code_taken: '规则编码“{code}”已存在',
  rule_role_required: '个人规则须指定角色',
  rule_group_required: '组规则须指定组类别',
  rule_per_head: '按人数比例的目标只用于学校规则，且须指定计人角色',
  school_outside_scope: '学校不在您的管理范围内',
  staff_invalid: '教职工不存在、已离职或不在本校',
  staff_outside_scope: '{name} 不在您的范围内',
  group_invalid: '备课组不存在或不属于本校',
  course_invalid: '培训课程不存在或已停用',
  training_hours_over: '登记学时 {hours} 超过课程“{course}”的学时 {max}',
  training_taken: '{name} 已登记过课程“{course}”',
  student_invalid: '学生不存在或已离校',
  student_other_school: '学生 {name} 不是家访人所在学校（{school}）的学生',
  class_invalid: '班级不存在或不在您的范围内',
  minutes_invalid: '作业时长须为 0–600 分钟（收到 {minutes}）',
  pair_invalid: '师徒结对不存在或不在您的范围内',
  pair_same: '师傅和徒弟不能是同一人',
  no_calendar: '本县尚未设置学年学期',
} as const;

export type ActivitiesMessage = keyof typeof zh;

const en: Record<ActivitiesMessage, string> = {
  not_staff: 'Only accounts linked to a staff member can record this',
  date_invalid: '{field} is not a valid date',
  date_future: '{field} ({date}) cannot be later than today',
  teacher_invalid: 'No such teacher, or no longer in post',
  teacher_outside_scope: '{name} is outside the schools you may observe',
  teacher_self: 'You cannot observe your own lesson',
  class_other_school: 'The class is not in the observed teacher’s school',
  subject_invalid: 'No such subject, or archived',
  rubric_invalid: 'No such rubric, or archived',
  score_missing: 'The criterion “{criterion}” has no score',
  score_invalid: 'The level of “{criterion}” must be a whole number 1–{levels}',
  score_unknown: 'The rubric has no criterion “{criterion}”',
  duplicate_observation: 'You already recorded {name}’s lesson on {date}, period {period}',
  only_teacher_acknowledges: 'Only the observed teacher can acknowledge the feedback',
  open_lesson_invalid: 'No such open lesson, or outside your scope',
  rule_code_taken: 'The rule code “{code}” already exists',
  rule_role_required: 'A person rule needs a role',
  rule_group_required: 'A group rule needs a group kind',
  rule_per_head: 'A per-head target is only for school rules and needs the role counted',
  school_outside_scope: 'The school is outside your management',
  staff_invalid: 'No such staff member in this school, or no longer in post',
  staff_outside_scope: '{name} is outside your scope',
  group_invalid: 'No such preparation group in this school',
  course_invalid: 'No such training course, or archived',
  training_hours_over: '{hours} hours exceed the {max} hours of the course “{course}”',
  training_taken: '{name} already has a record for the course “{course}”',
  student_invalid: 'No such student, or no longer at school',
  student_other_school: 'The student {name} is not a student of the visitor’s school ({school})',
  class_invalid: 'No such class, or outside your scope',
  minutes_invalid: 'Homework minutes must be 0–600 (got {minutes})',
  pair_invalid: 'No such mentoring pair, or outside your scope',
  pair_same: 'Mentor and mentee must be different people',
  no_calendar: 'The county has no school years and terms yet',
};

function text(auth: AuthContext, key: ActivitiesMessage, params: Record<string, unknown>): string {
  const catalog = langOf(auth.user.locale, undefined) === 'en' ? en : zh;
  return catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** 400 validation_failed with this module's detail. */
export function invalid(auth: AuthContext, key: ActivitiesMessage, params: Record<string, unknown> = {}) {
  return validationFailed(text(auth, key, params), [{ code: key }]);
}

/** 409 conflict with this module's detail. */
export function clash(auth: AuthContext, key: ActivitiesMessage, params: Record<string, unknown> = {}) {
  const e = conflict(text(auth, key, params));
  return e;
}

export const messagesForTest = { zh, en };
