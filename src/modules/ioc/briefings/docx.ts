import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { CHART_HEIGHT, CHART_WIDTH, type Charts } from './charts.ts';
import type { Block, BriefingContent } from './content.ts';
import { FONT_FAMILY, fontFiles } from './fonts.ts';

// The briefing as a Word document (DOCX), in the house style of the center's official papers: the red masthead
// with the unit and 运营管理简报, the number, the issuing unit and date, a red rule; then the body. Every run names
// Noto Sans SC for East Asian and Latin text; the charts are pictures (PNG) drawn from their SVG with that font.

const RED = 'C00000';
const A4 = { width: 11906, height: 16838 }; // twentieths of a point
const MARGIN = 1440; // 2.54 cm
const IMAGE_WIDTH = 600; // pixels at 96 dpi: the text width (16 cm)

const font = { ascii: FONT_FAMILY, eastAsia: FONT_FAMILY, hAnsi: FONT_FAMILY, cs: FONT_FAMILY };
const language = { value: 'zh-CN', eastAsia: 'zh-CN' };

/** A run of text in the briefing's font; `size` in points. */
function run(text: string, options: { size?: number; bold?: boolean; color?: string } = {}) {
  return new TextRun({
    text,
    font,
    language,
    bold: options.bold,
    color: options.color,
    size: (options.size ?? 12) * 2,
  });
}

/** A chart's SVG as a PNG at twice its size (sharp when printed), its text drawn with Noto Sans SC. */
export function chartPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [fontFiles.regular, fontFiles.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

function table(block: Extract<Block, { kind: 'table' }>) {
  const cell = (text: string, column: number, header: boolean) =>
    new TableCell({
      width: { size: Math.round(block.widths[column]! * 100), type: WidthType.PERCENTAGE },
      shading: header ? { fill: 'F2F2F2' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: header
            ? AlignmentType.CENTER
            : block.numeric.includes(column)
              ? AlignmentType.RIGHT
              : AlignmentType.LEFT,
          children: [run(text, { size: 10.5, bold: header })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h, i) => cell(h, i, true)) }),
      ...block.rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

function body(blocks: Block[], charts: Charts): (Paragraph | Table)[] {
  return blocks.flatMap((block): (Paragraph | Table)[] => {
    switch (block.kind) {
      case 'heading':
        return [
          new Paragraph({
            spacing: { before: 240, after: 120 },
            keepNext: true,
            children: [run(block.text, { size: 16, bold: true })],
          }),
        ];
      case 'subheading':
        return [
          new Paragraph({
            spacing: { before: 120, after: 60 },
            keepNext: true,
            children: [run(block.text, { size: 13, bold: true })],
          }),
        ];
      case 'paragraph':
        return [
          new Paragraph({
            indent: { firstLine: 480 },
            spacing: { after: 120, line: 360 },
            alignment: AlignmentType.JUSTIFIED,
            children: [run(block.text)],
          }),
        ];
      case 'table':
        return [table(block), new Paragraph({ spacing: { after: 120 }, children: [] })];
      default: // a chart
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            children: [
              new ImageRun({
                type: 'png',
                data: chartPng(charts[block.chart]),
                transformation: {
                  width: IMAGE_WIDTH,
                  height: Math.round((IMAGE_WIDTH * CHART_HEIGHT) / CHART_WIDTH),
                },
                altText: { name: block.caption, title: block.caption, description: block.caption },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [run(block.caption, { size: 10.5 })],
          }),
        ];
    }
  });
}

/** The briefing as DOCX bytes. */
export async function briefingDocx(content: BriefingContent, charts: Charts): Promise<Buffer> {
  const redRule = { style: BorderStyle.THICK, size: 24, color: RED, space: 4 };
  const masthead = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(content.masthead, { size: 22, bold: true, color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(`${content.name}`, { size: 36, bold: true, color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(`（${content.edition}）　${content.number}`, { size: 14 })],
    }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: A4.width - 2 * MARGIN }],
      border: { bottom: redRule },
      spacing: { after: 360 },
      children: [
        run(`编发：${content.issuer}`, { size: 12 }),
        new TextRun({ children: [new Tab(), content.date], font, language, size: 24 }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(content.title, { size: 18, bold: true })],
    }),
  ];
  const rule = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 };
  const foot = content.distribution.map(
    (line, i) =>
      new Paragraph({
        spacing: { before: i === 0 ? 360 : 0 },
        border: {
          ...(i === 0 && { top: rule }),
          ...(i === content.distribution.length - 1 && { bottom: rule }),
        },
        children: [run(line, { size: 11 })],
      }),
  );
  const pageNumber: ParagraphChild = new TextRun({
    children: ['— ', PageNumber.CURRENT, ' —'],
    font,
    size: 20,
  });
  const doc = new Document({
    creator: content.issuer,
    title: `${content.name} ${content.number}`,
    description: content.title,
    styles: { default: { document: { run: { font, size: 24, language } } } },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [pageNumber] })],
          }),
        },
        children: [...masthead, ...body(content.blocks, charts), ...foot],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
