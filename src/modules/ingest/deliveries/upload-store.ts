import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../../core/errors.ts';
import type { Subject } from '../../../core/policy.ts';

/** How much each department may keep waiting to be loaded, and how long a file waits before it is swept. */
export type UploadLimits = { quotaBytes: number; keepHours: number };

/** The default limits: far above a department's real deliveries, far below a full disk. */
export const defaultUploadLimits: UploadLimits = { quotaBytes: 4 * 1024 ** 3, keepHours: 24 };

// A file still arriving is named so; one left by a crash is swept after an hour.
const PARTIAL = '.upload-';
const PARTIAL_KEEP_MS = 3_600_000;

/** An upload would take its department over its quota. */
class UploadQuotaError extends DomainError {
  constructor(quotaBytes: number) {
    const quotaMb = Math.round(quotaBytes / 1024 ** 2);
    super(413, 'upload_quota_exceeded', 'The department’s uploads are over their quota', { quotaMb }, [
      { field: 'file', reason: 'upload_quota_exceeded', params: { quotaMb } },
    ]);
  }
}

/**
 * Where uploaded files wait between preview and load: a folder per department (so one department can neither
 * fill the disk for all nor load another's file by its hash), each under a quota, swept of files older than
 * `keepHours` that no running batch reads.
 */
export function createUploadStore(dir: string, limits: UploadLimits, runningFiles: () => Promise<string[]>) {
  function folderOf(subject: Subject): string {
    return path.join(dir, subject?.departmentId != null ? `d${subject.departmentId}` : 'center');
  }

  async function bytesIn(folder: string): Promise<number> {
    const names = await fs.promises.readdir(folder).catch(() => []);
    let total = 0;
    for (const name of names) {
      const stat = await fs.promises.stat(path.join(folder, name)).catch(() => null);
      if (stat?.isFile()) total += stat.size;
    }
    return total;
  }

  return {
    /**
     * Streams an upload to its department's folder while hashing it, so a large file never sits in memory;
     * named by its hash. Refused with 413 when it would pass the quota, leaving nothing behind.
     */
    async receive(subject: Subject, body: NodeJS.ReadableStream, ext: string) {
      const folder = folderOf(subject);
      await fs.promises.mkdir(folder, { recursive: true });
      const room = limits.quotaBytes - (await bytesIn(folder));
      const partial = path.join(
        folder,
        `${PARTIAL}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      );
      const hasher = createHash('sha256');
      let bytes = 0;
      try {
        // Past the quota the rest is read and dropped, not cut off: the caller then gets its answer, not a reset.
        await pipeline(
          body,
          new Transform({
            transform: (chunk: Buffer, _enc, done) => {
              bytes += chunk.length;
              if (bytes > room) return done();
              hasher.update(chunk);
              done(null, chunk);
            },
          }),
          fs.createWriteStream(partial),
        );
        if (bytes > room) throw new UploadQuotaError(limits.quotaBytes);
      } catch (error) {
        await fs.promises.rm(partial, { force: true });
        throw error;
      }
      const uploadId = `${hasher.digest('hex')}.${ext}`;
      const file = path.join(folder, uploadId);
      await fs.promises.rename(partial, file);
      return { uploadId, file };
    },

    /** The caller's department's file of an upload, or null when there is none (gone, or another's). */
    fileOf(subject: Subject, uploadId: string): string | null {
      const file = path.join(folderOf(subject), uploadId);
      return fs.existsSync(file) ? file : null;
    },

    /**
     * Deletes uploads older than `keepHours` (by when they arrived) that no running batch is reading, and files
     * of uploads a crash left half-written. Returns what it freed.
     */
    async sweep(now = Date.now()) {
      const running = new Set((await runningFiles()).map((f) => path.resolve(f)));
      const freed = { files: 0, bytes: 0 };
      const folders = [dir];
      for (const entry of await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (entry.isDirectory()) folders.push(path.join(dir, entry.name));
      }
      for (const folder of folders) {
        for (const entry of await fs.promises.readdir(folder, { withFileTypes: true }).catch(() => [])) {
          if (!entry.isFile()) continue;
          const file = path.resolve(folder, entry.name);
          const stat = await fs.promises.stat(file).catch(() => null);
          if (!stat || running.has(file)) continue;
          const keepMs = entry.name.startsWith(PARTIAL) ? PARTIAL_KEEP_MS : limits.keepHours * 3_600_000;
          if (now - stat.mtimeMs < keepMs) continue;
          await fs.promises.rm(file, { force: true });
          freed.files += 1;
          freed.bytes += stat.size;
        }
      }
      return freed;
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
