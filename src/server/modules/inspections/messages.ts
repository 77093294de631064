import type { AuthContext } from '../../platform/auth/types.js';
import { conflict, validationFailed } from '../../platform/errors.js';
import { langOf } from '../../platform/messages.js';

/**
 * The inspections module's error details in the user's language; they fill the platform's validation_failed and
 * conflict messages. Engine messages (template validation, sheet completeness, the state machine) are Chinese
 * already and are passed through as the detail.
 */
const zh = {
  template_invalid: '模板有误：{detail}',
  template_published: '已发布的模板版本不能修改，请先创建新版本',
  template_has_draft: '该模板已有一个草稿版本（第 {version} 版）',
  template_not_published: '只能使用已发布的模板版本',
  template_import: 'Excel 第 {row} 行：{detail}',
  plan_dates: '结束日期不能早于开始日期',
  plan_no_schools: '至少选择一所学校',
  plan_no_inspectors: '至少指定一名督学（自评除外）',
  school_out_of_scope: '学校「{school}」不在您的督导范围内',
  inspector_invalid: '用户 {id} 不是本县的督学或督导人员',
  visit_not_open: '该督导尚未开始（{date}）或已发布，不能评分',
  not_assigned: '您不是该次督导的督学',
  sheet_submitted: '评分表已提交，不能再修改',
  sheet_stale: '评分表已被另一处更新（版本 {revision}），请刷新后再提交',
  sheet_incomplete: '不能提交：{detail}',
  evidence_unknown: '佐证文件 {id} 不存在或不属于该校',
  no_sheets: '还没有已提交的评分表',
  visit_not_scored: '该督导还没有可发布的结果',
  visit_published: '结果已发布',
  objection_closed: '异议期已过（截止 {date}）',
  objection_exists: '该结果已提出过异议',
  objection_decided: '该异议已有决定',
  upload_type: '只能上传图片（JPG/PNG/WEBP/HEIC）或文档（PDF/Word/Excel），收到的是「{type}」',
  upload_size: '文件过大（{size} MB），上限 {limit} MB',
  upload_empty: '没有收到文件',
  problem_transition: '{detail}',
  problem_closed_edit: '已销号的问题不能修改，只能说明理由后重新打开',
  deadline_past: '整改期限 {date} 早于今天',
  finding_unknown: '指标「{code}」不在该督导的评分中',
  finding_exists: '指标「{code}」已登记为问题',
  rescore_invalid: '回头看评分有误：{detail}',
  zone_school_taken: '学校已属于责任区「{zone}」',
  source_invalid: '问题来源须写明模块（module）',
  severity_invalid: '严重程度「{value}」不在设定的等级中（{list}）',
} as const;

export type InspMessage = keyof typeof zh;

const en: Record<InspMessage, string> = {
  template_invalid: 'The template is invalid: {detail}',
  template_published: 'A published template version cannot change; create a new version first',
  template_has_draft: 'This template already has a draft (version {version})',
  template_not_published: 'Only a published template version can be used',
  template_import: 'Excel row {row}: {detail}',
  plan_dates: 'The end date cannot be before the start date',
  plan_no_schools: 'Choose at least one school',
  plan_no_inspectors: 'Name at least one inspector (except for self-assessment)',
  school_out_of_scope: 'The school “{school}” is outside your supervision scope',
  inspector_invalid: 'User {id} is not an inspector of this county',
  visit_not_open: 'This visit has not started ({date}) or is already published; it cannot be scored',
  not_assigned: 'You are not an inspector of this visit',
  sheet_submitted: 'The sheet has been submitted and can no longer change',
  sheet_stale: 'The sheet was updated elsewhere (revision {revision}); reload before submitting',
  sheet_incomplete: 'Cannot submit: {detail}',
  evidence_unknown: 'Evidence file {id} does not exist or is not of this school',
  no_sheets: 'No sheet has been submitted yet',
  visit_not_scored: 'This visit has no result to publish yet',
  visit_published: 'The result is already published',
  objection_closed: 'The objection period has ended ({date})',
  objection_exists: 'An objection to this result was already filed',
  objection_decided: 'This objection has already been decided',
  upload_type: 'Only images (JPG/PNG/WEBP/HEIC) or documents (PDF/Word/Excel) are accepted; got “{type}”',
  upload_size: 'The file is too large ({size} MB); the limit is {limit} MB',
  upload_empty: 'No file received',
  problem_transition: '{detail}',
  problem_closed_edit: 'A closed problem cannot be edited; reopen it with a reason',
  deadline_past: 'The deadline {date} is before today',
  finding_unknown: 'Criterion “{code}” is not part of this visit’s scoring',
  finding_exists: 'Criterion “{code}” is already registered as a problem',
  rescore_invalid: 'The re-check score is invalid: {detail}',
  zone_school_taken: 'The school already belongs to zone “{zone}”',
  source_invalid: 'A problem’s source must name its module',
  severity_invalid: 'Severity “{value}” is not one of the configured levels ({list})',
};

function say(auth: AuthContext | null, key: InspMessage, params: Record<string, unknown> = {}): string {
  const lang = auth ? langOf(auth.user.locale, undefined) : 'zh';
  return (lang === 'en' ? en : zh)[key].replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? ''));
}

/** 400 validation_failed with an inspections message as the detail. */
export const invalid = (auth: AuthContext | null, key: InspMessage, params?: Record<string, unknown>) =>
  validationFailed(say(auth, key, params));

/** 409 conflict with an inspections message as the detail. */
export const clash = (auth: AuthContext | null, key: InspMessage, params?: Record<string, unknown>) =>
  conflict(say(auth, key, params));
