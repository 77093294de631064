import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TabularError } from './errors.js';
import { readTable } from './read.js';
import { gbk, utf8, xlsxFile, xlsxOf } from './test-fixtures.js';

/** The TabularError a read rejects with. */
async function refusal(promise: Promise<unknown>): Promise<TabularError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(TabularError);
    return err as TabularError;
  }
  throw new Error('expected a TabularError');
}

describe('readTable: xlsx', () => {
  it('reads the header (first non-empty row), keeps sheet row numbers, skips blank and trailing rows', async () => {
    const buf = await xlsxFile((wb) => {
      const ws = wb.addWorksheet('学生');
      ws.getCell('B3').value = ' 姓名 ';
      ws.getCell('C3').value = '年龄';
      ws.getCell('B4').value = '张三';
      ws.getCell('C4').value = 12;
      ws.getCell('B6').value = '李四';
      ws.getCell('B9').value = '   ';
      ws.getRow(12).height = 30; // a styled empty row at the end
    });
    const table = await readTable(buf, 'students.xlsx');
    expect(table.headerRowNumber).toBe(3);
    expect(table.headers).toEqual(['', '姓名', '年龄']);
    expect(table.rows).toEqual([
      { rowNumber: 4, cells: ['', '张三', '12'] },
      { rowNumber: 6, cells: ['', '李四', ''] },
    ]);
    expect(table.encoding).toBeUndefined();
  });

  it('turns dates, numbers, rich text, links and booleans into the text the user sees', async () => {
    const buf = await xlsxFile((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['日期', '时刻', '比例', '代码', '分数', '小数', '富文本', '链接', '布尔', '大数', '时间']);
      const row = ws.addRow([
        new Date(Date.UTC(2023, 1, 3)),
        new Date(Date.UTC(2023, 1, 3, 8, 30)),
        0.9534,
        123,
        87.5,
        0.1 + 0.2,
        { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
        { text: '官网', hyperlink: 'https://example.cn' },
        true,
        430103200001011000,
        new Date(Date.UTC(1899, 11, 30, 14, 5)),
      ]);
      row.getCell(1).numFmt = 'yyyy/m/d';
      row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
      row.getCell(3).numFmt = '0.0%';
      row.getCell(4).numFmt = '000000';
      row.getCell(5).numFmt = '0';
      row.getCell(11).numFmt = 'h:mm';
    });
    const table = await readTable(buf, 'x.xlsx');
    expect(table.rows[0].cells).toEqual([
      '2023-02-03',
      '2023-02-03 08:30',
      '95.3%',
      '000123',
      '88',
      '0.3',
      '张三',
      '官网',
      'TRUE',
      '430103200001011000',
      '14:05',
    ]);
  });

  it('reads the first visible worksheet', async () => {
    const buf = await xlsxFile((wb) => {
      const hidden = wb.addWorksheet('隐藏');
      hidden.state = 'hidden';
      hidden.addRow(['不要读我']);
      hidden.addRow(['x']);
      const ws = wb.addWorksheet('数据');
      ws.addRow(['姓名']);
      ws.addRow(['王五']);
    });
    const table = await readTable(buf, 'x.xlsx');
    expect(table.headers).toEqual(['姓名']);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['王五'] }]);
  });

  it('refuses a cell with a formula, naming it', async () => {
    const buf = await xlsxFile((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['姓名', '语文', '数学', '总分']);
      ws.addRow(['张三', 90, 80, 170]);
      ws.addRow(['李四', 70, 60, 130]);
      ws.addRow(['王五', 50, 40, 90]);
      ws.getCell('C5').value = { formula: 'A1+1', result: 2 };
    });
    const err = await refusal(readTable(buf, 'x.xlsx'));
    expect(err.code).toBe('formula');
    expect(err.message).toBe('C5 单元格含公式，请粘贴为数值后再导入');
    expect(err.messageEn).toBe('Cell C5 contains a formula; paste it as a value and import again');
    expect(err.cells).toEqual(['C5']);
  });

  it('refuses shared formulas too, naming the first cell and counting them', async () => {
    const buf = await xlsxFile((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['语文', '数学', '总分']);
      ws.addRow([90, 80]);
      ws.addRow([70, 60]);
      const shared = { formula: 'A2+B2', result: 170, shareType: 'shared', ref: 'C2:C3' };
      ws.getCell('C2').value = shared as unknown as ExcelJS.CellValue;
      ws.getCell('C3').value = { sharedFormula: 'C2', result: 130 };
    });
    const err = await refusal(readTable(buf, 'x.xlsx'));
    expect(err.code).toBe('formula');
    expect(err.message).toBe('C2 等 2 个单元格含公式，请粘贴为数值后再导入');
    expect(err.cells).toEqual(['C2', 'C3']);
  });

  it('refuses merged cells, naming the range', async () => {
    const buf = await xlsxFile((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['姓名', '班级']);
      ws.addRow(['张三', '一班']);
      ws.addRow(['李四', '']);
      ws.mergeCells('B2:B3');
    });
    const err = await refusal(readTable(buf, 'x.xlsx'));
    expect(err.code).toBe('merged_cells');
    expect(err.message).toBe('B2:B3 为合并单元格，请取消合并后再导入');
    expect(err.cells).toEqual(['B2:B3']);
  });

  it('names the first of several merged ranges and counts them', async () => {
    const buf = await xlsxFile((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['学生名单']);
      ws.addRow(['姓名', '班级', '备注']);
      ws.addRow(['张三', '一班', '']);
      ws.mergeCells('B3:C3');
      ws.mergeCells('A1:C1');
    });
    const err = await refusal(readTable(buf, 'x.xlsx'));
    expect(err.message).toBe('A1:C1 等 2 处为合并单元格，请取消合并后再导入');
    expect(err.cells).toEqual(['A1:C1', 'B3:C3']);
  });

  it('refuses an empty workbook and a header-only workbook', async () => {
    const empty = await xlsxFile((wb) => {
      wb.addWorksheet('Sheet1');
    });
    expect(await refusal(readTable(empty, 'x.xlsx'))).toMatchObject({
      code: 'empty',
      message: '文件为空，没有任何内容',
    });
    const headerOnly = await xlsxOf([['姓名', '性别'], [], ['  ']]);
    expect(await refusal(readTable(headerOnly, 'x.xlsx'))).toMatchObject({
      code: 'header_only',
      message: '文件只有表头，没有数据行',
    });
  });

  it('refuses a damaged workbook', async () => {
    const good = await xlsxOf([['姓名'], ['张三']]);
    const damaged = Buffer.concat([good.subarray(0, 200), Buffer.from('xl/workbook.xml'), Buffer.alloc(100, 1)]);
    expect(await refusal(readTable(damaged, 'x.xlsx'))).toMatchObject({ code: 'invalid_xlsx' });
  });

  it('refuses more rows than maxRows', async () => {
    const buf = await xlsxOf([['姓名'], ['a'], ['b'], ['c']]);
    expect((await readTable(buf, 'x.xlsx', { maxRows: 3 })).rows).toHaveLength(3);
    expect(await refusal(readTable(buf, 'x.xlsx', { maxRows: 2 }))).toMatchObject({
      code: 'too_many_rows',
      message: '数据行数为 3，超过上限 2 行，请分批导入',
    });
  });

  it('stops loading a sheet far larger than maxRows', async () => {
    const rows = Array.from({ length: 10_010 }, (_, i) => [`学生${i}`]);
    const buf = await xlsxOf([['姓名'], ...rows]);
    expect(await refusal(readTable(buf, 'x.xlsx', { maxRows: 5 }))).toMatchObject({
      code: 'too_many_rows',
      message: '数据行数超过上限 5 行，请分批导入',
    });
  });
});

describe('readTable: CSV and text', () => {
  const roster = '学籍号,姓名,性别\r\nG001,张三,男\r\nG002,李四,女\r\n';

  it('reads UTF-8 with a BOM', async () => {
    const table = await readTable(utf8(roster, true), 'a.csv');
    expect(table.encoding).toBe('utf-8');
    expect(table.headers).toEqual(['学籍号', '姓名', '性别']);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['G001', '张三', '男'] },
      { rowNumber: 3, cells: ['G002', '李四', '女'] },
    ]);
  });

  it('detects UTF-8 without a BOM, and GBK', async () => {
    expect((await readTable(utf8(roster), 'a.csv')).encoding).toBe('utf-8');
    const table = await readTable(gbk(roster), 'a.csv');
    expect(table.encoding).toBe('gbk');
    expect(table.rows[0].cells).toEqual(['G001', '张三', '男']);
  });

  it('reads GBK when the user chose GBK', async () => {
    const table = await readTable(gbk(roster), 'a.csv', { encoding: 'gbk' });
    expect(table.rows[1].cells).toEqual(['G002', '李四', '女']);
  });

  it('refuses a GBK file declared UTF-8 with a hint, instead of mojibake', async () => {
    const err = await refusal(readTable(gbk(roster), 'a.csv', { encoding: 'utf-8' }));
    expect(err.code).toBe('encoding_mismatch');
    expect(err.message).toBe(
      '文件不是 UTF-8 编码，可能是 GBK 编码（中文 Windows 上 Excel 另存为 CSV 的默认编码），请将编码选为“GBK”或“自动识别”后重新导入',
    );
  });

  it('refuses a UTF-8 file declared GBK', async () => {
    const err = await refusal(readTable(utf8(roster), 'a.csv', { encoding: 'gbk' }));
    expect(err).toMatchObject({
      code: 'encoding_mismatch',
      message: '文件是 UTF-8 编码，不是 GBK，请将编码选为“UTF-8”或“自动识别”后重新导入',
    });
  });

  it('refuses bytes that are neither UTF-8 nor GBK', async () => {
    const buf = Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x81, 0x20, 0xff, 0x2c, 0x63, 0x0a]);
    expect(await refusal(readTable(buf, 'a.csv'))).toMatchObject({ code: 'unknown_encoding' });
  });

  it('handles quotes, doubled quotes, embedded line breaks, CRLF, LF and CR', async () => {
    const text = '姓名,地址,备注\r\n"张,三","湖南省\r\n长沙市","他说""好"""\nb,c,d\re,f,g';
    const table = await readTable(utf8(text), 'a.csv');
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['张,三', '湖南省\r\n长沙市', '他说"好"'] },
      { rowNumber: 3, cells: ['b', 'c', 'd'] },
      { rowNumber: 4, cells: ['e', 'f', 'g'] },
    ]);
  });

  it('counts blank lines in row numbers and pads short rows', async () => {
    const table = await readTable(utf8('\n\n姓名,性别\n\n张三\n李四,女,多余\n\n'), 'a.csv');
    expect(table.headerRowNumber).toBe(3);
    expect(table.rows).toEqual([
      { rowNumber: 5, cells: ['张三', ''] },
      { rowNumber: 6, cells: ['李四', '女', '多余'] },
    ]);
  });

  it('reads tab-separated text, also UTF-16 with a BOM (Excel "Unicode text")', async () => {
    const tsv = '姓名\t地址\n张三\t长沙市,岳麓区\n';
    expect((await readTable(utf8(tsv), 'a.txt')).rows[0].cells).toEqual(['张三', '长沙市,岳麓区']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    const table = await readTable(utf16, 'a.txt');
    expect(table.encoding).toBe('utf-16le');
    expect(table.rows[0].cells).toEqual(['张三', '长沙市,岳麓区']);
  });

  it('refuses a quote that is never closed, naming its row', async () => {
    const err = await refusal(readTable(utf8('姓名,备注\n张三,ok\n李四,"未闭合\n王五,x\n'), 'a.csv'));
    expect(err).toMatchObject({ code: 'unclosed_quote', message: '第 3 行有未闭合的引号，请检查该行' });
  });

  it('refuses empty files, whitespace-only files and header-only files', async () => {
    expect(await refusal(readTable(Buffer.alloc(0), 'a.csv'))).toMatchObject({
      code: 'empty',
      message: '文件为空，没有任何内容',
    });
    expect(await refusal(readTable(utf8(' \r\n,,\r\n', true), 'a.csv'))).toMatchObject({ code: 'empty' });
    expect(await refusal(readTable(utf8('姓名,性别\r\n,\r\n'), 'a.csv'))).toMatchObject({
      code: 'header_only',
      message: '文件只有表头，没有数据行',
    });
  });
});

describe('readTable: size and type', () => {
  it('refuses files over the size limit (50 MB by default)', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x61);
    const err = await refusal(readTable(big, 'big.csv'));
    expect(err).toMatchObject({
      code: 'too_large',
      message: '文件超过 50 MB',
      messageEn: 'The file is larger than 50 MB',
    });
    expect(await refusal(readTable(utf8('a,b\n1,2\n'), 'a.csv', { maxBytes: 5 }))).toMatchObject({
      code: 'too_large',
    });
  });

  it('refuses .xls, Word, PDF, images and other binaries by their content', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(await refusal(readTable(ole, '学生.xls'))).toMatchObject({
      code: 'legacy_office',
      message: '不支持 Excel 97-2003（.xls）格式，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入',
    });
    expect(await refusal(readTable(ole, '通知.doc'))).toMatchObject({
      code: 'unsupported_type',
      message: '不支持的文件类型（Word 文档），请上传 Excel（.xlsx）或 CSV 文件',
    });
    const encrypted = Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await refusal(readTable(encrypted, '学生.xlsx'))).toMatchObject({ code: 'encrypted' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(await refusal(readTable(png, 'photo.csv'))).toMatchObject({
      code: 'unsupported_type',
      message: '不支持的文件类型（PNG 图片），请上传 Excel（.xlsx）或 CSV 文件',
    });
    expect(await refusal(readTable(Buffer.from('%PDF-1.7\n...'), 'a.xlsx'))).toMatchObject({
      message: '不支持的文件类型（PDF），请上传 Excel（.xlsx）或 CSV 文件',
    });
    expect(await refusal(readTable(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'a.csv'))).toMatchObject({
      message: '不支持的文件类型（二进制文件），请上传 Excel（.xlsx）或 CSV 文件',
    });
  });

  it('refuses zip files that are not workbooks', async () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml....')]);
    expect(await refusal(readTable(docx, 'a.docx'))).toMatchObject({
      message: '不支持的文件类型（Word 文档），请上传 Excel（.xlsx）或 CSV 文件',
    });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....photos/1.jpg....')]);
    expect(await refusal(readTable(zip, 'a.xlsx'))).toMatchObject({ code: 'unsupported_type' });
  });

  it('refuses a web page saved as .xls', async () => {
    const html = utf8('<html><body><table><tr><td>姓名</td></tr></table></body></html>');
    expect(await refusal(readTable(html, '导出.xls'))).toMatchObject({
      code: 'html_disguised',
      message: '文件实际是网页或 XML 格式（不是真正的 Excel 文件），请在 Excel 中打开后另存为 .xlsx 再导入',
    });
  });

  it('decides by content, not by name: a workbook named .csv is read as a workbook', async () => {
    const buf = await xlsxOf([['姓名'], ['张三']]);
    expect((await readTable(buf, 'roster.csv')).rows).toEqual([{ rowNumber: 2, cells: ['张三'] }]);
  });
});
