/** Decoding CSV bytes: UTF-8 (with or without BOM), GBK/GB18030 (Excel's CSV on Chinese Windows), UTF-16 with BOM. */
import iconv from 'iconv-lite';
import { TabularError } from './errors.js';

/** Encoding asked for by the user: detect it, or trust the choice. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gbk';

/** Encoding a text file was decoded with. */
export type TextEncoding = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of bytes if they are valid UTF-8, else null. */
function tryUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Refusal of a file declared UTF-8 that is not (usually GBK). */
function notUtf8(): TabularError {
  return new TabularError(
    'encoding_mismatch',
    '文件不是 UTF-8 编码，可能是 GBK 编码（中文 Windows 上 Excel 另存为 CSV 的默认编码），请将编码选为“GBK”或“自动识别”后重新导入',
    'The file is not UTF-8; it is probably GBK (what Excel on Chinese Windows saves CSV as); choose GBK or automatic detection and import again',
  );
}

/** Refusal of a file declared GBK that is UTF-8. */
function notGbk(): TabularError {
  return new TabularError(
    'encoding_mismatch',
    '文件是 UTF-8 编码，不是 GBK，请将编码选为“UTF-8”或“自动识别”后重新导入',
    'The file is UTF-8, not GBK; choose UTF-8 or automatic detection and import again',
  );
}

/** Refusal of bytes that are neither UTF-8 nor GBK. */
function unknownEncoding(): TabularError {
  return new TabularError(
    'unknown_encoding',
    '无法识别文件编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新导入',
    'The encoding of the file cannot be recognised; save it from Excel as "CSV UTF-8 (comma delimited)" and import again',
  );
}

/** GBK text of bytes (decoded as GB18030, its superset), or null when some bytes are not GBK. */
function tryGbk(bytes: Buffer): string | null {
  const text = iconv.decode(bytes, 'gb18030');
  return text.includes('\uFFFD') ? null : text;
}

/**
 * Decodes a text file. A byte-order mark always wins (UTF-8, UTF-16 LE/BE). `auto`: valid UTF-8 is UTF-8, else
 * GBK. A file declared UTF-8 that is not valid UTF-8 is refused with a hint to choose GBK (instead of mojibake);
 * a file declared GBK that is UTF-8 with Chinese in it is refused with a hint to choose UTF-8.
 */
export function decodeText(buf: Buffer, choice: EncodingChoice = 'auto'): { text: string; encoding: TextEncoding } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const text = tryUtf8(buf.subarray(3));
    if (text === null) throw unknownEncoding();
    return { text, encoding: 'utf-8' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  }
  const asUtf8 = tryUtf8(buf);
  if (choice === 'utf-8') {
    if (asUtf8 === null) throw notUtf8();
    return { text: asUtf8, encoding: 'utf-8' };
  }
  if (choice === 'gbk') {
    // Valid UTF-8 with multi-byte characters (fewer characters than bytes) is almost never GBK by accident.
    if (asUtf8 !== null && asUtf8.length < buf.length) throw notGbk();
    const text = tryGbk(buf);
    if (text === null) throw unknownEncoding();
    return { text, encoding: 'gbk' };
  }
  if (asUtf8 !== null) return { text: asUtf8, encoding: 'utf-8' };
  const text = tryGbk(buf);
  if (text === null) throw unknownEncoding();
  return { text, encoding: 'gbk' };
}
