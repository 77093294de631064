import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { RenderedChart } from './charts.js';

/**
 * Building blocks for the Word documents the bureau hands on (质量分析报告, 督导报告, 整改通知书, 满意度通报, 总结):
 * A4, 宋体 body and 黑体 headings as official documents use, tables with a repeated header row, charts as images,
 * numbered footnotes for the source of each number. A module composes blocks and calls `buildDocx`.
 */
export type Block = Paragraph | Table;

/** Footnotes collected while a document is composed; `ref` returns the run that points at a new footnote. */
export class Footnotes {
  private readonly notes: Record<number, { children: Paragraph[] }> = {};
  private next = 1;

  ref(text: string): FootnoteReferenceRun {
    const id = this.next++;
    this.notes[id] = { children: [new Paragraph({ children: [new TextRun({ text, size: 18 })] })] };
    return new FootnoteReferenceRun(id);
  }

  get all(): Record<number, { children: Paragraph[] }> {
    return this.notes;
  }
}

export function docTitle(text: string, subtitle?: string): Paragraph[] {
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 200 },
    children: [new TextRun({ text, bold: true, size: 36, font: { eastAsia: '黑体', ascii: 'Arial' } })],
  });
  if (!subtitle) return [title];
  return [
    title,
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 300 },
      children: [new TextRun({ text: subtitle, size: 24, font: { eastAsia: '楷体', ascii: 'Times New Roman' } })],
    }),
  ];
}

export function heading(text: string, level: 1 | 2 | 3 = 1): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  return new Paragraph({ heading: levels[level], children: [new TextRun({ text })] });
}

/** A body paragraph; pieces may mix text and footnote references. First-line indent of two characters. */
export function para(...pieces: (string | ParagraphChild)[]): Paragraph {
  return new Paragraph({
    indent: { firstLine: 480 },
    spacing: { after: 120, line: 360 },
    children: pieces.map((p) => (typeof p === 'string' ? new TextRun({ text: p }) : p)),
  });
}

export interface TableColumn {
  title: string;
  /** Relative width (default 1). */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export type CellValue = string | number | null | undefined;

/**
 * A table with a header row repeated on every page. Numbers are written as given (round for display before);
 * null/undefined show as "—" (no data), never as 0.
 */
export function table(columns: readonly TableColumn[], rows: readonly (readonly CellValue[])[]): Table {
  const total = columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const align = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
  const cell = (text: string, col: TableColumn, bold: boolean) =>
    new TableCell({
      width: { size: Math.round(((col.width ?? 1) / total) * 100), type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: bold ? AlignmentType.CENTER : align[col.align ?? 'left'],
          children: [new TextRun({ text, bold, size: 21 })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.title, c, true)) }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((c, i) => {
              const v = r[i];
              return cell(v === null || v === undefined || v === '' ? '—' : String(v), c, false);
            }),
          }),
      ),
    ],
  });
}

/** A rendered chart as a centred picture, `widthCm` wide (default 15 cm, the A4 text width), with a caption. */
export function chartBlock(chart: RenderedChart, caption?: string, widthCm = 15): Paragraph[] {
  const widthPx = Math.round((widthCm / 2.54) * 96);
  const heightPx = Math.round((widthPx * chart.height) / chart.width);
  const picture = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: widthPx, height: heightPx } })],
  });
  if (!caption) return [picture];
  return [
    picture,
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: caption, size: 20 })],
    }),
  ];
}

export interface DocxOptions {
  title: string;
  /** Shown in the file's properties (e.g. the county or school). */
  creator?: string;
  blocks: Block[];
  footnotes?: Footnotes;
}

/** Packs the blocks into a .docx (A4, 2.54 cm margins, 宋体 小四 body). */
export async function buildDocx(opts: DocxOptions): Promise<Buffer> {
  const doc = new Document({
    title: opts.title,
    creator: opts.creator ?? '提升',
    styles: {
      default: {
        document: { run: { size: 24, font: { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' } } },
        heading1: { run: { size: 32, bold: true, font: { eastAsia: '黑体', ascii: 'Arial' } } },
        heading2: { run: { size: 28, bold: true, font: { eastAsia: '黑体', ascii: 'Arial' } } },
        heading3: { run: { size: 24, bold: true, font: { eastAsia: '黑体', ascii: 'Arial' } } },
      },
    },
    footnotes: opts.footnotes?.all,
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } },
        },
        children: opts.blocks,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The MIME type to send a .docx with (platform/http.ts sendFile). */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
