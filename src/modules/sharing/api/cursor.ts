import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { InputError } from '../../../core/errors.ts';

/** Where a change feed stopped: the change time (µs ISO) and key of the last row it returned. */
export type FeedPosition = { at: string; key: string };

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The AES key of cursors, derived from something every process on one database shares and consumers never see. */
export function cursorKey(databaseIdentity: string): Buffer {
  return createHash('sha256').update(`onecity share cursor\n${databaseIdentity}`).digest();
}

/**
 * The opaque `since` cursor of a change feed, encrypted (AES-256-GCM): the position holds the last row's key, and a
 * consumer whose grant masks keys (ID numbers) must not read it from the cursor. The resource is inside, so a cursor
 * of one resource is refused by another; any change to the text makes it invalid.
 */
export function createCursorCodec(key: Buffer) {
  const refuse = () =>
    new InputError('bad_cursor', 'Bad cursor', [{ field: 'since', reason: 'invalid_format' }]);
  return {
    /** The cursor after `position` in the feed of a resource. */
    encode(resourceId: number, position: FeedPosition): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const text = JSON.stringify({ r: resourceId, t: position.at, k: position.key });
      const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },

    /** The position a cursor names, for this resource; anything else is the caller's error (`bad_cursor`, 400). */
    decode(cursor: string, resourceId: number): FeedPosition {
      if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.length < 29) throw refuse();
      let parsed: unknown;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
        parsed = JSON.parse(text);
      } catch {
        throw refuse();
      }
      const { r, t, k } = (parsed ?? {}) as { r?: unknown; t?: unknown; k?: unknown };
      if (r !== resourceId || typeof t !== 'string' || !AT.test(t) || typeof k !== 'string') throw refuse();
      return { at: t, key: k };
    },
  };
}

export type CursorCodec = ReturnType<typeof createCursorCodec>;
