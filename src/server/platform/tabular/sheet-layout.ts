/** Layout details shared by the xlsx writers: sheet names, column widths, header labels, cell formats. */
import type { Lang } from '../../../common/tabular/format.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';

/** A sheet name Excel accepts: no []:*?/\ , not blank, at most 31 characters. */
export function safeSheetName(name: string, fallback = 'Sheet1'): string {
  const cleaned = Array.from(
    name
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim(),
  )
    .slice(0, 31)
    .join('');
  return cleaned || fallback;
}

/** Display width of a text in Excel's character units: CJK and full-width characters count twice. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

/** A column width that fits its header and typical values, between 8 and 40. */
export function columnWidth(spec: ColumnSpec, header: string, samples: readonly string[] = []): number {
  const typical: Record<ColumnSpec['type'], number> = {
    text: Math.min(spec.maxLength ?? 16, 30),
    int: 8,
    number: 10,
    date: 12,
    enum: Math.max(0, ...(spec.options ?? []).map((o) => displayWidth(o.zh))),
    bool: 6,
    list: 24,
  };
  const widest = Math.max(displayWidth(header), typical[spec.type], ...samples.map(displayWidth));
  return Math.min(40, Math.max(8, widest + 2));
}

/** Header of a column in an export or template; a template marks required columns with `*`. */
export function headerLabel(spec: ColumnSpec, lang: Lang, markRequired: boolean): string {
  const text = lang === 'zh' ? spec.header : spec.headerEn;
  return markRequired && spec.required ? `${text}*` : text;
}

/**
 * Number format of a column: General for numbers; for dates, text in templates (what is typed stays as typed) and
 * yyyy-mm-dd in exports (real dates); text ("@") otherwise, so Excel keeps ID numbers and leading zeros intact.
 */
export function columnNumFmt(spec: ColumnSpec, mode: 'template' | 'export'): string | undefined {
  if (spec.type === 'int' || spec.type === 'number') return undefined;
  if (spec.type === 'date' && mode === 'export') return 'yyyy-mm-dd';
  return '@';
}
