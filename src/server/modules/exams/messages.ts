import type { AuthContext } from '../../platform/auth/types.js';
import { conflict, validationFailed } from '../../platform/errors.js';
import { type Lang, langOf } from '../../platform/messages.js';

/** The exams module's error details in the user's language (they fill the platform's validation/conflict messages). */
const zh = {
  term_invalid: '学期不存在',
  school_invalid: '参考学校不存在或已归档：{id}',
  owner_not_participant: '校内考试只能由本校参加',
  subject_invalid: '科目不存在：{id}',
  subject_twice: '科目重复：{name}',
  prior_invalid: '增值对比的前次考试须是本县另一场考试',
  scores_exist: '该科目已有成绩，不能删除；可重新导入以替换',
  paper_sum: '{subject}各小题满分之和 {sum} 与科目满分 {full} 不一致',
  exam_archived: '考试已归档',
  no_scores: '该考试还没有成绩',
  jobs_unavailable: '后台任务未启动',
};
type ExamMessage = keyof typeof zh;

const en: Record<ExamMessage, string> = {
  term_invalid: 'The term does not exist',
  school_invalid: 'Participating school not found or archived: {id}',
  owner_not_participant: 'A school exam is taken by its own school only',
  subject_invalid: 'Subject not found: {id}',
  subject_twice: 'Subject listed twice: {name}',
  prior_invalid: 'The prior exam for value added must be another exam of this county',
  scores_exist: 'This subject has scores and cannot be removed; import again to replace them',
  paper_sum: 'The items of {subject} add up to {sum}, not the full marks {full}',
  exam_archived: 'The exam is archived',
  no_scores: 'The exam has no scores yet',
  jobs_unavailable: 'Background jobs are not running',
};

const catalogs: Record<Lang, Record<ExamMessage, string>> = { zh, en };

export function say(auth: AuthContext, key: ExamMessage, params: Record<string, unknown> = {}): string {
  const lang = langOf(auth.user.locale, undefined);
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export const invalid = (auth: AuthContext, key: ExamMessage, params?: Record<string, unknown>) =>
  validationFailed(say(auth, key, params));
export const clash = (auth: AuthContext, key: ExamMessage, params?: Record<string, unknown>) =>
  conflict(say(auth, key, params));
