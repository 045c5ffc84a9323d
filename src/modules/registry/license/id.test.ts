import { describe, expect, it } from 'vitest';
import { checkLicenseId, LICENSE_ID_PREFIX, licenseIdCheck } from '../../../core/cn-codes.ts';
import { buildLicenseId, checkOwnLicenseId, type LicenseIdParts, parseLicenseId } from './id.ts';

// Fictional Wangcheng issuers with valid GB 32100 check characters.
const ISSUER_A = '11430112MB1D00001L';
const ISSUER_B = '11430112MB1D00002P';

/*
 * ISO 7064 MOD 37,36 worked by hand. Characters are worth 0-9 and A=10 … Z=35; start with p = 36; for each
 * character s = (p + value) mod 36 (0 counts as 36), then p = 2s mod 37; the check is (37 - p) mod 36.
 * "c→p" is each character and the p after it.
 *
 * Vector A: 11100000000013338W011 11430112MB1D00001L 0000000001 001
 *   1→2  1→6  1→14  0→28  0→19  0→1  0→2  0→4  0→8  0→16  0→32  0→27  1→19  3→7  3→20  3→9  8→34  W→23
 *   0→9  1→20  1→5  1→12  1→26  4→23  3→15  0→30  1→25  1→15  2→34  M→3  B→28  1→21  D→31  0→25  0→13  0→26
 *   0→15  1→32  L→34  0→31  0→25  0→13  0→26  0→15  0→30  0→23  0→9  0→18  1→1  0→2  0→4  1→10
 *   (e.g. W: s = (34 + 32) mod 36 = 30, p = 60 mod 37 = 23; last 1: s = 4 + 1 = 5, p = 10.)
 *   check = (37 - 10) mod 36 = 27 = R.
 *
 * Vector B: 11100000MB03271699022 11430112MB1D00002P 0000123456 002
 *   1→2  1→6  1→14  0→28  0→19  0→1  0→2  0→4  M→15  B→15  0→30  3→29  2→25  7→27  1→19  6→13  9→7  9→32
 *   0→27  2→21  2→9  1→20  1→5  4→18  3→5  0→10  1→22  1→9  2→22  M→16  B→17  1→36  D→26  0→15  0→30  0→23
 *   0→9  2→22  P→22  0→7  0→14  0→28  0→19  1→3  2→10  3→26  4→23  5→19  6→13  0→26  0→15  2→34
 *   (e.g. M: s = (4 + 22) mod 36 = 26, p = 52 mod 37 = 15; 1 after B: s = 17 + 1 = 18, p = 36.)
 *   check = (37 - 34) mod 36 = 3.
 *
 * Anchor from ISO 7064 itself: A12425GABC1234002 has check M.
 *   A→20  1→5  2→14  4→36  2→4  5→18  G→31  A→10  B→5  C→34  1→33  2→33  3→35  4→6  0→12  0→24  2→15
 *   check = (37 - 15) mod 36 = 22 = M.
 */
const VECTOR_A: LicenseIdParts = {
  typeCode: '11100000000013338W011',
  issuerCode: ISSUER_A,
  serial: 1,
  version: 1,
};
const ID_A = '1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000001.001.R';
const VECTOR_B: LicenseIdParts = {
  typeCode: '11100000MB03271699022',
  issuerCode: ISSUER_B,
  serial: 123456,
  version: 2,
};
const ID_B = '1.2.156.3005.2.11100000MB03271699022.11430112MB1D00002P.0000123456.002.3';

// Published identifiers (test/fixtures/cn-code-test-vectors.json).
const PUBLISHED_10_DIGIT_SERIAL = '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0';
const PUBLISHED_11_DIGIT_SERIAL = '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U';
const PUBLISHED_DIVISION_ISSUER = '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9';

/** The identifier with its check character recomputed, so only the change under test is wrong. */
function withCheck(bodyWithoutCheck: string): string {
  return `${bodyWithoutCheck}.${licenseIdCheck(bodyWithoutCheck)}`;
}

describe('license identifiers', () => {
  it('computes the hand-worked check characters', () => {
    expect(buildLicenseId(VECTOR_A)).toBe(ID_A);
    expect(buildLicenseId(VECTOR_B)).toBe(ID_B);
    expect(licenseIdCheck(`${LICENSE_ID_PREFIX}A12425GABC1234002`)).toBe('M');
  });

  it('parses an identifier back into the parts it was built from', () => {
    for (const parts of [
      VECTOR_A,
      VECTOR_B,
      { ...VECTOR_A, serial: 9_999_999_999, version: 999 },
      { ...VECTOR_B, issuerCode: ISSUER_A, serial: 42, version: 10 },
    ]) {
      const id = buildLicenseId(parts);
      const parsed = parseLicenseId(id);
      expect(parsed).toEqual({ ok: true, value: { ...parts, id, check: id.at(-1) } });
      // The general check in core agrees with every identifier we build.
      expect(checkLicenseId(id)).toBeNull();
    }
  });

  it('reads a published identifier of the same shape and rebuilds it exactly', () => {
    const parsed = parseLicenseId(PUBLISHED_10_DIGIT_SERIAL);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(buildLicenseId(parsed.value)).toBe(PUBLISHED_10_DIGIT_SERIAL);
  });

  it('refuses published identifiers of shapes we do not issue', () => {
    expect(checkOwnLicenseId(PUBLISHED_11_DIGIT_SERIAL)).toBe('license_id_format');
    expect(checkOwnLicenseId(PUBLISHED_DIVISION_ISSUER)).toBe('license_id_format');
  });

  it.each([
    ['no prefix', ID_A.slice(LICENSE_ID_PREFIX.length)],
    ['another OID root', ID_A.replace('1.2.156.3005.2.', '1.2.156.3005.1.')],
    ['empty', ''],
    ['a missing field', withCheck('1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000001')],
    ['an extra field', withCheck(`${ID_A.slice(0, -2)}.001`)],
    ['a short type code', withCheck('1.2.156.3005.2.11100000000013338W01.11430112MB1D00001L.0000000001.001')],
    [
      'a type code with I',
      withCheck('1.2.156.3005.2.1110000000001333IW011.11430112MB1D00001L.0000000001.001'),
    ],
    [
      'a type code ending in a letter',
      withCheck('1.2.156.3005.2.11100000000013338W01A.11430112MB1D00001L.0000000001.001'),
    ],
    ['a short issuer', withCheck('1.2.156.3005.2.11100000000013338W011.11430112MB1D0001L.0000000001.001')],
    ['a 9-digit serial', withCheck('1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.000000001.001')],
    [
      'a serial with a letter',
      withCheck('1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.00000000A1.001'),
    ],
    ['a zero serial', withCheck('1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000000.001')],
    ['a 2-digit version', withCheck('1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000001.01')],
    ['a zero version', withCheck('1.2.156.3005.2.11100000000013338W011.11430112MB1D00001L.0000000001.000')],
    ['a lower-case check character', ID_A.replace(/R$/, 'r')],
    ['a two-character check', `${ID_A}R`],
    ['lower-case letters', ID_A.toLowerCase()],
    ['surrounding space', ` ${ID_A}`],
  ])('refuses %s as license_id_format', (_, id) => {
    expect(checkOwnLicenseId(id)).toBe('license_id_format');
  });

  it('finds a wrong check character, a changed digit and swapped digits', () => {
    expect(checkOwnLicenseId(ID_A.replace(/R$/, 'S'))).toBe('license_id_checksum');
    expect(checkOwnLicenseId(ID_A.replace('0000000001', '0000000002'))).toBe('license_id_checksum');
    expect(checkOwnLicenseId(ID_B.replace('0000123456', '0000124356'))).toBe('license_id_checksum');
  });

  it('refuses an issuer that is not a valid credit code even when the check character fits', () => {
    // Mod-31 check character wrong (L → A), and a letter GB 32100 never uses (I).
    for (const issuer of ['11430112MB1D00001A', '11430112MI1D00001L']) {
      const id = withCheck(`1.2.156.3005.2.11100000000013338W011.${issuer}.0000000001.001`);
      expect(checkLicenseId(id)).toBeNull();
      expect(checkOwnLicenseId(id)).toBe('license_id_issuer');
    }
  });

  it('refuses to build from bad parts', () => {
    expect(() => buildLicenseId({ ...VECTOR_A, typeCode: '11100000000013338W01' })).toThrow(RangeError);
    expect(() => buildLicenseId({ ...VECTOR_A, issuerCode: '11430112MB1D00001A' })).toThrow(RangeError);
    for (const serial of [0, -1, 1.5, 10_000_000_000]) {
      expect(() => buildLicenseId({ ...VECTOR_A, serial })).toThrow(RangeError);
    }
    for (const version of [0, 1000, 2.5]) {
      expect(() => buildLicenseId({ ...VECTOR_A, version })).toThrow(RangeError);
    }
  });
});
