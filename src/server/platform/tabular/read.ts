/**
 * Reading an uploaded spreadsheet (xlsx, CSV or tab-separated text in UTF-8, GBK or UTF-16) into a header row and
 * data rows of text, refusing with a TabularError anything that cannot be imported faithfully.
 */
import type { Table, TableRow } from '../../../common/tabular/types.js';
import { parseDelimited } from './csv-parse.js';
import { decodeText, type EncodingChoice } from './encoding.js';
import { TabularError } from './errors.js';
import { sniffFile } from './sniff.js';
import { readXlsxRows } from './xlsx-read.js';

export { TabularError, type TabularErrorCode } from './errors.js';

/** Default size limit of an upload: 50 MB. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Options of readTable. */
export interface ReadOptions {
  /** Encoding of a CSV file: detect it (default), or as the user chose. Ignored for xlsx. */
  encoding?: EncodingChoice;
  /** Largest accepted file in bytes (default 50 MB). */
  maxBytes?: number;
  /** Most data rows accepted (default: no limit). */
  maxRows?: number;
}

/** A table read from a file (the header row is the first non-empty row). */
export interface ReadResult extends Table {
  headerRowNumber: number;
}

/** Whether every cell of a row is empty or spaces. */
function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** A byte count in MB for messages (50, 0.5). */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

/**
 * Turns rows into a table: the first non-empty row is the header (trimmed, trailing blanks dropped), the following
 * non-empty rows are data, padded to the header's width. Refuses an empty file, a file with only a header, and
 * more than `maxRows` data rows.
 */
export function toTable(rows: readonly TableRow[], maxRows = Number.POSITIVE_INFINITY): ReadResult {
  const nonEmpty = rows.filter((r) => !isBlank(r.cells));
  const header = nonEmpty[0];
  if (!header) throw new TabularError('empty', '文件为空，没有任何内容', 'The file is empty');
  const headers = header.cells.map((c) => c.trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const data = nonEmpty.slice(1).map((r) => ({
    rowNumber: r.rowNumber,
    cells:
      r.cells.length >= headers.length ? r.cells : [...r.cells, ...Array(headers.length - r.cells.length).fill('')],
  }));
  if (data.length === 0) {
    throw new TabularError('header_only', '文件只有表头，没有数据行', 'The file has a header row but no data rows');
  }
  if (data.length > maxRows) {
    throw new TabularError(
      'too_many_rows',
      `数据行数为 ${data.length}，超过上限 ${maxRows} 行，请分批导入`,
      `The file has ${data.length} data rows, more than the limit of ${maxRows}; import it in parts`,
    );
  }
  return { headers, rows: data, headerRowNumber: header.rowNumber };
}

/**
 * Reads an uploaded file into a table of texts. The type is decided by content (xlsx zip, or text; .xls, Word,
 * PDF, images and other binaries are refused by name). xlsx: the first visible sheet, cells as the user sees them,
 * formulas and merged cells refused naming the cell or range. Text: encoding detected or as chosen, comma or tab
 * separated, quotes and line breaks in cells handled. Every refusal is a TabularError with a Chinese message.
 */
export async function readTable(buffer: Buffer, fileName: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buffer.length > maxBytes) {
    const mb = megabytes(maxBytes);
    throw new TabularError('too_large', `文件超过 ${mb} MB`, `The file is larger than ${mb} MB`);
  }
  if (buffer.length === 0) throw new TabularError('empty', '文件为空，没有任何内容', 'The file is empty');
  if (sniffFile(buffer, fileName) === 'xlsx') return toTable(await readXlsxRows(buffer, opts.maxRows), opts.maxRows);
  const { text, encoding } = decodeText(buffer, opts.encoding ?? 'auto');
  return { ...toTable(parseDelimited(text), opts.maxRows), encoding };
}
