import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendCheckpointLog,
  auditKey,
  CHECKPOINT_LOG,
  checkpointSigned,
  readAuditKey,
  readCheckpointLog,
  signCheckpoint,
} from './checkpoints.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-checkpoints-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('audit checkpoints', () => {
  it('makes the audit key once, private to its owner, with the public key beside it', () => {
    expect(readAuditKey(dir)).toBeNull();
    const key = auditKey(dir);
    expect(auditKey(dir)).toEqual(key);
    expect(fs.statSync(path.join(dir, 'audit-key.json')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'audit-key.pub'), 'utf8').trim()).toBe(key.publicKey);
  });

  it('signs every field: a checkpoint changed in any field, or checked with another key, fails', () => {
    const key = auditKey(dir);
    const c = signCheckpoint({ count: 42, headId: 45, headHash: 'a'.repeat(64) }, key);
    expect(checkpointSigned(c, key)).toBe(true);
    expect(checkpointSigned({ ...c, count: 41 }, key)).toBe(false);
    expect(checkpointSigned({ ...c, headId: 44 }, key)).toBe(false);
    expect(checkpointSigned({ ...c, headHash: 'b'.repeat(64) }, key)).toBe(false);
    expect(checkpointSigned({ ...c, at: new Date(0).toISOString() }, key)).toBe(false);
    const other = auditKey(fs.mkdtempSync(path.join(dir, 'other-')));
    expect(checkpointSigned(c, other)).toBe(false);
    expect(checkpointSigned({ ...c, keyId: other.keyId }, other)).toBe(false);
  });

  it('reads the log back line by line, marking a line that is not a checkpoint', () => {
    const key = auditKey(dir);
    const c = signCheckpoint({ count: 1, headId: 1, headHash: 'c'.repeat(64) }, key);
    appendCheckpointLog(dir, c);
    fs.appendFileSync(path.join(dir, CHECKPOINT_LOG), '{"count": "many"}\n\n');
    appendCheckpointLog(dir, c);
    expect(readCheckpointLog(dir)).toEqual([
      { line: 1, checkpoint: c },
      { line: 2, checkpoint: null },
      { line: 4, checkpoint: c },
    ]);
  });
});
