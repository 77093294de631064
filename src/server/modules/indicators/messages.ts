import type { AuthContext } from '../../platform/auth/types.js';
import { conflict, validationFailed } from '../../platform/errors.js';
import { langOf } from '../../platform/messages.js';

/** The plans/indicators module's error details (zh/en), filling the platform's validation_failed / conflict. */
const zh = {
  source_unknown: '指标来源“{key}”不存在（已注册的来源：{known}）',
  source_params: '来源参数有误：{detail}',
  code_taken: '指标代码“{code}”已存在',
  indicator_unknown: '指标“{code}”不存在',
  unit_invalid: '组织单位“{unit}”无效：请用 school:<学校id> 或 region:<区域id>',
  unit_unknown: '组织单位不存在或不在本县',
  period_unknown: '时段不存在',
  period_overlap: '与{kind}“{name}”（{start} 至 {end}）的日期重叠',
  date_order: '结束日期不能早于开始日期',
  target_needs_baseline: '“较基线变化”目标必须填写基线值',
  target_invalid: '目标值有误：{detail}',
  target_taken: '该单位在该时段已有此指标的目标',
  split_circular: '不能拆分：目标已由上级目标拆分而来，或拆分会形成循环',
  split_not_county: '只能拆分县或学区的目标',
  split_no_schools: '没有可拆分到的学校',
  manual_not_manual: '该指标的值由“{source}”计算，不能手工录入',
  manual_needs_evidence: '手工录入的值必须附证明材料说明',
  already_reviewed: '该记录已审核',
  plan_unknown: '方案不存在',
  task_unknown: '任务不存在',
  task_outside_span: '任务期限 {date} 不在方案起止日期（{start} 至 {end}）之内',
  task_needs_due: '任务须有完成期限或周期规则',
  recurrence_invalid: '周期规则有误：{detail}',
  phase_outside_span: '阶段“{name}”不在方案起止日期之内',
  school_not_responsible: '该学校不是此任务的责任单位',
  filing_not_requested: '该方案未要求学校报送方案',
  filing_not_pending: '只有待审核的方案可以审核',
  goal_target_unknown: '目标不存在',
  file_missing: '请上传文件',
} as const;

export type IndicatorsMessage = keyof typeof zh;

const en: Record<IndicatorsMessage, string> = {
  source_unknown: 'The indicator source “{key}” does not exist (registered sources: {known})',
  source_params: 'Invalid source parameters: {detail}',
  code_taken: 'The indicator code “{code}” already exists',
  indicator_unknown: 'No indicator “{code}”',
  unit_invalid: 'Invalid org unit “{unit}”: use school:<school id> or region:<region id>',
  unit_unknown: 'No such org unit in this county',
  period_unknown: 'No such period',
  period_overlap: 'Overlaps the {kind} “{name}” ({start} to {end})',
  date_order: 'The end date cannot be before the start date',
  target_needs_baseline: 'A change target needs a baseline',
  target_invalid: 'Invalid target: {detail}',
  target_taken: 'This unit already has a target for this indicator and period',
  split_circular: 'Cannot split: the target was itself split from another one, or the split would be circular',
  split_not_county: 'Only county or district targets can be split',
  split_no_schools: 'There are no schools to split into',
  manual_not_manual: 'This indicator is computed by “{source}”; it cannot be entered by hand',
  manual_needs_evidence: 'A value entered by hand needs a description of its evidence',
  already_reviewed: 'Already reviewed',
  plan_unknown: 'No such plan',
  task_unknown: 'No such task',
  task_outside_span: 'The task deadline {date} is outside the plan’s span ({start} to {end})',
  task_needs_due: 'A task needs a deadline or a recurrence',
  recurrence_invalid: 'Invalid recurrence: {detail}',
  phase_outside_span: 'The phase “{name}” lies outside the plan’s span',
  school_not_responsible: 'This school is not responsible for the task',
  filing_not_requested: 'This plan does not ask schools to file plans',
  filing_not_pending: 'Only a filing waiting for review can be reviewed',
  goal_target_unknown: 'No such target',
  file_missing: 'Please upload a file',
};

export function say(auth: AuthContext, key: IndicatorsMessage, params: Record<string, unknown> = {}): string {
  const catalog = langOf(auth.user.locale, undefined) === 'en' ? en : zh;
  return catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** 400 validation_failed with this module's message as the detail. */
export const invalid = (auth: AuthContext, key: IndicatorsMessage, params?: Record<string, unknown>) =>
  validationFailed(say(auth, key, params));

/** 409 conflict with this module's message as the detail. */
export const clash = (auth: AuthContext, key: IndicatorsMessage, params?: Record<string, unknown>) =>
  conflict(say(auth, key, params));
