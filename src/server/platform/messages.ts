/**
 * Server messages in the user's language. Keys are stable; `{name}` placeholders are filled from params.
 * Modules add their own keys here when the text is shown to users.
 */
export type Lang = 'zh' | 'en';

const zh: Record<string, string> = {
  bad_request: '请求有误',
  validation_failed: '提交的数据有误：{detail}',
  unauthenticated: '请先登录',
  bad_credentials: '用户名或密码错误',
  csrf_failed: '页面已过期，请刷新后重试',
  forbidden: '没有权限执行此操作',
  not_found: '记录不存在',
  conflict: '与已有记录冲突：{detail}',
  locked: '账号因多次密码错误已锁定，请于 {minutes} 分钟后再试或联系管理员解锁',
  disabled: '账号已停用，请联系管理员',
  rate_limited: '尝试过于频繁，请稍后再试',
  payload_too_large: '文件过大（上限 {limit}）',
  internal: '服务器内部错误，请稍后再试',
  password_too_short: '新密码至少 8 位',
  password_too_simple: '新密码须同时包含字母和数字',
  password_wrong: '原密码不正确',
  in_use: '该记录正被其他数据引用，已改为归档而不能删除',
  import_not_ready: '导入任务当前状态为“{status}”，不能提交',
  import_kind_unknown: '未知的导入类型：{kind}',
  file_missing: '请选择要上传的文件',
};

const en: Record<string, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Invalid data: {detail}',
  unauthenticated: 'Please sign in',
  bad_credentials: 'Wrong username or password',
  csrf_failed: 'The page has expired; reload and try again',
  forbidden: 'You are not allowed to do this',
  not_found: 'Not found',
  conflict: 'Conflicts with an existing record: {detail}',
  locked: 'The account is locked after repeated wrong passwords; try again in {minutes} minutes or ask an administrator',
  disabled: 'The account is disabled; ask an administrator',
  rate_limited: 'Too many attempts; try again later',
  payload_too_large: 'File too large (limit {limit})',
  internal: 'Internal server error; try again later',
  password_too_short: 'The new password needs at least 8 characters',
  password_too_simple: 'The new password needs letters and digits',
  password_wrong: 'The current password is wrong',
  in_use: 'Other records refer to this one; it was archived instead of deleted',
  import_not_ready: 'The import is “{status}” and cannot be committed',
  import_kind_unknown: 'Unknown import kind: {kind}',
  file_missing: 'Choose a file to upload',
};

const catalogs: Record<Lang, Record<string, string>> = { zh, en };

export function translate(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const text = catalogs[lang][key] ?? catalogs.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The language of a request: the signed-in user's locale, else Accept-Language, else Chinese. */
export function langOf(userLocale: string | undefined, acceptLanguage: string | undefined): Lang {
  if (userLocale) return userLocale.startsWith('en') ? 'en' : 'zh';
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}
