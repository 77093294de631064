/** What a file is, judged by its content (magic bytes), never by its name alone. */
import { TabularError } from './errors.js';

/** What readTable can read: an xlsx workbook or a text table (CSV / tab-separated). */
export type FileKind = 'xlsx' | 'text';

const HEAD_BYTES = 8192;

/** Whether the buffer starts with these bytes. */
function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** The lower-case extension of a file name, without the dot. */
function extension(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1].toLowerCase() : '';
}

/** Refusal of a file type, naming it. */
function unsupported(what: string, whatEn: string): TabularError {
  return new TabularError(
    'unsupported_type',
    `不支持的文件类型（${what}），请上传 Excel（.xlsx）或 CSV 文件`,
    `Unsupported file type (${whatEn}); upload an Excel (.xlsx) or CSV file`,
  );
}

/** An xlsx (or xlsm) workbook among zip files; other zip files (docx, pptx, ods, archives) are refused by name. */
function zipKind(buf: Buffer): FileKind {
  if (buf.includes('xl/workbook.xml')) return 'xlsx';
  if (buf.includes('xl/workbook.bin')) {
    throw unsupported('Excel 二进制工作簿 .xlsb，请另存为 .xlsx', 'Excel binary workbook .xlsb; save it as .xlsx');
  }
  if (buf.includes('word/document.xml')) throw unsupported('Word 文档', 'Word document');
  if (buf.includes('ppt/presentation.xml')) throw unsupported('PowerPoint 文档', 'PowerPoint document');
  if (buf.includes('application/vnd.oasis.opendocument.spreadsheet')) {
    throw unsupported('OpenDocument 表格，请另存为 .xlsx', 'OpenDocument spreadsheet; save it as .xlsx');
  }
  throw unsupported('压缩包', 'zip archive');
}

/** The refusal of an OLE2 (Office 97–2003) file: .xls, .doc, or a password-protected workbook. */
function legacyOffice(buf: Buffer, fileName: string): TabularError {
  if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
    return new TabularError(
      'encrypted',
      '文件设置了打开密码，请在 Excel 中取消密码后再导入',
      'The file is password-protected; remove the password in Excel and import again',
    );
  }
  const ext = extension(fileName);
  if (ext === 'doc' || ext === 'wps') return unsupported('Word 文档', 'Word document');
  return new TabularError(
    'legacy_office',
    '不支持 Excel 97-2003（.xls）格式，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入',
    'Excel 97-2003 (.xls) files are not supported; save the file as .xlsx or CSV and import again',
  );
}

const BINARY_SIGNATURES: { bytes: number[]; zh: string; en: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], zh: 'PDF', en: 'PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], zh: 'PNG 图片', en: 'PNG image' },
  { bytes: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'GIF image' },
  { bytes: [0x52, 0x61, 0x72, 0x21], zh: 'RAR 压缩包', en: 'RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], zh: '7z 压缩包', en: '7z archive' },
  { bytes: [0x1f, 0x8b], zh: 'gzip 压缩包', en: 'gzip archive' },
];

/**
 * Decides by content whether a file is an xlsx workbook or a text table, and refuses everything else with a
 * message naming what it is: .xls / .doc (OLE2), password-protected workbooks, Word/PowerPoint/zip, PDF, images,
 * other binaries, and web pages or XML saved with an .xls name.
 */
export function sniffFile(buf: Buffer, fileName: string): FileKind {
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return zipKind(buf);
  if (startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) throw unsupported('空压缩包', 'empty zip archive');
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw legacyOffice(buf, fileName);
  for (const sig of BINARY_SIGNATURES) if (startsWith(buf, sig.bytes)) throw unsupported(sig.zh, sig.en);
  const utf16 = startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]);
  const head = buf.subarray(0, HEAD_BYTES);
  if (!utf16 && head.includes(0)) throw unsupported('二进制文件', 'binary file');
  const start = startsWith(buf, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const text = head
    .subarray(start, start + 512)
    .toString('latin1')
    .trimStart()
    .toLowerCase();
  if (/^<(\?xml|!doctype html|html|table|head|body|meta)/.test(text)) {
    throw new TabularError(
      'html_disguised',
      '文件实际是网页或 XML 格式（不是真正的 Excel 文件），请在 Excel 中打开后另存为 .xlsx 再导入',
      'The file is a web page or XML, not a real Excel file; open it in Excel, save it as .xlsx and import again',
    );
  }
  return 'text';
}
