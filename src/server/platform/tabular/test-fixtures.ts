/** Specs and file builders shared by the tabular tests (real exceljs workbooks, real encodings). */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { GENDERS, GRADE_ALIASES, GRADE_LEVELS, STAFF_TIERS } from '../../../common/org/enums.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';

/** A student roster: one column of every type. */
export const STUDENT_SPECS: ColumnSpec[] = [
  {
    key: 'studentNo',
    header: '学籍号',
    headerEn: 'Student number',
    required: true,
    type: 'text',
    maxLength: 20,
    pattern: { regex: /^[A-Z0-9]+$/, message: '学籍号只能包含大写字母和数字', messageEn: 'Letters and digits only' },
    example: 'G4301032015010100',
  },
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, type: 'text', maxLength: 10 },
  { key: 'gender', header: '性别', headerEn: 'Gender', required: true, type: 'enum', options: GENDERS },
  { key: 'birthDate', header: '出生日期', headerEn: 'Birth date', type: 'date' },
  { key: 'grade', header: '年级', headerEn: 'Grade', type: 'enum', options: GRADE_LEVELS, aliases: GRADE_ALIASES },
  { key: 'height', header: '身高', headerEn: 'Height', type: 'number', min: 50, max: 250 },
  { key: 'age', header: '年龄', headerEn: 'Age', type: 'int', min: 3, max: 25 },
  { key: 'boarding', header: '是否住校', headerEn: 'Boarding', type: 'bool' },
  { key: 'tags', header: '称号', headerEn: 'Titles', type: 'list', options: STAFF_TIERS },
  { key: 'note', header: '备注', headerEn: 'Note', type: 'text', note: '可不填' },
];

/** Builds an xlsx file with exceljs. */
export async function xlsxFile(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Builds an xlsx file whose first sheet holds the given rows from A1. */
export function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  return xlsxFile((wb) => {
    const ws = wb.addWorksheet('Sheet1');
    for (const row of rows) ws.addRow(row);
  });
}

/** Loads an xlsx file with exceljs (to inspect what the writers produced). */
export async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Text encoded as GBK, as Excel on Chinese Windows saves CSV. */
export function gbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}

/** Text encoded as UTF-8, with a byte-order mark when `bom`. */
export function utf8(text: string, bom = false): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
