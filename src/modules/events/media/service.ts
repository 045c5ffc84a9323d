import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../../../core/context.ts';
import { InputError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import {
  MEDIA_MAX_BYTES,
  type MediaExtension,
  type MediaUploaded,
  mediaName,
  mediaTypes,
} from './contract.ts';

/** The image type of some bytes by their magic numbers, or null when they are no JPEG, PNG or WebP. */
export function sniffImage(bytes: Uint8Array): MediaExtension | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'jpg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

/** The console URL of a stored photo. */
export const mediaUrl = (name: string) => `/api/events/media/${name}`;

/**
 * Photos of cases (a grid inspector's pictures): checked to be images by their bytes, stored once under
 * `<dataDir>/events-media/` named by their SHA-256 (the same photo sent twice is one file), and read back by
 * signed-in users.
 */
export function createMediaService(deps: { dataDir: string; audit: AuditService }) {
  const dir = path.join(deps.dataDir, 'events-media');

  return {
    /** Stores a photo; refuses anything that is not a JPEG, PNG or WebP image of at most 10 MB. */
    async save(ctx: Ctx, bytes: Buffer | undefined): Promise<MediaUploaded> {
      if (!bytes?.length) throw new InputError('media_empty', 'Send the photo as the request body');
      if (bytes.length > MEDIA_MAX_BYTES)
        throw new InputError('media_too_large', 'A photo is at most 10 MB', [], { maxMb: 10 });
      const ext = sniffImage(bytes);
      if (!ext) throw new InputError('not_an_image', 'Only JPEG, PNG and WebP photos are accepted');
      const name = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
      await fs.mkdir(dir, { recursive: true });
      // A new file is written beside and renamed, so a reader never sees half a photo.
      const target = path.join(dir, name);
      const exists = await fs.stat(target).then(
        () => true,
        () => false,
      );
      if (!exists) {
        const temp = `${target}.${process.pid}.${Date.now()}.part`;
        await fs.writeFile(temp, bytes);
        await fs.rename(temp, target);
      }
      await deps.audit.recordNow(ctx, { action: 'events.media_upload', targetType: 'media', targetId: name });
      return { name, url: mediaUrl(name), contentType: mediaTypes[ext], size: bytes.length };
    },

    /** A stored photo's bytes and type. */
    async read(name: string): Promise<{ bytes: Buffer; contentType: string }> {
      // The route validates the name; checked again here since the name becomes a path.
      if (!mediaName.safeParse(name).success) throw new NotFoundError('media', name);
      const ext = name.slice(name.lastIndexOf('.') + 1) as MediaExtension;
      const bytes = await fs.readFile(path.join(dir, name)).catch(() => {
        throw new NotFoundError('media', name);
      });
      return { bytes, contentType: mediaTypes[ext] };
    },
  };
}
export type MediaService = ReturnType<typeof createMediaService>;
