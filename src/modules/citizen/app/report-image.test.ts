import { describe, expect, it } from 'vitest';
import { compressPhoto, fitWithin, type PhotoCanvas } from './report-image.ts';

/** A canvas stand-in: photos of a given size, encoded to `bytes` bytes; remembers what it was asked. */
function fakeCanvas(width: number, height: number, bytes: number | null, readable = true) {
  const asked: { width: number; height: number; quality: number }[] = [];
  let closed = 0;
  const canvas: PhotoCanvas = {
    decode: async () =>
      readable ? { width, height, source: {} as CanvasImageSource, close: () => closed++ } : null,
    encode: async (_photo, w, h, quality) => {
      asked.push({ width: w, height: h, quality });
      return bytes === null ? null : new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
    },
  };
  return { canvas, asked, closed: () => closed };
}

const photo = (bytes: number, type = 'image/jpeg') => new Blob([new Uint8Array(bytes)], { type });

describe('photos made smaller on the phone', () => {
  it('fits the longest side within the limit, keeping proportions and never enlarging', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(1200, 800)).toEqual({ width: 1200, height: 800 });
    expect(fitWithin(9000, 10, 1600)).toEqual({ width: 1600, height: 2 });
  });

  it('draws a camera photo at 1600 px as a JPEG of quality 0.8', async () => {
    const f = fakeCanvas(4032, 3024, 400_000);
    const out = await compressPhoto(photo(5_000_000), {}, f.canvas);
    expect(f.asked).toEqual([{ width: 1600, height: 1200, quality: 0.8 }]);
    expect(out.size).toBe(400_000);
    expect(out.type).toBe('image/jpeg');
    expect(f.closed()).toBe(1);
  });

  it('re-encodes a small PNG as JPEG, and keeps a small JPEG that would not shrink', async () => {
    expect(
      (await compressPhoto(photo(900_000, 'image/png'), {}, fakeCanvas(800, 600, 120_000).canvas)).type,
    ).toBe('image/jpeg');
    const small = photo(100_000);
    expect(await compressPhoto(small, {}, fakeCanvas(800, 600, 150_000).canvas)).toBe(small);
  });

  it('sends the original when the browser cannot read or encode it (the server decides)', async () => {
    const heic = photo(2_000_000, 'image/heic');
    expect(await compressPhoto(heic, {}, fakeCanvas(0, 0, 1, false).canvas)).toBe(heic);
    expect(await compressPhoto(heic, {}, fakeCanvas(4000, 3000, null).canvas)).toBe(heic);
  });
});
