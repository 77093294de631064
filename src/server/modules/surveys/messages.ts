import type { AuthContext } from '../../platform/auth/types.js';
import { conflict, validationFailed } from '../../platform/errors.js';
import { type Lang, langOf } from '../../platform/messages.js';

/** The surveys module's own error details (the {detail} of validation_failed / conflict), zh and en. */
const zh = {
  definition_invalid: '问卷定义有误：{problems}',
  survey_not_found: '问卷不存在或已归档',
  campaign_not_found: '测评不存在',
  campaign_schools: '只能对本人管理的学校发起测评',
  campaign_audience: '测评对象须与问卷对象（{audience}）一致',
  campaign_window: '结束时间须晚于开始时间',
  campaign_no_units: '所选学校和年级下没有班级',
  campaign_previous: '上一轮测评须是同一问卷的测评',
  tokens_open_mode: '开放链接方式的测评不发放一次性填写码',
  tokens_too_many: '一次最多生成 {max} 个填写码',
  unit_not_found: '班级或学校不在该测评中',
  import_json: '不是有效的 JSON：{error}',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  definition_invalid: 'The survey definition is invalid: {problems}',
  survey_not_found: 'No such survey, or archived',
  campaign_not_found: 'No such campaign',
  campaign_schools: 'You can only open campaigns for schools you manage',
  campaign_audience: 'The campaign audience must match the survey’s ({audience})',
  campaign_window: 'The end must be after the start',
  campaign_no_units: 'The chosen schools and grades have no classes',
  campaign_previous: 'The previous campaign must be one of the same survey',
  tokens_open_mode: 'Open-link campaigns do not use single-use codes',
  tokens_too_many: 'At most {max} codes at a time',
  unit_not_found: 'That class or school is not part of the campaign',
  import_json: 'Not valid JSON: {error}',
};
const catalogs: Record<Lang, Record<Key, string>> = { zh, en };

export function say(auth: AuthContext, key: Key, params: Record<string, unknown> = {}): string {
  return catalogs[langOf(auth.user.locale, undefined)][key].replace(/\{(\w+)\}/g, (_, n: string) =>
    String(params[n] ?? ''),
  );
}
export const invalid = (auth: AuthContext, key: Key, params?: Record<string, unknown>) =>
  validationFailed(say(auth, key, params));
export const clash = (auth: AuthContext, key: Key, params?: Record<string, unknown>) =>
  conflict(say(auth, key, params));

/**
 * Messages of the public answer page (no account, so no locale: always Chinese, the page's language). Each is
 * a reason a submission was refused; the page shows it as is.
 */
export const PUBLIC_MESSAGES = {
  not_found: '链接或填写码无效，请核对后重试',
  token_used: '该填写码已经使用过，每户只能填写一次',
  not_open: '本次测评尚未开始',
  closed: '本次测评已结束',
  rate_limited: '提交过于频繁，请稍后再试',
  invalid: '答卷有误：{detail}',
  malformed: '提交的数据格式不正确',
} as const;
export type PublicMessage = keyof typeof PUBLIC_MESSAGES;
