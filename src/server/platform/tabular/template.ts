/**
 * Import templates: an xlsx with the data sheet (bold headers, required ones marked * and red, dropdowns for enum and
 * bool columns, text format where Excel would mangle values), a 说明 sheet describing each column and a hidden sheet
 * holding the dropdowns' options; or a CSV with the header row, in UTF-8 with BOM.
 */
import ExcelJS from 'exceljs';
import { describeColumn } from '../../../common/tabular/describe.js';
import { formatValue, type Lang } from '../../../common/tabular/format.js';
import { neutralizeFormula } from '../../../common/tabular/neutralize.js';
import { columnLetter } from '../../../common/tabular/text.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import { csvLine, encodeCsv } from './csv-write.js';
import { columnNumFmt, columnWidth, headerLabel, safeSheetName } from './sheet-layout.js';
import { xlsxCellValue } from './xlsx-value.js';

/** Options of writeTemplate. */
export interface TemplateOptions {
  /** Name of the data sheet. */
  sheetName: string;
  format: 'xlsx' | 'csv';
  /** Rows (stored values by key) written under the header, e.g. one filled-in example. */
  exampleRows?: readonly Record<string, unknown>[];
  /** How many rows below the header get the dropdowns (default 10,000). */
  dropdownRows?: number;
}

/** Name of the sheet describing the columns. */
export const GUIDE_SHEET = '说明';
/** Name of the hidden sheet holding dropdown options. */
export const OPTIONS_SHEET = '下拉选项';

const DEFAULT_DROPDOWN_ROWS = 10_000;
const LANG: Lang = 'zh';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const REQUIRED_COLOR = { argb: 'FFC00000' };

const GUIDE_NOTES = [
  '填写须知：',
  '1. 第一个工作表为数据表，列名带 * 的为必填；请勿修改或删除表头，可以调整列的顺序，不需要的选填列可以删除。',
  '2. 请勿合并单元格，不要使用公式（如有公式，请复制后“选择性粘贴 → 数值”）。',
  '3. 日期请按 2023-02-03 的格式填写；有下拉列表的列请从列表中选择。',
  '4. 导入时会检查每一行，有任何错误都不会导入，并列出每处错误所在的行和列。',
];

/** The subset of exceljs' worksheet used to add data validations over ranges (missing from its typings). */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/** Adds list validations: enum columns over the options sheet, bool columns over 是/否. */
function addDropdowns(
  sheet: ExcelJS.Worksheet,
  options: ExcelJS.Worksheet,
  specs: readonly ColumnSpec[],
  rows: number,
): void {
  let optionColumn = 0;
  specs.forEach((spec, i) => {
    let formula: string | undefined;
    if (spec.type === 'enum' && spec.options?.length) {
      const letter = columnLetter(optionColumn++);
      spec.options.forEach((o, r) => {
        options.getCell(`${letter}${r + 1}`).value = neutralizeFormula(o.zh);
      });
      formula = `'${OPTIONS_SHEET}'!$${letter}$1:$${letter}$${spec.options.length}`;
    } else if (spec.type === 'bool') {
      formula = '"是,否"';
    }
    if (!formula) return;
    const col = columnLetter(i);
    (sheet as unknown as WithValidations).dataValidations.add(`${col}2:${col}${rows + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '请从下拉列表中选择',
      error: `“${spec.header}”的值不在下拉列表中，导入时可能被拒绝`,
    });
  });
}

/** The 说明 sheet: one line per column, then general notes. */
function addGuide(workbook: ExcelJS.Workbook, specs: readonly ColumnSpec[]): void {
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: '列名', width: 18 },
    { header: '必填', width: 6 },
    { header: '填写格式', width: 40 },
    { header: '可选值', width: 40 },
    { header: '示例', width: 16 },
    { header: '说明', width: 40 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const spec of specs) {
    const d = describeColumn(spec);
    const row = guide.addRow([d.header, d.required, d.format, d.allowed, d.example, d.note].map(neutralizeFormula));
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  guide.addRow([]);
  for (const note of GUIDE_NOTES) guide.addRow([note]);
}

/** The xlsx template: data sheet, 说明 sheet, hidden options sheet. */
async function xlsxTemplate(specs: readonly ColumnSpec[], opts: TemplateOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(opts.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = specs.map((s) => headerLabel(s, LANG, true));
  const examples = opts.exampleRows ?? [];
  sheet.columns = specs.map((spec, i) => {
    const samples = examples.map((r) => String(formatValue(spec, r[spec.key], LANG) ?? ''));
    const numFmt = columnNumFmt(spec, 'template');
    return { width: columnWidth(spec, headers[i], samples), style: numFmt ? { numFmt } : {} };
  });
  const header = sheet.addRow(headers);
  specs.forEach((spec, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, ...(spec.required ? { color: REQUIRED_COLOR } : {}) };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  for (const example of examples) sheet.addRow(specs.map((spec) => xlsxCellValue(spec, example[spec.key], LANG, true)));
  addGuide(workbook, specs);
  const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  addDropdowns(sheet, options, specs, opts.dropdownRows ?? DEFAULT_DROPDOWN_ROWS);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV template: header row and example rows, UTF-8 with BOM. */
function csvTemplate(specs: readonly ColumnSpec[], opts: TemplateOptions): Buffer {
  const lines = [csvLine(specs.map((s) => headerLabel(s, LANG, true)))];
  for (const example of opts.exampleRows ?? []) {
    lines.push(csvLine(specs.map((spec) => formatValue(spec, example[spec.key], LANG))));
  }
  return encodeCsv(lines, 'utf-8');
}

/**
 * Writes an import template for the specs. xlsx: data sheet with bold Chinese headers (required: `*` and red),
 * fitted column widths, frozen header, text format for text/date/enum columns, dropdowns (list validations) for
 * enum columns over a hidden options sheet (so long lists work) and for bool columns (是/否), optional example
 * rows, and a 说明 sheet listing each column, whether it is required, its format and allowed values.
 * CSV: header row (and example rows), UTF-8 with BOM.
 */
export async function writeTemplate(specs: readonly ColumnSpec[], opts: TemplateOptions): Promise<Buffer> {
  return opts.format === 'xlsx' ? xlsxTemplate(specs, opts) : csvTemplate(specs, opts);
}
