/**
 * SM2 signing (GB/T 32918.2) over SM3 (GB/T 32905) with the default user ID 1234567812345678 (GM/T 0009).
 *
 * node:crypto signs with SM2 keys, but only with an empty user ID, so its signatures are not the standard
 * ones licenses carry. Here OpenSSL, through an ECDH object on the SM2 curve, does the one expensive step (the
 * point k·G); the rest is a few 256-bit operations in BigInt. That signs about 30 times faster than sm-crypto's
 * pure-JavaScript code, which stays the verifier: every signature made here is checked by it in the tests.
 */
import crypto from 'node:crypto';

// The SM2 curve (GB/T 32918.5): its order n, the a and b of y² = x³ + ax + b, and the base point G.
const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
const CURVE =
  'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc' +
  '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93' +
  '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7' +
  'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0';
const USER_ID = Buffer.from('1234567812345678');

/** An SM2 key pair as hex: the private key (64 digits) and the uncompressed public key (04 || x || y, 130). */
export type Sm2KeyPair = { privateKey: string; publicKey: string };

const mod = (a: bigint) => ((a % N) + N) % N;
const toBigInt = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex')}`);
const toBytes = (value: bigint) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');

/** a⁻¹ mod n (extended Euclid; n is prime and a is not a multiple of it). */
function inverse(a: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a), N, 1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

const ecdh = crypto.createECDH('SM2');

/** The point d·G, uncompressed (04 || x || y). */
function multiplyBase(d: bigint): Buffer {
  ecdh.setPrivateKey(toBytes(d));
  return ecdh.getPublicKey();
}

/** A new key pair. The private key d is in [1, n − 2]: SM2 needs 1 + d to be invertible. */
export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    ecdh.generateKeys();
    const d = toBigInt(ecdh.getPrivateKey());
    if (d < N - 1n) return { privateKey: toBytes(d).toString('hex'), publicKey: ecdh.getPublicKey('hex') };
  }
}

/** What signing with one private key always needs: d, (1 + d)⁻¹, and Z_A, the hash of the user ID and public key. */
type Signer = { d: bigint; inverse: bigint; z: Buffer };
const signers = new Map<string, Signer>();

function signerOf(privateKey: string): Signer {
  let signer = signers.get(privateKey);
  if (signer) return signer;
  const d = /^[0-9a-f]{64}$/i.test(privateKey) ? BigInt(`0x${privateKey}`) : 0n;
  if (d < 1n || d > N - 2n) throw new RangeError('Not an SM2 private key');
  const publicKey = multiplyBase(d).subarray(1);
  const entl = Buffer.from([(USER_ID.length * 8) >> 8, (USER_ID.length * 8) & 0xff]);
  const z = crypto
    .createHash('sm3')
    .update(Buffer.concat([entl, USER_ID, Buffer.from(CURVE, 'hex'), publicKey]))
    .digest();
  signer = { d, inverse: inverse(1n + d), z };
  // A district has tens of issuing departments; the bound only keeps a misuse from growing the map forever.
  if (signers.size >= 1000) signers.clear();
  signers.set(privateKey, signer);
  return signer;
}

/** A DER INTEGER of a non-negative value. */
function derInteger(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return `02${(hex.length / 2).toString(16).padStart(2, '0')}${hex}`;
}

/** Signs `message` with the private key (hex); returns the signature as DER SEQUENCE { r, s } in lower-case hex. */
export function sm2Sign(message: Uint8Array, privateKey: string): string {
  const { d, inverse: dInverse, z } = signerOf(privateKey);
  const e = toBigInt(crypto.createHash('sm3').update(z).update(message).digest());
  for (;;) {
    const k = toBigInt(crypto.randomBytes(32));
    if (k === 0n || k >= N) continue;
    const x1 = toBigInt(multiplyBase(k).subarray(1, 33));
    const r = mod(e + x1);
    if (r === 0n || r + k === N) continue;
    const s = mod(dInverse * (k - r * d));
    if (s === 0n) continue;
    const body = derInteger(r) + derInteger(s);
    return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
  }
}
