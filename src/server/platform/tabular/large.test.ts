import { describe, expect, it } from 'vitest';
import { parseRows } from '../../../common/tabular/columns.js';
import { readTable } from './read.js';
import { STUDENT_SPECS } from './test-fixtures.js';
import { writeTable } from './write.js';

const COUNT = 40_000;

function* students() {
  for (let i = 0; i < COUNT; i++) {
    yield {
      studentNo: `G${String(i).padStart(8, '0')}`,
      name: `学生${i}`,
      gender: i % 2 ? 'F' : 'M',
      birthDate: `2015-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      grade: (i % 12) + 1,
      height: 100 + (i % 100) / 2,
      age: 6 + (i % 12),
      boarding: i % 3 === 0,
      tags: i % 5 === 0 ? ['backbone'] : null,
      note: i % 7 === 0 ? `=HYPERLINK("x${i}")` : `备注${i}`,
    };
  }
}

describe('40,000 rows', () => {
  it('writes an xlsx and reads it back intact', async () => {
    const buf = await writeTable(STUDENT_SPECS, students(), { format: 'xlsx', sheetName: '学生' });
    const table = await readTable(buf, 'big.xlsx');
    expect(table.rows).toHaveLength(COUNT);
    expect(table.rows[COUNT - 1].rowNumber).toBe(COUNT + 1);
    const parsed = parseRows(table, STUDENT_SPECS);
    expect(parsed.errors).toEqual([]);
    const expected = [...students()];
    expect(parsed.rows.map((r) => r.values)).toEqual(expected);
  });

  it('writes a GBK CSV and reads it back intact', async () => {
    const buf = await writeTable(STUDENT_SPECS, students(), { format: 'csv', sheetName: '学生', encoding: 'gbk' });
    const table = await readTable(buf, 'big.csv');
    expect(table.encoding).toBe('gbk');
    const parsed = parseRows(table, STUDENT_SPECS);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[12_345].values).toEqual([...students()][12_345]);
    expect(parsed.rows).toHaveLength(COUNT);
  });
});
