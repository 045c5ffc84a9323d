// svg-to-pdfkit ships no types: the one call the briefings make.
declare module 'svg-to-pdfkit' {
  /** Draws an SVG document on a PDFKit page at (x, y), scaled to `width` × `height` points. */
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: {
      width?: number;
      height?: number;
      preserveAspectRatio?: string;
      assumePt?: boolean;
      fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
    },
  ): void;
}
