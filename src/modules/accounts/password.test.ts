import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, generatePassword, hashPassword, isStrongPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const a = await hashPassword('Passw0rd!x');
    const b = await hashPassword('Passw0rd!x');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Passw0rd!x', a)).toBe(true);
    expect(await verifyPassword('Passw0rd!X', a)).toBe(false);
    expect(await verifyPassword('anything', DUMMY_HASH)).toBe(false);
  });

  it('requires 8+ characters from three character classes', () => {
    expect(isStrongPassword('Abcdefg1')).toBe(true);
    expect(isStrongPassword('abcdefg1!')).toBe(true);
    expect(isStrongPassword('abcdefgh1')).toBe(false);
    expect(isStrongPassword('Ab1!')).toBe(false);
  });

  it('generates passwords that meet the policy', () => {
    for (let i = 0; i < 200; i++) expect(isStrongPassword(generatePassword())).toBe(true);
  });
});
