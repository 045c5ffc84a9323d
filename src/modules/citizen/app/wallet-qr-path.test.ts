// The wallet's QR code is drawn from the library's modules: every dark module, and only those, is painted.
import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath } from './wallet-qr-path.ts';

/** The modules a path paints, read back from its rectangles. */
function painted(d: string, size: number) {
  const grid = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
    for (let c = Number(x); c < Number(x) + Number(w); c++) grid[Number(y)]![c] = 1;
  return grid;
}

describe('the QR code of a license', () => {
  it('paints exactly the dark modules of the code', () => {
    const payload = `OCL1:1.2.156.3005.2.11100000000013338W011.114301125498459599.0000000001.001.8:${'A'.repeat(96)}`;
    const { size, d } = qrPath(payload);
    const { modules } = create(payload, { errorCorrectionLevel: 'M' });
    expect(size).toBe(modules.size);
    const grid = painted(d, size);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) expect(grid[r]![c]).toBe(modules.get(r, c) ? 1 : 0);
    // The finder pattern's top row: seven dark modules from the corner, as one run.
    expect(d.startsWith('M0 0h7v1h-7z')).toBe(true);
  });
});
