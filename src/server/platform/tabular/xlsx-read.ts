/** Reading the cells of an xlsx workbook's first visible sheet, refusing formulas and merged cells. */
import ExcelJS from 'exceljs';
import { TabularError } from './errors.js';
import { cellValueText } from './xlsx-cell.js';

/** A non-empty row of a sheet: its row number and the text of its cells (index 0 = column A). */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

/** How many cells or ranges a refusal lists in `TabularError.cells`. */
const LISTED = 50;

/** Parts of a sheet that are not needed to read values (and can be very slow: validations over whole columns). */
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture', 'tableParts'];

/** Row and column numbers of an A1 address. */
function rowCol(address: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(address) ?? ['', 'A', '0'];
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]), col];
}

/** Orders addresses or ranges by their first cell, row first. */
function byPosition(a: string, b: string): number {
  const [ra, ca] = rowCol(a.split(':')[0]);
  const [rb, cb] = rowCol(b.split(':')[0]);
  return ra - rb || ca - cb;
}

/** Rows of XML a sheet may have beyond the data rows asked for (header, blank styled rows) before loading stops. */
const ROW_SLACK = 10_000;

/** Loads a workbook, skipping parts not needed for values; damaged files are refused. */
async function loadWorkbook(buf: Buffer, maxRows: number | undefined): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const limit = maxRows === undefined || !Number.isFinite(maxRows) ? undefined : maxRows + ROW_SLACK;
  try {
    // exceljs' typings ask for the ArrayBuffer-like `Buffer` of older @types/node; `maxRows` (stop parsing a sheet
    // with more rows) is an option of its reader that its typings leave out.
    const options = { ignoreNodes: IGNORED_NODES, maxRows: limit } as unknown as ExcelJS.XlsxReadOptions;
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer, options);
  } catch (err) {
    if (limit !== undefined && /^Max row count/.test((err as Error).message)) {
      throw new TabularError(
        'too_many_rows',
        `数据行数超过上限 ${maxRows} 行，请分批导入`,
        `The file has more data rows than the limit of ${maxRows}; import it in parts`,
      );
    }
    throw new TabularError(
      'invalid_xlsx',
      'Excel 文件已损坏或无法读取，请在 Excel 中打开后重新保存为 .xlsx 再导入',
      'The Excel file is damaged or cannot be read; open it in Excel, save it again as .xlsx and import again',
    );
  }
  return workbook;
}

/** The first worksheet, in tab order, that is not hidden. */
function firstVisibleSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.worksheets.find((ws) => ws.state === undefined || ws.state === 'visible');
  if (!sheet) {
    throw new TabularError(
      'no_visible_sheet',
      'Excel 文件中没有可见的工作表',
      'The Excel file has no visible worksheet',
    );
  }
  return sheet;
}

/** Refuses a sheet with merged cells, naming the first range (row first) and counting them. */
function refuseMerges(sheet: ExcelJS.Worksheet): void {
  const merges = [...(sheet.model.merges ?? [])].sort(byPosition);
  if (merges.length === 0) return;
  const first = merges[0];
  const many = merges.length > 1;
  throw new TabularError(
    'merged_cells',
    many
      ? `${first} 等 ${merges.length} 处为合并单元格，请取消合并后再导入`
      : `${first} 为合并单元格，请取消合并后再导入`,
    many
      ? `${first} and ${merges.length - 1} more ranges are merged cells; unmerge them and import again`
      : `${first} is a merged cell; unmerge it and import again`,
    merges.slice(0, LISTED),
  );
}

/** Refuses a sheet with formulas, naming the first cell and counting them. */
function refuseFormulas(addresses: string[], total: number): void {
  if (total === 0) return;
  const first = addresses[0];
  throw new TabularError(
    'formula',
    total > 1
      ? `${first} 等 ${total} 个单元格含公式，请粘贴为数值后再导入`
      : `${first} 单元格含公式，请粘贴为数值后再导入`,
    total > 1
      ? `${first} and ${total - 1} more cells contain formulas; paste them as values and import again`
      : `Cell ${first} contains a formula; paste it as a value and import again`,
    addresses,
  );
}

/**
 * Reads the first visible worksheet of an xlsx file into its non-empty rows, each cell as the text the user sees
 * (see cellValueText). Refuses merged cells (naming the first range) and cells with formulas (naming the first
 * cell), since neither can be imported faithfully. With `maxRows`, a sheet far larger stops loading early.
 */
export async function readXlsxRows(buf: Buffer, maxRows?: number): Promise<SheetRow[]> {
  const sheet = firstVisibleSheet(await loadWorkbook(buf, maxRows));
  refuseMerges(sheet);
  const rows: SheetRow[] = [];
  const formulas: string[] = [];
  let formulaCount = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.type === ExcelJS.ValueType.Formula) {
        formulaCount++;
        if (formulas.length < LISTED) formulas.push(cell.address);
        return;
      }
      cells[col - 1] = cellValueText(cell.value, cell.numFmt);
    });
    if (cells.some((c) => c !== undefined && c.trim() !== '')) {
      rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    }
  });
  refuseFormulas(formulas, formulaCount);
  return rows;
}
