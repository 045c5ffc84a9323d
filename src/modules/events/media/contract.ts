import { z } from 'zod';

/** The image types a photo may be, known by their first bytes (never by the name or the header sent). */
export const mediaTypes = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
} as const;
export type MediaExtension = keyof typeof mediaTypes;

/** Largest photo accepted (a phone's full-size JPEG is 3–8 MB). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

/** A stored photo's name: the SHA-256 of its bytes and its extension. */
export const mediaName = z.string().regex(/^[0-9a-f]{64}\.(jpg|png|webp)$/, 'media_name_format');

export const mediaParam = z.object({ name: mediaName });

/** What an upload answers: the name and the URL a case's `mediaUrls` takes. */
export const mediaUploaded = z.object({
  name: z.string(),
  url: z.string(),
  contentType: z.string(),
  size: z.number(),
});
export type MediaUploaded = z.infer<typeof mediaUploaded>;

/** The stored photo's name in a case's photo URL (`/api/events/media/<name>`), or null for any other URL. */
export function mediaNameOf(url: string): string | null {
  const name = url.startsWith('/api/events/media/') ? url.slice('/api/events/media/'.length) : '';
  return mediaName.safeParse(name).success ? name : null;
}
