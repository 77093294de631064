import JSZip from 'jszip';

/**
 * The visible text of a .docx (body and footnotes), paragraphs joined by newlines, and its embedded media names.
 * For tests: a document that claims to list a number can be checked for it without Word.
 */
export async function readDocx(buffer: Buffer): Promise<{ text: string; footnotes: string; media: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const textOf = async (name: string) => {
    const xml = (await zip.file(name)?.async('string')) ?? '';
    return xml
      .split(/<\/w:p>/)
      .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1] ?? '')).join(''))
      .filter((p) => p.length > 0)
      .join('\n');
  };
  return {
    text: await textOf('word/document.xml'),
    footnotes: await textOf('word/footnotes.xml'),
    media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/')),
  };
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
