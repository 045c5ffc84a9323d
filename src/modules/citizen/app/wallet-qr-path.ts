import { create } from 'qrcode';

/**
 * The QR code of `text` as one SVG path of its dark modules (one unit each), and its size in modules. Medium error
 * correction keeps a code on a scratched screen readable while staying coarse enough for a phone camera.
 */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      // A run of dark modules in a row is one rectangle.
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: modules.size, d: parts.join('') };
}
