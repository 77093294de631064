import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys, parseRows } from '../../../common/tabular/columns.js';
import { readTable } from './read.js';
import { gbk, loadXlsx, STUDENT_SPECS } from './test-fixtures.js';
import { writeTable, writeTemplate } from './write.js';

const STORED = [
  {
    studentNo: 'G001',
    name: '张三',
    gender: 'M',
    birthDate: '2015-03-09',
    grade: 7,
    height: 152.5,
    age: 10,
    boarding: true,
    tags: ['backbone', 'famous_teacher'],
    note: '=1+1',
  },
  {
    studentNo: 'G002',
    name: '李四',
    gender: 'F',
    birthDate: '2014-12-31',
    grade: 12,
    height: null,
    age: null,
    boarding: false,
    tags: null,
    note: '-5分',
  },
];

describe('round trips', () => {
  it('template → filled in Excel → read → parse gives the typed values', async () => {
    const template = await writeTemplate(STUDENT_SPECS, { sheetName: '学生名单', format: 'xlsx' });
    const wb = await loadXlsx(template);
    const ws = wb.getWorksheet('学生名单')!;
    // What a teacher types: labels from the dropdowns, dates as text (the column is text), aliases, spaces.
    ws.addRow(['G001', ' 张三 ', '男', '2015-3-9', '初一', 152.5, 10, '是', '骨干教师、名师', '=1+1']);
    ws.addRow(['G002', '李四', '女', '2014/12/31', '高三', null, null, '否', null, '-5分']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const table = await readTable(filled, '学生名单.xlsx');
    expect(table.headers[0]).toBe('学籍号*');
    const parsed = parseRows(table, STUDENT_SPECS);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.values)).toEqual(STORED);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
  });

  it('a filled template with mistakes reports each with row, column and message', async () => {
    const wb = await loadXlsx(await writeTemplate(STUDENT_SPECS, { sheetName: '学生名单', format: 'xlsx' }));
    const ws = wb.getWorksheet('学生名单')!;
    ws.addRow(['G001', '张三', '男', '2015-02-30']);
    ws.addRow(['G001', '', '男生', '', '', 'abc', 3.5, '也许']);
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 't.xlsx');
    const parsed = parseRows(table, STUDENT_SPECS);
    const duplicates = findDuplicateKeys(parsed.rows, ['studentNo'], parsed.headers);
    expect([...parsed.errors, ...duplicates].map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '出生日期', '日期“2015-02-30”不存在'],
      [3, '姓名*', '必填，不能为空'],
      [3, '性别*', '“男生”不是可选的值，可选：男、女'],
      [3, '身高', '“abc”不是数字'],
      [3, '年龄', '“3.5”不是整数'],
      [3, '是否住校', '“也许”无法识别，请填写“是”或“否”'],
      [3, '学籍号*', '第 3 行与第 2 行重复：学籍号*“G001”'],
    ]);
  });

  it('export → read → parse gives the stored values back (xlsx and both CSV encodings)', async () => {
    for (const opts of [
      { format: 'xlsx' as const, sheetName: '学生' },
      { format: 'csv' as const, sheetName: '学生' },
      { format: 'csv' as const, sheetName: '学生', encoding: 'gbk' as const },
    ]) {
      const buf = await writeTable(STUDENT_SPECS, STORED, opts);
      const parsed = parseRows(await readTable(buf, `x.${opts.format}`), STUDENT_SPECS);
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows.map((r) => r.values)).toEqual(STORED);
    }
  });

  it('a GBK CSV saved by Excel is detected and parsed', async () => {
    const csv = '学籍号,姓名,性别,出生日期,年级\r\nG001,张三,男,2015/3/9,七年级\r\n';
    const table = await readTable(gbk(csv), '学生.csv');
    expect(table.encoding).toBe('gbk');
    expect(parseRows(table, STUDENT_SPECS).rows[0].values).toEqual({
      studentNo: 'G001',
      name: '张三',
      gender: 'M',
      birthDate: '2015-03-09',
      grade: 7,
    });
  });

  it('dates typed into date cells of a workbook (real Excel dates) are read as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['学籍号', '姓名', '性别', '出生日期']);
    ws.addRow(['G1', '张三', '男', new Date(Date.UTC(2015, 2, 9))]);
    ws.addRow(['G2', '李四', '女', 42072]); // a date pasted as its serial number
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(parseRows(table, STUDENT_SPECS).rows.map((r) => r.values.birthDate)).toEqual(['2015-03-09', '2015-03-09']);
  });
});
