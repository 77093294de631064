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
  // admin: accounts and the audit log
  admin_username_invalid: '用户名须为 3–32 位英文字母、数字或 _ . -',
  admin_username_taken: '用户名“{username}”已被使用',
  admin_display_name_required: '请填写姓名',
  admin_staff_invalid: '教职工不存在或已归档（编号 {id}）',
  admin_staff_taken: '该教职工已关联账号 {username}',
  admin_staff_outside_scope: '只能关联本单位的教职工',
  admin_role_unknown: '未知的角色：{role}',
  admin_role_derived: '“{label}”不能授予：班主任和任课教师由班级和任课安排自动确定',
  admin_grant_field_required: '“{label}”须指定{field}',
  admin_grant_field_not_allowed: '“{label}”不能指定{field}',
  admin_grant_region_or_school: '“{label}”须指定一个区域或一所学校（二选一）',
  admin_grant_region_invalid: '区域不存在或不属于本县（编号 {id}）',
  admin_grant_school_invalid: '学校不存在、已归档或不属于本县（编号 {id}）',
  admin_grant_subject_invalid: '学科不存在、已归档或不属于本县（编号 {id}）',
  admin_grant_grade_invalid: '{school}没有{grade}',
  admin_grant_forbidden: '您无权授予或管理“{label}”角色（超出您的管理范围）',
  admin_account_needs_scope: '请为账号授予本单位的角色，或关联本单位的教职工',
  admin_cannot_disable_self: '不能停用自己的账号',
  admin_own_password: '请在“修改密码”中修改自己的密码',
  admin_last_admin: '须至少保留一名未停用的县级教育局管理员',
  admin_audit_bad_date: '日期格式有误（{field}），请使用 YYYY-MM-DD',
  admin_field_regionId: '区域',
  admin_field_schoolId: '学校',
  admin_field_gradeLevel: '年级',
  admin_field_subjectId: '学科',
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
  locked:
    'The account is locked after repeated wrong passwords; try again in {minutes} minutes or ask an administrator',
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
  // admin: accounts and the audit log
  admin_username_invalid: 'The username must be 3–32 letters, digits or _ . -',
  admin_username_taken: 'The username “{username}” is already taken',
  admin_display_name_required: 'Enter the name',
  admin_staff_invalid: 'No such staff member, or archived (id {id})',
  admin_staff_taken: 'This staff member already has the account {username}',
  admin_staff_outside_scope: 'You can only link staff of your own school or region',
  admin_role_unknown: 'Unknown role: {role}',
  admin_role_derived:
    '“{label}” is not granted: class and subject teachers follow from classes and teaching assignments',
  admin_grant_field_required: '“{label}” needs a {field}',
  admin_grant_field_not_allowed: '“{label}” takes no {field}',
  admin_grant_region_or_school: '“{label}” needs either a region or a school (one of them)',
  admin_grant_region_invalid: 'No such region in this county (id {id})',
  admin_grant_school_invalid: 'No such school in this county, or archived (id {id})',
  admin_grant_subject_invalid: 'No such subject in this county, or archived (id {id})',
  admin_grant_grade_invalid: '{school} has no {grade}',
  admin_grant_forbidden: 'You may not grant or manage the role “{label}” (outside what you manage)',
  admin_account_needs_scope: 'Grant the account a role in your school or region, or link it to one of your staff',
  admin_cannot_disable_self: 'You cannot disable your own account',
  admin_own_password: 'Change your own password under “Change password”',
  admin_last_admin: 'At least one enabled county bureau administrator must remain',
  admin_audit_bad_date: 'Bad date ({field}); use YYYY-MM-DD',
  admin_field_regionId: 'region',
  admin_field_schoolId: 'school',
  admin_field_gradeLevel: 'grade',
  admin_field_subjectId: 'subject',
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
