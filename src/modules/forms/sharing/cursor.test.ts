import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './service.ts';

describe('the form feed’s cursor', () => {
  it('names a position of one form and refuses anything else', () => {
    const cursor = encodeCursor(7, { at: '2026-01-02T03:04:05.123456Z', id: 42 });
    expect(decodeCursor(cursor, 7)).toEqual({ at: '2026-01-02T03:04:05.123456Z', id: 42 });
    expect(() => decodeCursor(cursor, 8)).toThrow('Bad cursor');
    expect(() => decodeCursor(`${cursor}!`, 7)).toThrow('Bad cursor');
    const forged = Buffer.from(JSON.stringify({ f: 7, t: "2026-01-02' or 1=1", i: 1 })).toString('base64url');
    expect(() => decodeCursor(forged, 7)).toThrow('Bad cursor');
    expect(() =>
      decodeCursor(Buffer.from('{"f":7,"t":"2026-01-02T03:04:05.123456Z","i":0}').toString('base64url'), 7),
    ).toThrow();
  });
});
