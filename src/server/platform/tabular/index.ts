/** The spreadsheet layer: read uploads into tables, parse them by column specs, write templates and exports. */
export * from '../../../common/tabular/index.js';
export { detectDelimiter, parseDelimited, type TextRecord } from './csv-parse.js';
export { type CsvEncoding, csvField, csvLine, encodeCsv } from './csv-write.js';
export { decodeText, type EncodingChoice, type TextEncoding } from './encoding.js';
export { TabularError, type TabularErrorCode } from './errors.js';
export { DEFAULT_MAX_BYTES, type ReadOptions, type ReadResult, readTable, toTable } from './read.js';
export { type FileKind, sniffFile } from './sniff.js';
export { GUIDE_SHEET, OPTIONS_SHEET, type TemplateOptions, writeTemplate } from './template.js';
export { type RowSource, type WriteTableOptions, writeTable } from './write.js';
export { readXlsxRows, type SheetRow } from './xlsx-read.js';
