import { describe, expect, it } from 'vitest';
import {
  canonicalLicense,
  type DepartmentKeyPair,
  generateDepartmentKeyPair,
  type SignedLicenseFields,
  signLicense,
  verifyLicenseSignature,
} from './signature.ts';

const LICENSE: SignedLicenseFields = {
  id: '1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000001.001.R',
  typeCode: '11100000000013338W011',
  holderId: '430102199001011238',
  holderIdType: '111',
  holderName: '张三',
  issuerCode: '11430112MB1D00001L',
  issueDate: '2025-03-01',
  validFrom: '2025-03-01',
  validUntil: '2030-02-28',
};

const CANONICAL =
  '{"holderId":"430102199001011238","holderIdType":"111","holderName":"张三",' +
  '"id":"1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000001.001.R",' +
  '"issueDate":"2025-03-01","issuerCode":"11430112MB1D00001L","typeCode":"11100000000013338W011",' +
  '"validFrom":"2025-03-01","validUntil":"2030-02-28"}';

/*
 * Made outside OneCity with OpenSSL 3.0 over the canonical text above:
 *   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out k.pem
 *   openssl pkeyutl -sign -inkey k.pem -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in lic.json
 * so a match shows our canonical bytes, SM3 digest, default user ID and DER form are the standard ones.
 */
const OPENSSL_PUBLIC_KEY =
  '04d4846041d0f7c1928fbe104860982e75e94f8a7234486f86a222eb6f3b77dec5' +
  '6951449f6ab6965a4509a7c6e8b699623433d802c422bded153dafcb367d5b92';
const OPENSSL_SIGNATURE =
  '3044022053c5f451d3d8ba9b7beb456c1c2bf69c0b56de9afe46cffa3871390b2172905a' +
  '02205395aa3e2a8f2a0aec27bcb97a31d3bba86e974c92daf3c8c081bfff420c1400';

// Key generation and signing cost milliseconds each; two departments serve every test.
const approvalBureau: DepartmentKeyPair = generateDepartmentKeyPair();
const marketBureau: DepartmentKeyPair = generateDepartmentKeyPair();

describe('canonical license JSON', () => {
  it('is the signed fields with sorted keys, no whitespace and the name as written', () => {
    expect(canonicalLicense(LICENSE)).toBe(CANONICAL);
  });

  it('ignores property order and fields that are not signed', () => {
    const shuffled = Object.fromEntries(Object.entries(LICENSE).reverse()) as SignedLicenseFields;
    const record = { ...shuffled, status: 'revoked', revokedAt: '2026-01-01T00:00:00Z' };
    expect(canonicalLicense(record)).toBe(CANONICAL);
  });

  it('writes an open-ended validity as null', () => {
    expect(canonicalLicense({ ...LICENSE, validUntil: null })).toBe(
      CANONICAL.replace('"validUntil":"2030-02-28"', '"validUntil":null'),
    );
  });

  it('refuses values whose text would depend on how the record was read', () => {
    const asDate = { ...LICENSE, issueDate: new Date('2025-03-01') } as unknown as SignedLicenseFields;
    expect(() => canonicalLicense(asDate)).toThrow(TypeError);
    expect(() => canonicalLicense({ ...LICENSE, validFrom: '2025-3-1' })).toThrow(TypeError);
    expect(() => canonicalLicense({ ...LICENSE, holderName: '张\uD800' })).toThrow(TypeError);
    const missing = { ...LICENSE, holderName: undefined } as unknown as SignedLicenseFields;
    expect(() => canonicalLicense(missing)).toThrow(TypeError);
  });
});

describe('license signatures', () => {
  it('generates distinct SM2 key pairs in hex', () => {
    expect(approvalBureau.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(approvalBureau.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(marketBureau.privateKey).not.toBe(approvalBureau.privateKey);
  });

  it('verifies a signature made with the issuing department key', () => {
    const signature = signLicense(LICENSE, approvalBureau.privateKey);
    expect(signature).toMatch(/^30[0-9a-f]+$/); // DER SEQUENCE
    expect(verifyLicenseSignature(LICENSE, signature, approvalBureau.publicKey)).toBe(true);
    expect(
      verifyLicenseSignature(
        { ...LICENSE, validUntil: null },
        signLicense({ ...LICENSE, validUntil: null }, approvalBureau.privateKey),
        approvalBureau.publicKey,
      ),
    ).toBe(true);
  });

  it('agrees with OpenSSL', () => {
    expect(verifyLicenseSignature(LICENSE, OPENSSL_SIGNATURE, OPENSSL_PUBLIC_KEY)).toBe(true);
    expect(
      verifyLicenseSignature({ ...LICENSE, holderName: '张四' }, OPENSSL_SIGNATURE, OPENSSL_PUBLIC_KEY),
    ).toBe(false);
  });

  it.each<[string, Partial<SignedLicenseFields>]>([
    ['holder name', { holderName: '李四' }],
    ['valid-until date', { validUntil: '2035-02-28' }],
    ['valid-until made open-ended', { validUntil: null }],
    ['holder ID number', { holderId: '11010519491231002X' }],
    ['holder code type', { holderIdType: '001' }],
    ['issue date', { issueDate: '2025-03-02' }],
    ['valid-from date', { validFrom: '2024-03-01' }],
    ['identifier', { id: '1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000002.001.B' }],
  ])('does not verify after the %s is changed', (_, change) => {
    const signature = signLicense(LICENSE, approvalBureau.privateKey);
    expect(verifyLicenseSignature({ ...LICENSE, ...change }, signature, approvalBureau.publicKey)).toBe(
      false,
    );
  });

  it("does not verify with another department's key", () => {
    const byMarket = signLicense(LICENSE, marketBureau.privateKey);
    expect(verifyLicenseSignature(LICENSE, byMarket, approvalBureau.publicKey)).toBe(false);
    const byApproval = signLicense(LICENSE, approvalBureau.privateKey);
    expect(verifyLicenseSignature(LICENSE, byApproval, marketBureau.publicKey)).toBe(false);
  });

  it('answers false, without throwing, for malformed signatures and keys', () => {
    const signature = signLicense(LICENSE, approvalBureau.privateKey);
    for (const bad of ['', 'zz', signature.slice(0, -2), `${signature}00`, signature.toUpperCase(), '3000']) {
      expect(verifyLicenseSignature(LICENSE, bad, approvalBureau.publicKey)).toBe(false);
    }
    for (const key of [
      '',
      '04',
      `05${approvalBureau.publicKey.slice(2)}`,
      approvalBureau.publicKey.slice(0, -2),
    ]) {
      expect(verifyLicenseSignature(LICENSE, signature, key)).toBe(false);
    }
  });

  it('refuses to sign a license whose identifier disagrees with its fields', () => {
    expect(() =>
      signLicense({ ...LICENSE, issuerCode: '11430112MB1D00002P' }, approvalBureau.privateKey),
    ).toThrow(RangeError);
    expect(() =>
      signLicense({ ...LICENSE, typeCode: '11100000MB03271699022' }, approvalBureau.privateKey),
    ).toThrow(RangeError);
    expect(() =>
      signLicense({ ...LICENSE, id: `${LICENSE.id.slice(0, -1)}S` }, approvalBureau.privateKey),
    ).toThrow(RangeError);
  });
});
