import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../common/tabular/types.js';
import type { RowError } from '../../platform/import/kinds.js';
import { groupRowsByPeriod } from './group-rows.js';

const row = (rowNumber: number, year: string | null) =>
  ({ rowNumber, values: { schoolYear: year } }) as unknown as ParsedRow;
const ids = new Map([['2025-2026学年', 7]]);
const group = (rows: ParsedRow[], current: number | undefined, errors: RowError[]) =>
  groupRowsByPeriod(
    rows,
    { label: '学年', nameOf: (r) => r.values.schoolYear as string | null, idOf: (n) => ids.get(n), current },
    errors,
  );

describe('grouping imported rows by period', () => {
  it('puts named and blank (current) rows in their period, in file order', () => {
    const errors: RowError[] = [];
    const groups = group([row(2, '2025-2026学年'), row(3, null), row(4, '2025-2026学年')], 9, errors);
    expect(errors).toEqual([]);
    expect([...groups.entries()].map(([id, rs]) => [id, rs.map((r) => r.rowNumber)])).toEqual([
      [7, [2, 4]],
      [9, [3]],
    ]);
  });

  it('refuses an unknown period and a blank one when no period is current, by row', () => {
    const errors: RowError[] = [];
    const groups = group([row(2, '2030学年'), row(3, null)], undefined, errors);
    expect(groups.size).toBe(0);
    expect(errors).toEqual([
      { row: 2, column: '学年', message: '学年“2030学年”不存在' },
      { row: 3, column: '学年', message: '尚未设置当前学年，请填写学年' },
    ]);
  });
});
