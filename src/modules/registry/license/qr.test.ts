import { describe, expect, it } from 'vitest';
import { licenseQrPayload, parseLicenseQr } from './qr.ts';
import { generateDepartmentKeyPair, signLicense, verifyLicenseSignature } from './signature.ts';

const ID = '1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000001.001.R';
// A DER SM2 signature (SEQUENCE of two 32-byte INTEGERs), the shape `signLicense` returns.
const SIGNATURE =
  '3044022053c5f451d3d8ba9b7beb456c1c2bf69c0b56de9afe46cffa3871390b2172905a' +
  '02205395aa3e2a8f2a0aec27bcb97a31d3bba86e974c92daf3c8c081bfff420c1400';
const ENCODED = Buffer.from(SIGNATURE, 'hex').toString('base64url');

describe('license QR payload', () => {
  it('carries the identifier and the signature in base64url', () => {
    const payload = licenseQrPayload(ID, SIGNATURE);
    expect(payload).toBe(`OCL1:${ID}:${ENCODED}`);
    expect(payload.length).toBeLessThan(200);
    expect(parseLicenseQr(payload)).toEqual({ ok: true, id: ID, signature: SIGNATURE });
  });

  it('round-trips a fresh signature that still verifies', () => {
    const key = generateDepartmentKeyPair();
    const license = {
      id: ID,
      typeCode: '11100000000013338W011',
      holderId: '91350100M000100Y43',
      holderIdType: '001' as const,
      holderName: '望城示例有限公司',
      issuerCode: '11430112MB1D00001L',
      issueDate: '2025-03-01',
      validFrom: '2025-03-01',
      validUntil: null,
    };
    const parsed = parseLicenseQr(licenseQrPayload(ID, signLicense(license, key.privateKey)));
    expect(parsed.ok && verifyLicenseSignature(license, parsed.signature, key.publicKey)).toBe(true);
  });

  it('drops the line break a scanner adds', () => {
    expect(parseLicenseQr(`${licenseQrPayload(ID, SIGNATURE)}\r\n`).ok).toBe(true);
  });

  it.each([
    ['a bare identifier', ID],
    ['another format', `OCL2:${ID}:${ENCODED}`],
    ['a lower-case prefix', `ocl1:${ID}:${ENCODED}`],
    ['no signature part', `OCL1:${ID}`],
    ['an empty signature', `OCL1:${ID}:`],
    ['an extra part', `OCL1:${ID}:${ENCODED}:x`],
    ['standard base64', `OCL1:${ID}:${Buffer.from(SIGNATURE, 'hex').toString('base64')}`],
    ['padding', `OCL1:${ID}:${ENCODED}==`],
    ['a non-canonical last character', `OCL1:${ID}:${ENCODED.slice(0, -1)}B`],
    ['a signature too short for DER', `OCL1:${ID}:AAAA`],
    ['a signature too long', `OCL1:${ID}:${'A'.repeat(100)}`],
  ])('refuses %s', (_, text) => {
    expect(parseLicenseQr(text)).toEqual({ ok: false, problem: 'license_qr_format' });
  });

  it('passes on what is wrong with the identifier', () => {
    expect(parseLicenseQr(`OCL1:${ID.replace(/R$/, 'S')}:${ENCODED}`)).toEqual({
      ok: false,
      problem: 'license_id_checksum',
    });
    expect(parseLicenseQr(`OCL1:${ID.slice(0, -6)}:${ENCODED}`)).toEqual({
      ok: false,
      problem: 'license_id_format',
    });
  });
});
