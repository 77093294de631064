/**
 * Exports: a table of stored values into xlsx (streamed, for 40,000+ rows) or CSV (UTF-8 with BOM, or GBK), with
 * Chinese headers and labels and every text cell neutralised against formula injection. Templates: template.ts.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatValue, type Lang } from '../../../common/tabular/format.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import { type CsvEncoding, csvLine, encodeCsv } from './csv-write.js';
import { columnNumFmt, columnWidth, headerLabel, safeSheetName } from './sheet-layout.js';
import { xlsxCellValue } from './xlsx-value.js';

export { type TemplateOptions, writeTemplate } from './template.js';

/** Rows to export, keyed by column key; an async source (e.g. a database cursor) is consumed as it comes. */
export type RowSource = Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;

/** Options of writeTable. */
export interface WriteTableOptions {
  format: 'xlsx' | 'csv';
  /** Encoding of a CSV export (default UTF-8 with BOM). */
  encoding?: CsvEncoding;
  /** Name of the worksheet (xlsx). */
  sheetName: string;
  /** Language of headers and labels (default Chinese). */
  lang?: Lang;
}

/** Streams the rows into an xlsx workbook collected in memory. */
async function writeXlsx(specs: readonly ColumnSpec[], rows: RowSource, opts: WriteTableOptions): Promise<Buffer> {
  const lang = opts.lang ?? 'zh';
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(safeSheetName(opts.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const headers = specs.map((s) => headerLabel(s, lang, false));
  sheet.columns = specs.map((spec, i) => {
    const numFmt = columnNumFmt(spec, 'export');
    return { key: spec.key, width: columnWidth(spec, headers[i]), style: numFmt ? { numFmt } : {} };
  });
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  for await (const values of rows) {
    sheet.addRow(specs.map((spec) => xlsxCellValue(spec, values[spec.key], lang))).commit();
  }
  sheet.commit();
  await workbook.commit(); // ends `stream` (exceljs pipes its zip into it)
  await done;
  return Buffer.concat(chunks);
}

/** Writes the rows as CSV lines, then encodes them. */
async function writeCsv(specs: readonly ColumnSpec[], rows: RowSource, opts: WriteTableOptions): Promise<Buffer> {
  const lang = opts.lang ?? 'zh';
  const lines = [csvLine(specs.map((s) => headerLabel(s, lang, false)))];
  for await (const values of rows) lines.push(csvLine(specs.map((spec) => formatValue(spec, values[spec.key], lang))));
  return encodeCsv(lines, opts.encoding ?? 'utf-8');
}

/**
 * Exports rows (stored values by column key) as an xlsx or CSV file: Chinese headers (English with lang 'en'),
 * enum values as labels, booleans as 是/否, lists joined by 、, dates as dates; every text cell that starts with
 * = + - @ (or a tab / carriage return) is prefixed with `'` so no spreadsheet runs it as a formula (numbers of
 * number columns stay numbers). xlsx is written with exceljs' streaming writer.
 */
export function writeTable(specs: readonly ColumnSpec[], rows: RowSource, opts: WriteTableOptions): Promise<Buffer> {
  return opts.format === 'xlsx' ? writeXlsx(specs, rows, opts) : writeCsv(specs, rows, opts);
}
