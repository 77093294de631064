import type { ParsedRow } from '../../../common/tabular/types.js';
import type { RowError } from '../../platform/import/kinds.js';

/**
 * Groups imported rows by the period they name (学年 for fitness, 学期 for vision), so each period's placements are
 * one query. A blank cell means the current period; an unknown name, or no current period, is an error on that row.
 */
export function groupRowsByPeriod(
  rows: readonly ParsedRow[],
  opts: {
    /** The column's header, for the error (学年 / 学期). */
    label: string;
    nameOf: (row: ParsedRow) => string | null;
    idOf: (name: string) => number | undefined;
    current: number | undefined;
  },
  errors: RowError[],
): Map<number, ParsedRow[]> {
  const groups = new Map<number, ParsedRow[]>();
  for (const row of rows) {
    const name = opts.nameOf(row);
    const id = name ? opts.idOf(name) : opts.current;
    if (id === undefined) {
      errors.push({
        row: row.rowNumber,
        column: opts.label,
        message: name ? `${opts.label}“${name}”不存在` : `尚未设置当前${opts.label}，请填写${opts.label}`,
      });
      continue;
    }
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}
