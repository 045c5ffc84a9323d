/**
 * Photos are made smaller on the phone before they are sent: a phone camera's 4000 px, 3–8 MB JPEG becomes a
 * 1600 px JPEG of a few hundred KB, which uploads in seconds on a slow network and is still sharp enough to see a
 * broken manhole cover. The server checks the bytes again (type and size); this only saves the resident's data.
 */

/** The longest side a photo is sent with. */
export const PHOTO_MAX_SIDE = 1600;
/** JPEG quality of the re-encoded photo. */
export const PHOTO_QUALITY = 0.8;

/** The size a photo is drawn at: its longest side at most `max`, its proportions kept, never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  max = PHOTO_MAX_SIDE,
): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= max) return { width, height };
  const scale = max / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A decoded photo, ready to draw. */
export type DecodedPhoto = { width: number; height: number; source: CanvasImageSource; close?: () => void };

/** How photos are decoded and encoded: the browser's canvas, or a stand-in in tests. */
export type PhotoCanvas = {
  /** The photo decoded, upright as the camera held it; null when this browser cannot read the format. */
  decode(photo: Blob): Promise<DecodedPhoto | null>;
  /** The decoded photo drawn at `width`×`height` and encoded as a JPEG. */
  encode(photo: DecodedPhoto, width: number, height: number, quality: number): Promise<Blob | null>;
};

/** The browser's canvas: createImageBitmap (which applies the EXIF orientation) and a canvas's toBlob. */
export const browserCanvas: PhotoCanvas = {
  async decode(photo) {
    try {
      const bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' });
      return { width: bitmap.width, height: bitmap.height, source: bitmap, close: () => bitmap.close() };
    } catch {
      return null;
    }
  },
  encode(photo, width, height, quality) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) return Promise.resolve(null);
    // Transparent PNG areas become white, not black, in a JPEG.
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
    g.drawImage(photo.source, 0, 0, width, height);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  },
};

/**
 * A photo made ready to send: at most `maxSide` px on its longest side, as a JPEG of quality `quality`. The original
 * is kept when the browser cannot decode it (the server then says whether it takes it), or when it is a JPEG already
 * within the size and re-encoding would not make it smaller.
 */
export async function compressPhoto(
  photo: Blob,
  opts: { maxSide?: number; quality?: number } = {},
  canvas: PhotoCanvas = browserCanvas,
): Promise<Blob> {
  const maxSide = opts.maxSide ?? PHOTO_MAX_SIDE;
  const decoded = await canvas.decode(photo);
  if (!decoded) return photo;
  try {
    const size = fitWithin(decoded.width, decoded.height, maxSide);
    const small = size.width === decoded.width && size.height === decoded.height;
    const encoded = await canvas.encode(decoded, size.width, size.height, opts.quality ?? PHOTO_QUALITY);
    if (!encoded) return photo;
    if (small && photo.type === 'image/jpeg' && encoded.size >= photo.size) return photo;
    return encoded;
  } finally {
    decoded.close?.();
  }
}
