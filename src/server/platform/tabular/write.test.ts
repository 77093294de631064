import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import { readTable } from './read.js';
import { loadXlsx, STUDENT_SPECS } from './test-fixtures.js';
import { writeTable, writeTemplate } from './write.js';

const TEXT: ColumnSpec = { key: 'note', header: '备注', headerEn: 'Note', type: 'text' };
const SCORE: ColumnSpec = { key: 'score', header: '分数', headerEn: 'Score', type: 'number' };
const DANGEROUS = ['=1+1', '+86 13800138000', '-5', '@SUM(A1:A9)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","点")'];

/** Text of a UTF-8 CSV with its BOM checked and removed. */
function csvText(buf: Buffer): string {
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return buf.subarray(3).toString('utf8');
}

describe('writeTemplate: xlsx', () => {
  it('writes bold Chinese headers with * on required ones, widths, a frozen header and text formats', async () => {
    const wb = await loadXlsx(await writeTemplate(STUDENT_SPECS, { sheetName: '学生名单', format: 'xlsx' }));
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['学生名单', 'visible'],
      ['说明', 'visible'],
      ['下拉选项', 'hidden'],
    ]);
    const ws = wb.getWorksheet('学生名单')!;
    const headerRow = ws.getRow(1);
    expect(STUDENT_SPECS.map((_, i) => headerRow.getCell(i + 1).value)).toEqual([
      '学籍号*',
      '姓名*',
      '性别*',
      '出生日期',
      '年级',
      '身高',
      '年龄',
      '是否住校',
      '称号',
      '备注',
    ]);
    expect(headerRow.getCell(1).font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
    expect(headerRow.getCell(4).font).toMatchObject({ bold: true });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
    expect(ws.getColumn(4).numFmt).toBe('@'); // dates typed into the template stay text
    expect(ws.getColumn(1).numFmt).toBe('@'); // ID numbers keep their digits
    expect(ws.getColumn(6).numFmt).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(1);
  });

  it('adds dropdowns for enum columns over the hidden options sheet, and 是/否 for bool columns', async () => {
    const wb = await loadXlsx(
      await writeTemplate(STUDENT_SPECS, { sheetName: '学生名单', format: 'xlsx', dropdownRows: 500 }),
    );
    const validations = (
      wb.getWorksheet('学生名单') as unknown as { dataValidations: { model: Record<string, unknown> } }
    ).dataValidations.model;
    expect(validations.C2).toMatchObject({ type: 'list', allowBlank: true, formulae: ["'下拉选项'!$A$1:$A$2"] });
    expect(validations.C501).toEqual(validations.C2);
    expect(validations.C502).toBeUndefined();
    expect(validations.E2).toMatchObject({ type: 'list', formulae: ["'下拉选项'!$B$1:$B$12"] });
    expect(validations.H2).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(validations.I2).toBeUndefined(); // lists of several values cannot be a dropdown
    const options = wb.getWorksheet('下拉选项')!;
    expect(options.getColumn(1).values.slice(1)).toEqual(['男', '女']);
    expect(options.getColumn(2).values.slice(1)).toEqual([
      '一年级',
      '二年级',
      '三年级',
      '四年级',
      '五年级',
      '六年级',
      '七年级',
      '八年级',
      '九年级',
      '高一',
      '高二',
      '高三',
    ]);
  });

  it('describes every column on the 说明 sheet', async () => {
    const wb = await loadXlsx(await writeTemplate(STUDENT_SPECS, { sheetName: '学生名单', format: 'xlsx' }));
    const guide = wb.getWorksheet('说明')!;
    const line = (n: number) => (guide.getRow(n).values as unknown[]).slice(1);
    expect(line(1)).toEqual(['列名', '必填', '填写格式', '可选值', '示例', '说明']);
    expect(line(2)).toEqual(['学籍号', '是', '文本，最多 20 个字符', '', 'G4301032015010100', '']);
    expect(line(4)).toEqual(['性别', '是', '从下拉列表中选择', '男、女', '', '']);
    expect(line(5)).toEqual([
      '出生日期',
      '否',
      '日期，如 2023-02-03（也可写 2023/2/3、20230203），年份 1900–2100',
      '',
      '',
      '',
    ]);
    expect(line(6)[3]).toBe(
      '一年级、二年级、三年级、四年级、五年级、六年级、七年级、八年级、九年级、高一、高二、高三（也可写：初一、初二、初三、十年级、十一年级、十二年级）',
    );
    expect(line(7)[2]).toBe('数字，50 至 250（可带小数，百分数如 95.3% 按 0.953 读入）');
    expect(line(9)).toEqual(['是否住校', '否', '是 / 否', '是、否', '', '']);
    expect(line(11)).toEqual(['备注', '否', '文本', '', '', '可不填']);
    expect(line(13)[0]).toBe('填写须知：');
  });

  it('writes example rows as the user would type them, neutralised', async () => {
    const wb = await loadXlsx(
      await writeTemplate(STUDENT_SPECS, {
        sheetName: '学生名单',
        format: 'xlsx',
        exampleRows: [
          { studentNo: 'G1', name: '张三', gender: 'M', birthDate: '2015-03-09', boarding: true, note: '=1' },
        ],
      }),
    );
    const values = (wb.getWorksheet(1)!.getRow(2).values as unknown[]).slice(1);
    expect(values).toEqual(['G1', '张三', '男', '2015-03-09', undefined, undefined, undefined, '是', undefined, "'=1"]);
  });
});

describe('writeTemplate: csv', () => {
  it('writes the header row in UTF-8 with a BOM', async () => {
    const buf = await writeTemplate(STUDENT_SPECS.slice(0, 4), {
      sheetName: 'x',
      format: 'csv',
      exampleRows: [{ studentNo: 'G1', name: '张, 三', gender: 'F', birthDate: '2015-03-09' }],
    });
    expect(csvText(buf)).toBe('学籍号*,姓名*,性别*,出生日期\r\nG1,"张, 三",女,2015-03-09\r\n');
  });
});

describe('writeTable', () => {
  const rows = [
    {
      studentNo: 'G1',
      name: '张三',
      gender: 'F',
      birthDate: '2015-03-09',
      grade: 7,
      height: 152.5,
      age: -5,
      boarding: false,
      tags: ['backbone', 'famous_teacher'],
      note: null,
    },
  ];

  it('exports xlsx with Chinese labels, real numbers and dates', async () => {
    const wb = await loadXlsx(await writeTable(STUDENT_SPECS, rows, { format: 'xlsx', sheetName: '学生' }));
    const ws = wb.getWorksheet('学生')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(STUDENT_SPECS.map((s) => s.header));
    expect(ws.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      'G1',
      '张三',
      '女',
      new Date(Date.UTC(2015, 2, 9)),
      '七年级',
      152.5,
      -5, // a number of a number column is a number, not a formula
      '否',
      '骨干教师、名师',
    ]);
    expect(ws.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd');
  });

  it('exports English headers and labels on request', async () => {
    const buf = await writeTable(STUDENT_SPECS.slice(0, 3), rows, { format: 'csv', sheetName: 'x', lang: 'en' });
    expect(csvText(buf)).toBe('Student number,Name,Gender\r\nG1,张三,Female\r\n');
  });

  it('neutralises = + - @ tab and CR at the start of text cells in xlsx', async () => {
    const data = DANGEROUS.map((note) => ({ note, score: -5 }));
    const wb = await loadXlsx(await writeTable([TEXT, SCORE], data, { format: 'xlsx', sheetName: 'x' }));
    const ws = wb.getWorksheet(1)!;
    DANGEROUS.forEach((text, i) => {
      const cell = ws.getRow(i + 2).getCell(1);
      // XML reads a raw CR back as LF; the quote in front is what matters.
      expect(cell.value).toBe(`'${text.replace('\r', '\n')}`);
      expect(cell.formula).toBeUndefined();
      expect(ws.getRow(i + 2).getCell(2).value).toBe(-5);
    });
  });

  it('neutralises them in CSV too, in UTF-8 and GBK', async () => {
    const data = ['=1+1', '+86', '-5', '@SUM'].map((note) => ({ note, score: -5 }));
    const utf = csvText(await writeTable([TEXT, SCORE], data, { format: 'csv', sheetName: 'x' }));
    expect(utf).toBe("备注,分数\r\n'=1+1,-5\r\n'+86,-5\r\n'-5,-5\r\n'@SUM,-5\r\n");
    const gbkBuf = await writeTable([TEXT, SCORE], data, { format: 'csv', sheetName: 'x', encoding: 'gbk' });
    expect(iconv.decode(gbkBuf, 'gbk')).toBe(utf);
  });

  it('quotes CSV fields with separators, quotes and line breaks', async () => {
    const data = [{ note: '他说"好",\n然后走了' }, { note: '  前后有空格 ' }];
    expect(csvText(await writeTable([TEXT], data, { format: 'csv', sheetName: 'x' }))).toBe(
      '备注\r\n"他说""好"",\n然后走了"\r\n"  前后有空格 "\r\n',
    );
  });

  it('writes GBK that readTable detects, keeping characters outside GBK', async () => {
    const data = [{ note: '张三' }, { note: '𠮷野家' }];
    const buf = await writeTable([TEXT], data, { format: 'csv', sheetName: 'x', encoding: 'gbk' });
    expect(buf.subarray(0, 4)).toEqual(iconv.encode('备注', 'gbk'));
    const table = await readTable(buf, 'x.csv');
    expect(table.encoding).toBe('gbk');
    expect(table.rows.map((r) => r.cells[0])).toEqual(['张三', '𠮷野家']);
  });

  it('takes rows from an async source', async () => {
    async function* source() {
      yield { note: 'a' };
      yield { note: 'b' };
    }
    const table = await readTable(await writeTable([TEXT], source(), { format: 'xlsx', sheetName: 'x' }), 'x.xlsx');
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['a'] },
      { rowNumber: 3, cells: ['b'] },
    ]);
  });

  it('makes an invalid sheet name valid', async () => {
    const wb = await loadXlsx(
      await writeTable([TEXT], [], { format: 'xlsx', sheetName: '2024/2025 学年: 学生名单[全部]' }),
    );
    expect(wb.worksheets[0].name).toBe('2024_2025 学年_ 学生名单_全部_');
  });
});
