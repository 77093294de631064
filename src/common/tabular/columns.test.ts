import { describe, expect, it } from 'vitest';
import { GENDERS, GRADE_ALIASES, GRADE_LEVELS, STAFF_TIERS } from '../org/enums.js';
import { findDuplicateKeys, matchHeaders, parseRows } from './columns.js';
import type { ColumnSpec, Table } from './types.js';

const SPECS: ColumnSpec[] = [
  {
    key: 'studentNo',
    header: '学籍号',
    headerEn: 'Student number',
    required: true,
    type: 'text',
    maxLength: 12,
    pattern: { regex: /^[A-Z0-9]+$/, message: '学籍号只能包含大写字母和数字' },
  },
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, type: 'text', maxLength: 4 },
  { key: 'gender', header: '性别', headerEn: 'Gender', required: true, type: 'enum', options: GENDERS },
  { key: 'birthDate', header: '出生日期', headerEn: 'Birth date', type: 'date' },
  { key: 'grade', header: '年级', headerEn: 'Grade', type: 'enum', options: GRADE_LEVELS, aliases: GRADE_ALIASES },
  { key: 'height', header: '身高', headerEn: 'Height', type: 'number', min: 50, max: 250 },
  { key: 'age', header: '年龄', headerEn: 'Age', type: 'int', min: 3, max: 25 },
  { key: 'boarding', header: '是否住校', headerEn: 'Boarding', type: 'bool' },
  { key: 'tiers', header: '称号', headerEn: 'Titles', type: 'list', options: STAFF_TIERS },
  { key: 'hobbies', header: '爱好', headerEn: 'Hobbies', type: 'list', maxLength: 4 },
];

const HEADERS = SPECS.map((s) => s.header);

/** A table with the full header row and data rows starting at row 2. */
function table(...rows: Record<string, string>[]): Table {
  return {
    headers: HEADERS,
    headerRowNumber: 1,
    rows: rows.map((r, i) => ({ rowNumber: i + 2, cells: SPECS.map((s) => r[s.key] ?? '') })),
  };
}

const GOOD = { studentNo: 'G001', name: '张三', gender: '男' };

/** Parses one cell of a column in an otherwise valid row: its value, or its one problem. */
function one(key: string, text: string): { value?: unknown; error?: string; column?: string; row?: number } {
  const result = parseRows(table({ ...GOOD, [key]: text }), SPECS);
  if (result.errors.length === 0) return { value: result.rows[0].values[key] };
  expect(result.errors).toHaveLength(1);
  const [e] = result.errors;
  return { error: e.message, column: e.column, row: e.row };
}

describe('matchHeaders', () => {
  it('accepts the Chinese header, the English header or the key, loosely', () => {
    const m = matchHeaders(['学籍号*', ' NAME ', 'gender', '出生 日期', '＊年级', '身高（必填）', 'AGE'], SPECS);
    expect(m.errors).toEqual([]);
    expect(m.columns).toEqual({ studentNo: 0, name: 1, gender: 2, birthDate: 3, grade: 4, height: 5, age: 6 });
    expect(m.headers.name).toBe('NAME');
  });

  it('reports missing required columns, unknown and repeated columns on the header row', () => {
    const m = matchHeaders(['姓名', '班主任', '', 'Name', '年龄'], SPECS, { headerRowNumber: 3 });
    expect(m.errors).toEqual([
      {
        row: 3,
        column: '班主任',
        message: '无法识别的列“班主任”（B 列），请使用模板中的列名',
        messageEn: 'Unknown column "班主任" (column B); use the template\'s headers',
      },
      {
        row: 3,
        column: 'Name',
        message: '列“Name”重复（A 列和 D 列）',
        messageEn: 'Column "Name" appears twice (columns A and D)',
      },
      {
        row: 3,
        column: '学籍号',
        message: '缺少必填列“学籍号”',
        messageEn: 'Missing required column "Student number"',
      },
      { row: 3, column: '性别', message: '缺少必填列“性别”', messageEn: 'Missing required column "Gender"' },
    ]);
    expect(m.columns).toEqual({ name: 0, age: 4 });
  });

  it('can ignore unknown columns', () => {
    expect(matchHeaders(['学籍号', '姓名', '性别', '班主任'], SPECS, { ignoreUnknownHeaders: true }).errors).toEqual(
      [],
    );
  });
});

describe('parseRows: values', () => {
  it('parses a good row into typed values; empty optional cells are null', () => {
    const result = parseRows(
      table({
        studentNo: ' g００１ '.toUpperCase(),
        name: '　张三　',
        gender: 'Female',
        birthDate: '2015/3/9',
        grade: '初一',
        height: '１５２.５',
        age: '10',
        boarding: 'Y',
        tiers: '骨干教师、名师；backbone',
        hobbies: '书法, 围棋，绘画',
      }),
      SPECS,
    );
    expect(result.errors).toEqual([]);
    expect(result.fatal).toBe(false);
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          studentNo: 'G001',
          name: '张三',
          gender: 'F',
          birthDate: '2015-03-09',
          grade: 7,
          height: 152.5,
          age: 10,
          boarding: true,
          tiers: ['backbone', 'famous_teacher'],
          hobbies: ['书法', '围棋', '绘画'],
        },
      },
    ]);
    expect(parseRows(table(GOOD), SPECS).rows[0].values).toMatchObject({ birthDate: null, tiers: null, age: null });
  });

  it('leaves out keys of columns the file does not have', () => {
    const t: Table = { headers: ['学籍号', '姓名', '性别'], rows: [{ rowNumber: 2, cells: ['G1', '张三', '男'] }] };
    expect(parseRows(t, SPECS).rows[0].values).toEqual({ studentNo: 'G1', name: '张三', gender: 'M' });
  });

  it('accepts dates as 2023-2-3, 2023/02/03, 20230203, 2023年2月3日, Excel serials and with a time', () => {
    for (const text of ['2023-02-03', '2023-2-3', '2023/02/03', '2023.2.3', '20230203', '2023年2月3日', '44960']) {
      expect(one('birthDate', text)).toEqual({ value: '2023-02-03' });
    }
    expect(one('birthDate', '２０２３－０２－０３')).toEqual({ value: '2023-02-03' });
    expect(one('birthDate', '2023-02-03 08:30:00')).toEqual({ value: '2023-02-03' });
    expect(one('birthDate', '2024-02-29')).toEqual({ value: '2024-02-29' });
  });

  it('refuses impossible dates and non-dates', () => {
    expect(one('birthDate', '2023-02-30')).toEqual({ row: 2, column: '出生日期', error: '日期“2023-02-30”不存在' });
    expect(one('birthDate', '2023-02-29')).toEqual({ row: 2, column: '出生日期', error: '日期“2023-02-29”不存在' });
    expect(one('birthDate', '2023-13-01').error).toBe('日期“2023-13-01”不存在');
    expect(one('birthDate', '三月五日').error).toBe('“三月五日”不是日期，请按 2023-02-03 的格式填写');
    expect(one('birthDate', '2023').error).toBe('“2023”不是日期，请按 2023-02-03 的格式填写');
    expect(one('birthDate', '1850-01-01').error).toBe('日期“1850-01-01”的年份应在 1900–2100 之间');
  });

  it('reads numbers with full-width digits, separators and percent; refuses text', () => {
    expect(one('height', '１２０')).toEqual({ value: 120 });
    expect(one('height', '1,20.5').error).toBe('“1,20.5”不是数字');
    expect(one('height', '一百二')).toEqual({ row: 2, column: '身高', error: '“一百二”不是数字' });
    expect(one('height', '251')).toEqual({ row: 2, column: '身高', error: '不能大于 250（填写的是 251）' });
    expect(one('height', '49.9').error).toBe('不能小于 50（填写的是 49.9）');
  });

  it('reads integers; refuses decimals and text', () => {
    expect(one('age', '１２')).toEqual({ value: 12 });
    expect(one('age', '12.0')).toEqual({ value: 12 });
    expect(one('age', '12.5')).toEqual({ row: 2, column: '年龄', error: '“12.5”不是整数' });
    expect(one('age', '十二').error).toBe('“十二”不是整数');
    expect(one('age', '2').error).toBe('不能小于 3（填写的是 2）');
  });

  it('reads enums by Chinese label, English label, value or alias', () => {
    expect(one('gender', '女')).toEqual({ value: 'F' });
    expect(one('gender', 'male')).toEqual({ value: 'M' });
    expect(one('gender', 'F')).toEqual({ value: 'F' });
    expect(one('grade', '高一')).toEqual({ value: 10 });
    expect(one('grade', '9')).toEqual({ value: 9 });
    expect(one('grade', '初三')).toEqual({ value: 9 });
    expect(one('gender', '未知')).toEqual({ row: 2, column: '性别', error: '“未知”不是可选的值，可选：男、女' });
    expect(one('grade', '初四').error).toBe(
      '“初四”不是可选的值，可选：一年级、二年级、三年级、四年级、五年级、六年级、七年级、八年级、九年级、高一、高二、高三',
    );
  });

  it('reads booleans as 是/否, Y/N, true/false, 1/0', () => {
    for (const t of ['是', 'Y', 'yes', 'TRUE', '1', '１']) expect(one('boarding', t)).toEqual({ value: true });
    for (const t of ['否', 'n', 'No', 'false', '0']) expect(one('boarding', t)).toEqual({ value: false });
    expect(one('boarding', '住')).toEqual({ row: 2, column: '是否住校', error: '“住”无法识别，请填写“是”或“否”' });
  });

  it('reads lists separated by 、 , ， ; ；, checking each item', () => {
    expect(one('hobbies', '书法;围棋；绘画、 象棋 ,')).toEqual({ value: ['书法', '围棋', '绘画', '象棋'] });
    expect(one('hobbies', '书法、中国象棋大赛').error).toBe('第 2 项：不能超过 4 个字符（现有 6 个）');
    expect(one('tiers', '名师、班长')).toEqual({
      row: 2,
      column: '称号',
      error: '第 2 项：“班长”不是可选的值，可选：骨干教师、学科带头人、名师、名校长、名班主任、新任教师',
    });
    expect(one('tiers', '、，')).toEqual({ value: null });
  });

  it('checks length and pattern of texts, folding full-width letters and digits for patterns', () => {
    expect(one('name', '欧阳娜娜娜')).toEqual({ row: 2, column: '姓名', error: '不能超过 4 个字符（现有 5 个）' });
    expect(one('name', '𠮷𠮷𠮷𠮷')).toEqual({ value: '𠮷𠮷𠮷𠮷' });
    expect(one('studentNo', 'Ｇ００２')).toEqual({ value: 'G002' });
    expect(one('studentNo', 'G-002')).toEqual({ row: 2, column: '学籍号', error: '学籍号只能包含大写字母和数字' });
  });

  it('removes the quote an export put before = + - @', () => {
    expect(one('name', "'=1+1")).toEqual({ value: '=1+1' });
    expect(one('age', "'-5").error).toBe('不能小于 3（填写的是 -5）');
    expect(one('name', "'张三")).toEqual({ value: "'张三" });
  });

  it('requires required cells', () => {
    expect(one('name', '  ')).toEqual({ row: 2, column: '姓名', error: '必填，不能为空' });
  });
});

describe('parseRows: problems', () => {
  it('collects every problem of every row with its row, the header as in the file and a message', () => {
    const t: Table = {
      headers: ['学籍号*', 'Name', '性别', '出生日期', '年龄'],
      headerRowNumber: 2,
      rows: [
        { rowNumber: 3, cells: ['G001', '张三', '男', '2015-01-01', '10'] },
        { rowNumber: 5, cells: ['', '李四', '男生', '2015-02-30', '十'] },
        { rowNumber: 6, cells: ['G003', '', '女', '2015-1-1', '8'] },
      ],
    };
    const result = parseRows(t, SPECS);
    expect(result.fatal).toBe(false);
    expect(result.errorCount).toBe(5);
    expect(result.errors.map(({ row, column, message }) => ({ row, column, message }))).toEqual([
      { row: 5, column: '学籍号*', message: '必填，不能为空' },
      { row: 5, column: '性别', message: '“男生”不是可选的值，可选：男、女' },
      { row: 5, column: '出生日期', message: '日期“2015-02-30”不存在' },
      { row: 5, column: '年龄', message: '“十”不是整数' },
      { row: 6, column: 'Name', message: '必填，不能为空' },
    ]);
    expect(result.errors[0].messageEn).toBe('Required; must not be empty');
    expect(result.headers).toMatchObject({ studentNo: '学籍号*', name: 'Name' });
  });

  it('marks header problems as fatal and still checks the cells it can', () => {
    const t: Table = { headers: ['姓名', '年龄'], rows: [{ rowNumber: 2, cells: ['张三', '-1'] }] };
    const result = parseRows(t, SPECS);
    expect(result.fatal).toBe(true);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [1, '学籍号', '缺少必填列“学籍号”'],
      [1, '性别', '缺少必填列“性别”'],
      [2, '年龄', '不能小于 3（填写的是 -1）'],
    ]);
  });

  it('reports data under a blank header or beyond the header once per column', () => {
    const t: Table = {
      headers: ['学籍号', '', '姓名', '性别'],
      rows: [
        { rowNumber: 2, cells: ['G1', '', '张三', '男'] },
        { rowNumber: 3, cells: ['G2', 'x', '李四', '女', '', 'y'] },
        { rowNumber: 4, cells: ['G3', 'x', '王五', '女', '', 'y'] },
      ],
    };
    expect(parseRows(t, SPECS).errors).toEqual([
      {
        row: 3,
        column: 'B',
        message: 'B 列有数据但没有表头，请补充表头或删除该列',
        messageEn: 'Column B has data but no header; add a header or delete the column',
      },
      {
        row: 3,
        column: 'F',
        message: 'F 列有数据但没有表头，请补充表头或删除该列',
        messageEn: 'Column F has data but no header; add a header or delete the column',
      },
    ]);
  });

  it('caps the reported problems and ends with a note counting them all', () => {
    const rows = Array.from({ length: 1500 }, () => ({ ...GOOD, age: 'x' }));
    const result = parseRows(table(...rows), SPECS);
    expect(result.errorCount).toBe(1500);
    expect(result.errors).toHaveLength(1001);
    expect(result.errors[999]).toMatchObject({ row: 1001, column: '年龄', message: '“x”不是整数' });
    expect(result.errors[1000]).toEqual({
      row: 0,
      column: '',
      message: '错误过多：共 1500 处，仅列出前 1000 处，请修正后重新导入',
      messageEn: 'Too many errors: 1500 in all, only the first 1000 are listed; fix them and import again',
    });
    expect(parseRows(table(...rows), SPECS, { maxErrors: 3 }).errors).toHaveLength(4);
  });
});

describe('findDuplicateKeys', () => {
  const rows = [
    { rowNumber: 2, values: { studentNo: 'G1', name: '张三', birthDate: '2015-01-01' } },
    { rowNumber: 3, values: { studentNo: 'G2', name: '李四', birthDate: '2015-01-01' } },
    { rowNumber: 5, values: { studentNo: 'G1', name: '张三', birthDate: '2015-02-01' } },
    { rowNumber: 6, values: { studentNo: null, name: '王五', birthDate: null } },
    { rowNumber: 7, values: { studentNo: null, name: '王五', birthDate: null } },
    { rowNumber: 9, values: { studentNo: 'G1', name: '张三', birthDate: '2015-01-01' } },
  ];

  it('names both rows of a repeated key, in the column as the file names it', () => {
    expect(findDuplicateKeys(rows, ['studentNo'], { studentNo: '学籍号*' })).toEqual([
      {
        row: 5,
        column: '学籍号*',
        message: '第 5 行与第 2 行重复：学籍号*“G1”',
        messageEn: 'Row 5 repeats row 2: 学籍号* "G1"',
      },
      {
        row: 9,
        column: '学籍号*',
        message: '第 9 行与第 2 行重复：学籍号*“G1”',
        messageEn: 'Row 9 repeats row 2: 学籍号* "G1"',
      },
    ]);
  });

  it('compares keys of several columns together and skips empty keys', () => {
    expect(findDuplicateKeys(rows, ['name', 'birthDate'], SPECS).map((e) => [e.row, e.column, e.message])).toEqual([
      [9, '姓名 + 出生日期', '第 9 行与第 2 行重复：姓名“张三”，出生日期“2015-01-01”'],
    ]);
  });
});
