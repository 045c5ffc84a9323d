import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sm2 } from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from './sm2.ts';

const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
// sm-crypto's public key from a private key (untyped in @types/sm-crypto).
const publicKeyOf = (sm2 as unknown as { getPublicKeyFromPrivateKey(key: string): string })
  .getPublicKeyFromPrivateKey;
// How OpenSSL and sm-crypto read a standard SM2 signature: SM3 over Z || M with the default user ID, DER.
const referenceVerify = (message: Uint8Array, signature: string, publicKey: string) =>
  sm2.doVerifySignature(Array.from(message), signature, publicKey, { hash: true, der: true });

/** r and s of a DER SEQUENCE { INTEGER r, INTEGER s }, checking each length on the way. */
function derParts(hex: string): { r: bigint; s: bigint } {
  const bytes = Buffer.from(hex, 'hex');
  expect(bytes[0]).toBe(0x30);
  expect(bytes[1]).toBe(bytes.length - 2);
  const parts: bigint[] = [];
  let at = 2;
  while (at < bytes.length) {
    expect(bytes[at]).toBe(0x02);
    const length = bytes[at + 1]!;
    const value = bytes.subarray(at + 2, at + 2 + length);
    // Minimal and positive: a leading zero only before a byte with its high bit set.
    expect(value[0]! < 0x80).toBe(true);
    if (value[0] === 0) expect(value[1]! >= 0x80).toBe(true);
    parts.push(BigInt(`0x${value.toString('hex')}`));
    at += 2 + length;
  }
  expect(parts).toHaveLength(2);
  return { r: parts[0]!, s: parts[1]! };
}

/** DER SEQUENCE { INTEGER r, INTEGER s } as hex, for made-up signatures. */
function derOf(r: bigint, s: bigint): string {
  const integer = (v: bigint) => {
    let hex = v.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
    return `02${(hex.length / 2).toString(16).padStart(2, '0')}${hex}`;
  };
  const body = integer(r) + integer(s);
  return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
}

describe('SM2 signing and verifying', () => {
  it('makes key pairs whose public key is d·G, as sm-crypto derives it', () => {
    for (let i = 0; i < 20; i++) {
      const pair = generateSm2KeyPair();
      expect(pair.privateKey).toMatch(/^[0-9a-f]{64}$/);
      expect(pair.publicKey).toMatch(/^04[0-9a-f]{128}$/);
      expect(publicKeyOf(pair.privateKey)).toBe(pair.publicKey);
    }
  });

  it('signs so that sm-crypto verifies, and only for that message and key', () => {
    const keys = [generateSm2KeyPair(), generateSm2KeyPair(), generateSm2KeyPair()];
    let padded = 0;
    for (let i = 0; i < 40; i++) {
      const key = keys[i % keys.length]!;
      const message = crypto.randomBytes(i % 97);
      const signature = sm2Sign(message, key.privateKey);
      const { r, s } = derParts(signature);
      expect(r > 0n && r < N && s > 0n && s < N).toBe(true);
      if (/^02210/.test(signature.slice(4))) padded++;
      expect(referenceVerify(message, signature, key.publicKey)).toBe(true);
      if (i % 4 === 0) {
        const other = keys[(i + 1) % keys.length]!;
        expect(referenceVerify(message, signature, other.publicKey)).toBe(false);
        expect(referenceVerify(Buffer.concat([message, Buffer.from('x')]), signature, key.publicKey)).toBe(
          false,
        );
      }
    }
    // About half of the r values have their high bit set and take the DER zero byte: both forms were made.
    expect(padded).toBeGreaterThan(4);
    expect(padded).toBeLessThan(36);
  });

  it('signs with a fresh random k each time', () => {
    const key = generateSm2KeyPair();
    const message = Buffer.from('同一张证照');
    expect(sm2Sign(message, key.privateKey)).not.toBe(sm2Sign(message, key.privateKey));
  });

  it('is verified by OpenSSL with the standard user ID', () => {
    const key = generateSm2KeyPair();
    const message = Buffer.from('{"holderName":"张三","id":"1.2.156.3005.2"}');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-sm2-'));
    try {
      // SubjectPublicKeyInfo of an EC key on the SM2 curve (OIDs 1.2.840.10045.2.1 and 1.2.156.10197.1.301).
      const spki = Buffer.from(`3059301306072a8648ce3d020106082a811ccf5501822d034200${key.publicKey}`, 'hex');
      const pem = `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`;
      fs.writeFileSync(path.join(dir, 'public.pem'), pem);
      fs.writeFileSync(path.join(dir, 'message'), message);
      const verify = (signature: string) => {
        fs.writeFileSync(path.join(dir, 'signature'), Buffer.from(signature, 'hex'));
        try {
          return execFileSync(
            'openssl',
            [
              ...['pkeyutl', '-verify', '-pubin', '-inkey', 'public.pem', '-rawin', '-digest', 'sm3'],
              ...['-pkeyopt', 'distid:1234567812345678', '-in', 'message', '-sigfile', 'signature'],
            ],
            { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
          ).includes('Signature Verified Successfully');
        } catch {
          return false;
        }
      };
      expect(verify(sm2Sign(message, key.privateKey))).toBe(true);
      expect(verify(sm2Sign(Buffer.from('another text'), key.privateKey))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verifies what sm-crypto signs and what we sign, and nothing changed', () => {
    const key = generateSm2KeyPair();
    const other = generateSm2KeyPair();
    for (let i = 0; i < 20; i++) {
      const message = crypto.randomBytes(1 + (i % 97));
      const signature = sm2.doSignature(Array.from(message), key.privateKey, { hash: true, der: true });
      expect(sm2Verify(message, signature, key.publicKey)).toBe(true);
      expect(sm2Verify(message, sm2Sign(message, key.privateKey), key.publicKey)).toBe(true);
      expect(sm2Verify(message, signature, other.publicKey)).toBe(false);
      const changed = Buffer.from(message);
      changed[i % changed.length]! ^= 1;
      expect(sm2Verify(changed, signature, key.publicKey)).toBe(false);
      const { r, s } = derParts(signature);
      for (const [r2, s2] of [
        [r, s + 1n],
        [r + 1n, s],
        [s, r],
      ])
        expect(sm2Verify(message, derOf(r2!, s2!), key.publicKey)).toBe(false);
    }
  });

  it('takes a malformed signature or key as no match', () => {
    const key = generateSm2KeyPair();
    const message = Buffer.from('证照');
    const signature = sm2Sign(message, key.privateKey);
    expect(sm2Verify(message, signature, key.publicKey)).toBe(true);
    const { r, s } = derParts(signature);
    const offCurve = `${key.publicKey.slice(0, -1)}${key.publicKey.endsWith('0') ? '1' : '0'}`;
    const badSignatures = [
      '',
      'zz',
      '30',
      signature.slice(0, -2),
      `${signature}00`,
      derOf(0n, s),
      derOf(r, N),
    ];
    for (const bad of [...badSignatures, derOf(r, N - r)])
      expect(sm2Verify(message, bad, key.publicKey)).toBe(false);
    for (const badKey of ['', key.publicKey.slice(2), `02${key.publicKey.slice(2, 66)}`, offCurve])
      expect(sm2Verify(message, signature, badKey)).toBe(false);
  });

  it('refuses a private key that is not one', () => {
    for (const bad of ['', 'xyz', '0'.repeat(64), (N - 1n).toString(16), N.toString(16), 'f'.repeat(64)])
      expect(() => sm2Sign(Buffer.from('a'), bad)).toThrow(RangeError);
  });
});
