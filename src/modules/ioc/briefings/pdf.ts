import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { CHART_HEIGHT, CHART_WIDTH, type Charts } from './charts.ts';
import type { Block, BriefingContent } from './content.ts';
import { fontBytes } from './fonts.ts';

// The briefing as PDF (A4), made with PDFKit: the same content and house style as the DOCX, Noto Sans SC embedded
// (only the characters used), the charts drawn as vectors from their SVG.

const RED = '#c00000';
const MARGIN = 72; // 2.54 cm
const REGULAR = 'Noto';
const BOLD = 'Noto-Bold';
const BODY = 12;
const SMALL = 10.5;
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;

/** The text width of the page. */
const widthOf = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
/** The lowest y the body may reach on the page. */
const bottomOf = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit below the cursor. */
function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function masthead(doc: Doc, c: BriefingContent) {
  const width = widthOf(doc);
  const left = doc.page.margins.left;
  doc.font(BOLD).fontSize(22).fillColor(RED).text(c.masthead, { align: 'center' });
  doc.moveDown(0.2);
  doc.font(BOLD).fontSize(36).fillColor(RED).text(c.name, { align: 'center' });
  doc.moveDown(0.2);
  doc
    .font(REGULAR)
    .fontSize(14)
    .fillColor('black')
    .text(`（${c.edition}）　${c.number}`, { align: 'center' });
  doc.moveDown(0.8);
  const y = doc.y;
  doc.font(REGULAR).fontSize(BODY).text(`编发：${c.issuer}`, left, y, { width, align: 'left' });
  doc.text(c.date, left, y, { width, align: 'right' });
  const ruleY = doc.y + 6;
  doc
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(2.5)
    .strokeColor(RED)
    .stroke();
  doc.x = left;
  doc.y = ruleY + 18;
  doc.font(BOLD).fontSize(18).fillColor('black').text(c.title, { align: 'center' });
  doc.moveDown(0.6);
}

function table(doc: Doc, block: Extract<Block, { kind: 'table' }>) {
  const left = doc.page.margins.left;
  const widths = block.widths.map((w) => w * widthOf(doc));
  const heightOf = (row: string[], bold: boolean) =>
    Math.max(
      ...row.map(
        (text, i) =>
          doc
            .font(bold ? BOLD : REGULAR)
            .fontSize(SMALL)
            .heightOfString(text, { width: widths[i]! - 2 * CELL_PAD }) +
          2 * CELL_PAD,
      ),
    );
  const drawRow = (row: string[], header: boolean) => {
    const height = heightOf(row, header);
    if (doc.y + height > bottomOf(doc)) {
      doc.addPage();
      if (!header) drawRow(block.header, true); // the header again at the top of the new page
    }
    const y = doc.y;
    let x = left;
    row.forEach((text, i) => {
      const w = widths[i]!;
      if (header) doc.rect(x, y, w, height).fillColor('#f2f2f2').fill();
      doc.rect(x, y, w, height).lineWidth(0.5).strokeColor('#808080').stroke();
      doc
        .font(header ? BOLD : REGULAR)
        .fontSize(SMALL)
        .fillColor('black')
        .text(text, x + CELL_PAD, y + CELL_PAD, {
          width: w - 2 * CELL_PAD,
          align: header ? 'center' : block.numeric.includes(i) ? 'right' : 'left',
        });
      x += w;
    });
    doc.x = left;
    doc.y = y + height;
  };
  ensureRoom(doc, heightOf(block.header, true) + heightOf(block.rows[0] ?? block.header, false));
  drawRow(block.header, true);
  for (const row of block.rows) drawRow(row, false);
  doc.moveDown(0.8);
}

function chart(doc: Doc, svg: string, caption: string) {
  const width = widthOf(doc);
  const height = (width * CHART_HEIGHT) / CHART_WIDTH;
  ensureRoom(doc, height + 24);
  const left = doc.page.margins.left;
  const y = doc.y;
  SVGtoPDF(doc, svg, left, y, {
    width,
    height,
    // Without it the SVG keeps its own size and ignores width and height.
    preserveAspectRatio: 'xMidYMid meet',
    assumePt: true,
    fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
  });
  doc.x = left;
  doc.y = y + height + 4;
  doc.font(REGULAR).fontSize(SMALL).fillColor('black').text(caption, { align: 'center' });
  doc.moveDown(0.8);
}

function body(doc: Doc, blocks: Block[], charts: Charts) {
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        ensureRoom(doc, 60);
        doc.moveDown(0.4);
        doc.font(BOLD).fontSize(16).fillColor('black').text(block.text);
        doc.moveDown(0.3);
        break;
      case 'subheading':
        ensureRoom(doc, 48);
        doc.font(BOLD).fontSize(13).fillColor('black').text(block.text);
        doc.moveDown(0.2);
        break;
      case 'paragraph':
        doc
          .font(REGULAR)
          .fontSize(BODY)
          .fillColor('black')
          .text(block.text, { indent: 2 * BODY, align: 'justify', lineGap: 5 });
        doc.moveDown(0.5);
        break;
      case 'table':
        table(doc, block);
        break;
      case 'chart':
        chart(doc, charts[block.chart], block.caption);
        break;
    }
  }
}

function distribution(doc: Doc, lines: string[]) {
  const left = doc.page.margins.left;
  const width = widthOf(doc);
  ensureRoom(doc, 24 + lines.length * 20);
  doc.moveDown(1);
  const rule = (y: number) =>
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.75)
      .strokeColor('black')
      .stroke();
  rule(doc.y);
  doc.y += 6;
  for (const line of lines)
    doc.font(REGULAR).fontSize(11).fillColor('black').text(line, left, doc.y, { width });
  rule(doc.y + 4);
}

/** Page numbers (— 1 —) at the foot of every page, once all pages are laid out. */
function pageNumbers(doc: Doc) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(10)
      .fillColor('black')
      .text(`— ${i + 1} —`, doc.page.margins.left, doc.page.height - bottom / 2 - 5, {
        width: widthOf(doc),
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
}

/** The briefing as PDF bytes (A4). */
export function briefingPdf(content: BriefingContent, charts: Charts, createdAt: Date): Promise<Buffer> {
  const fonts = fontBytes();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${content.name} ${content.number}`,
      Author: content.issuer,
      Subject: content.title,
      Creator: 'OneCity',
      CreationDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  masthead(doc, content);
  body(doc, content.blocks, charts);
  distribution(doc, content.distribution);
  pageNumbers(doc);
  doc.end();
  return done;
}
