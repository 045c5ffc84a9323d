/**
 * Checkpoints of the audit chain's head: how many entries it had and the hash of the newest, signed with SM2 by
 * the platform's audit key. The chain alone cannot tell that its newest entries were deleted (what is left is
 * still a valid chain); a checkpoint taken before can. See docs/architecture.md, "The audit log is one hash chain".
 *
 * The key pair lives in the data directory (audit-key.json, mode 0600), not in the database, so a database
 * superuser can neither read it nor sign a checkpoint of their own; the public key is beside it in
 * audit-key.pub for anyone checking a copy of the checkpoint log elsewhere.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generateSm2KeyPair, type Sm2KeyPair, sm2Sign, sm2Verify } from '../../core/sm2.ts';

/** One checkpoint: the chain had `count` entries, the newest `headId` with hash `headHash`, at time `at`. */
export const checkpoint = z.object({
  count: z.number().int().positive(),
  headId: z.number().int().positive(),
  headHash: z.string(),
  at: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export type Checkpoint = z.infer<typeof checkpoint>;

/** The audit key pair and its id (the first 16 hex digits of the SM3 hash of the public key). */
export type AuditKey = Sm2KeyPair & { keyId: string };

const KEY_FILE = 'audit-key.json';
const PUBLIC_KEY_FILE = 'audit-key.pub';
/** The checkpoint log in the data directory: one JSON checkpoint a line, appended, never rewritten. */
export const CHECKPOINT_LOG = 'audit-checkpoints.log';

/** The id of a public key: short enough to print and to store with every checkpoint. */
export function keyIdOf(publicKey: string): string {
  return crypto.createHash('sm3').update(Buffer.from(publicKey, 'hex')).digest('hex').slice(0, 16);
}

/** The bytes a checkpoint's signature covers. */
function signedBytes(c: Omit<Checkpoint, 'keyId' | 'signature'>): Buffer {
  return Buffer.from(`onecity-audit-checkpoint\n${c.count}\n${c.headId}\n${c.headHash}\n${c.at}`);
}

/** The data directory's audit key, or null when it has none yet. */
export function readAuditKey(dataDir: string): AuditKey | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const pair = z.object({ privateKey: z.string(), publicKey: z.string() }).parse(JSON.parse(text));
  return { ...pair, keyId: keyIdOf(pair.publicKey) };
}

/** The data directory's audit key, made on first use. */
export function auditKey(dataDir: string): AuditKey {
  const existing = readAuditKey(dataDir);
  if (existing) return existing;
  const pair = generateSm2KeyPair();
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': when two processes sharing the directory both make one, the first stays and the other reads it.
    fs.writeFileSync(
      path.join(dataDir, KEY_FILE),
      `${JSON.stringify({ ...pair, createdAt: new Date() })}\n`,
      {
        mode: 0o600,
        flag: 'wx',
      },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return auditKey(dataDir);
    throw error;
  }
  fs.writeFileSync(path.join(dataDir, PUBLIC_KEY_FILE), `${pair.publicKey}\n`);
  return { ...pair, keyId: keyIdOf(pair.publicKey) };
}

/** A checkpoint of the given head, signed with `key`. */
export function signCheckpoint(
  head: { count: number; headId: number; headHash: string },
  key: AuditKey,
  at = new Date(),
): Checkpoint {
  const fields = { ...head, at: at.toISOString() };
  return { ...fields, keyId: key.keyId, signature: sm2Sign(signedBytes(fields), key.privateKey) };
}

/** True when the checkpoint carries `key`'s signature over exactly its fields. */
export function checkpointSigned(c: Checkpoint, key: AuditKey): boolean {
  return c.keyId === key.keyId && sm2Verify(signedBytes(c), c.signature, key.publicKey);
}

/** Appends a checkpoint to the data directory's log (one write of one line, so concurrent appends do not mix). */
export function appendCheckpointLog(dataDir: string, c: Checkpoint): void {
  fs.appendFileSync(path.join(dataDir, CHECKPOINT_LOG), `${JSON.stringify(c)}\n`);
}

/** The data directory's log, line by line: each line's number and its checkpoint, or null when it is not one. */
export function readCheckpointLog(dataDir: string): { line: number; checkpoint: Checkpoint | null }[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, CHECKPOINT_LOG), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      try {
        return { line, checkpoint: checkpoint.parse(JSON.parse(text)) };
      } catch {
        return { line, checkpoint: null };
      }
    });
}
