/** Human descriptions of columns, for the template's 说明 sheet and the import page's help. */
import { MAX_YEAR, MIN_YEAR } from './dates.js';
import type { ColumnSpec } from './types.js';

/** One line of the description of a column. */
export interface ColumnDescription {
  header: string;
  required: string;
  format: string;
  allowed: string;
  note: string;
  example: string;
}

/** The allowed range of a number column, as a clause of the format hint. */
function range(spec: ColumnSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return `，${spec.min} 至 ${spec.max}`;
  if (spec.min !== undefined) return `，不小于 ${spec.min}`;
  if (spec.max !== undefined) return `，不大于 ${spec.max}`;
  return '';
}

/** What to type in a column, in Chinese. */
export function formatHint(spec: ColumnSpec): string {
  const length = spec.maxLength !== undefined ? `，最多 ${spec.maxLength} 个字符` : '';
  switch (spec.type) {
    case 'text':
      return `文本${length}`;
    case 'int':
      return `整数${range(spec)}`;
    case 'number':
      return `数字${range(spec)}（可带小数，百分数如 95.3% 按 0.953 读入）`;
    case 'date':
      return `日期，如 2023-02-03（也可写 2023/2/3、20230203），年份 ${MIN_YEAR}–${MAX_YEAR}`;
    case 'enum':
      return '从下拉列表中选择';
    case 'bool':
      return '是 / 否';
    case 'list':
      return `可填多个，用顿号“、”或逗号分隔${spec.options ? '，每项为可选值之一' : length}`;
  }
}

/** Describes a column: header, 是/否 required, format, allowed values, note, example. */
export function describeColumn(spec: ColumnSpec): ColumnDescription {
  const allowed =
    spec.type === 'bool'
      ? '是、否'
      : spec.options
        ? spec.options.map((o) => o.zh).join('、') +
          (spec.aliases ? `（也可写：${Object.keys(spec.aliases).join('、')}）` : '')
        : '';
  return {
    header: spec.header,
    required: spec.required ? '是' : '否',
    format: formatHint(spec),
    allowed,
    note: spec.note ?? '',
    example: spec.example ?? '',
  };
}
