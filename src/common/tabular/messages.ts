/** Wording of the per-cell problems of an import, in Chinese and English. */
import type { EnumOption } from '../org/enums.js';
import { clip } from './text.js';

/** A message in both languages. */
export interface Message {
  zh: string;
  en: string;
}

/** How many option labels a message lists before "…等 N 项". */
const LISTED_OPTIONS = 12;

/** The labels of the options for a message, shortened after a dozen. */
function optionList(options: readonly EnumOption<string | number>[], lang: 'zh' | 'en'): string {
  const labels = options.slice(0, LISTED_OPTIONS).map((o) => o[lang]);
  const more = options.length - labels.length;
  if (lang === 'zh') return labels.join('、') + (more > 0 ? ` 等 ${options.length} 项` : '');
  return labels.join(', ') + (more > 0 ? ` (${options.length} in all)` : '');
}

/** Messages of every cell problem; each takes the offending text and what it needs. */
export const MSG = {
  required: (): Message => ({ zh: '必填，不能为空', en: 'Required; must not be empty' }),
  notInt: (t: string): Message => ({ zh: `“${clip(t)}”不是整数`, en: `"${clip(t)}" is not a whole number` }),
  notNumber: (t: string): Message => ({ zh: `“${clip(t)}”不是数字`, en: `"${clip(t)}" is not a number` }),
  tooSmall: (n: number, min: number): Message => ({
    zh: `不能小于 ${min}（填写的是 ${n}）`,
    en: `Must be at least ${min} (got ${n})`,
  }),
  tooLarge: (n: number, max: number): Message => ({
    zh: `不能大于 ${max}（填写的是 ${n}）`,
    en: `Must be at most ${max} (got ${n})`,
  }),
  notDate: (t: string): Message => ({
    zh: `“${clip(t)}”不是日期，请按 2023-02-03 的格式填写`,
    en: `"${clip(t)}" is not a date; write it as 2023-02-03`,
  }),
  impossibleDate: (t: string): Message => ({
    zh: `日期“${clip(t)}”不存在`,
    en: `"${clip(t)}" is not a real date`,
  }),
  dateRange: (t: string, min: number, max: number): Message => ({
    zh: `日期“${clip(t)}”的年份应在 ${min}–${max} 之间`,
    en: `The year of "${clip(t)}" must be between ${min} and ${max}`,
  }),
  notOption: (t: string, options: readonly EnumOption<string | number>[]): Message => ({
    zh: `“${clip(t)}”不是可选的值，可选：${optionList(options, 'zh')}`,
    en: `"${clip(t)}" is not an allowed value; allowed: ${optionList(options, 'en')}`,
  }),
  notBool: (t: string): Message => ({
    zh: `“${clip(t)}”无法识别，请填写“是”或“否”`,
    en: `"${clip(t)}" is not yes or no; write 是/否, Y/N, true/false or 1/0`,
  }),
  tooLong: (length: number, max: number): Message => ({
    zh: `不能超过 ${max} 个字符（现有 ${length} 个）`,
    en: `Must be at most ${max} characters (has ${length})`,
  }),
  listItem: (index: number, inner: Message): Message => ({
    zh: `第 ${index} 项：${inner.zh}`,
    en: `Item ${index}: ${inner.en}`,
  }),
} as const;
