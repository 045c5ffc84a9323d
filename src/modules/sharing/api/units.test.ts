import { describe, expect, it } from 'vitest';
import type { Resource } from '../../catalog/index.ts';
import { countRefusals } from './call-log.ts';
import { parseBearer } from './credential-check.ts';
import { createCursorCodec, cursorKey } from './cursor.ts';
import { createShareLimits, RetryLaterError, windowsAt } from './limits.ts';
import { shareMasker } from './masking.ts';
import { checkRequestText, cleanText, isCleanText, loggedQuery } from './query.ts';
import type { CallRow } from './repository.ts';

const item = (code: string, name: string, type = 'string', personal = false) =>
  ({ code, name, type, personal, required: false }) as Resource['items'][number];
const person = {
  items: [
    item('id_number', '公民身份号码', 'id_number', true),
    item('name', '姓名', 'string', true),
    item('phone', '联系电话', 'phone', true),
    item('address', '住址', 'string', true),
    item('sex', '性别'),
  ],
  keyItems: ['id_number'],
} as Resource;

describe('share masking', () => {
  it('masks personal items and the key unless the grant has them raw', () => {
    const masked = shareMasker(person, []);
    expect(
      masked.values(
        {
          id_number: '430112199001011234',
          name: '欧阳娜娜',
          phone: '13812341234',
          address: '望城区雷锋大道18号',
          sex: '女',
        },
        ['id_number', 'name', 'phone', 'address', 'sex', 'missing'],
      ),
    ).toEqual({
      id_number: '430112********1234',
      name: '欧阳**',
      phone: '138****1234',
      address: '望城区雷锋大道**',
      // Sex is digit 17 of the ID number: served masked with it.
      sex: '*',
      missing: null,
    });
    expect(masked.key('430112199001011234')).toBe('430112********1234');
    const raw = shareMasker(person, ['id_number', 'name']);
    expect(raw.key('430112199001011234')).toBe('430112199001011234');
    expect(raw.values({ name: '张三', phone: '13812341234', sex: '女' }, ['name', 'phone', 'sex'])).toEqual({
      name: '张三',
      phone: '138****1234',
      sex: '女',
    });
  });

  it('masks a composite key element by element', () => {
    const composite = { ...person, keyItems: ['id_number', 'sex'] } as Resource;
    expect(shareMasker(composite, []).key('["430112199001011234","女"]')).toBe('["430112********1234","*"]');
    expect(shareMasker(composite, ['id_number']).key('["430112199001011234","女"]')).toBe(
      '["430112199001011234","女"]',
    );
  });
});

describe('share cursor', () => {
  const codec = createCursorCodec(cursorKey('db-1'));
  const position = { at: '2026-01-02T03:04:05.123456Z', key: '430112199001011234' };

  it('round-trips a position without showing the key', () => {
    const cursor = codec.encode(7, position);
    expect(codec.decode(cursor, 7)).toEqual(position);
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('19900101');
  });

  it('refuses another resource, another database, tampering and garbage', () => {
    const cursor = codec.encode(7, position);
    const refused = (fn: () => unknown) =>
      expect(fn).toThrow(expect.objectContaining({ code: 'bad_cursor' }));
    refused(() => codec.decode(cursor, 8));
    refused(() => createCursorCodec(cursorKey('db-2')).decode(cursor, 7));
    refused(() =>
      codec.decode(`${cursor.slice(0, 20)}${cursor[20] === 'A' ? 'B' : 'A'}${cursor.slice(21)}`, 7),
    );
    refused(() => codec.decode('bm90IGEgY3Vyc29y', 7));
    refused(() => codec.decode('%27%20or%201%3D1', 7));
  });
});

describe('share limits', () => {
  const grant = { grantId: 1, ratePerMinute: 2, dailyQuota: 3 };

  it('counts reserved calls and refuses past the rate, then the quota', async () => {
    const limits = createShareLimits(async () => []);
    const now = new Date('2026-03-01T10:00:10Z');
    await limits.prime(1, now);
    limits.reserve(grant, now);
    limits.reserve(grant, now);
    expect(() => limits.reserve(grant, now)).toThrow(
      expect.objectContaining({ code: 'rate_limited', retryAfter: 50 }),
    );
    const later = new Date('2026-03-01T10:01:00Z');
    await limits.prime(1, later);
    limits.reserve(grant, later);
    expect(() => limits.reserve(grant, later)).toThrow(RetryLaterError);
    expect(() => limits.reserve(grant, later)).toThrow(expect.objectContaining({ code: 'over_quota' }));
  });

  it('starts from the stored counts and takes the totals a flush returns', async () => {
    const now = new Date('2026-03-01T10:00:10Z');
    const starts = windowsAt(now);
    const limits = createShareLimits(async (grantId) => [
      { grantId, period: 'day', startsAt: starts.day, calls: 3 },
    ]);
    await limits.prime(1, now);
    expect(() => limits.reserve(grant, now)).toThrow(expect.objectContaining({ code: 'over_quota' }));
    const other = createShareLimits(async () => []);
    await other.prime(1, now);
    const counted = other.reserve(grant, now);
    other.settle(counted, [{ grantId: 1, period: 'minute', startsAt: starts.minute, calls: 2 }], now);
    expect(() => other.reserve(grant, now)).toThrow(expect.objectContaining({ code: 'rate_limited' }));
  });

  it('starts the day at midnight in Asia/Shanghai', () => {
    expect(new Date(windowsAt(new Date('2026-03-01T17:30:00Z')).day).toISOString()).toBe(
      '2026-03-01T16:00:00.000Z',
    );
  });
});

describe('share credential header', () => {
  it('reads Bearer <keyId>.<secret> and nothing else', () => {
    expect(parseBearer('Bearer ak_0123456789abcdef.c2VjcmV0')).toEqual({
      keyId: 'ak_0123456789abcdef',
      secret: 'c2VjcmV0',
    });
    for (const bad of [
      undefined,
      '',
      'Bearer oc_token',
      'Basic YWRtaW4=',
      'Bearer ak_0123.x',
      'Bearer ak_0123456789abcdef',
    ])
      expect(parseBearer(bad)).toBeNull();
  });
});

describe('share request text', () => {
  it('tells text the database can take from text it cannot', () => {
    for (const text of ['张三', '430112199001011230', 'a b', '😀', ''])
      expect(isCleanText(text), text).toBe(true);
    for (const text of [
      'x\u0000',
      '\u0001',
      'a\nb',
      '\u007f',
      '\ufffd',
      '\ud800',
      'a\udc00b',
      '😀'.slice(0, 1),
    ])
      expect(isCleanText(text), JSON.stringify(text)).toBe(false);
  });

  it('cleans what it logs, mending a surrogate pair a cut splits', () => {
    expect(cleanText('x\u0000y', 10)).toBe('x\ufffdy');
    expect(cleanText(`${'a'.repeat(199)}😀`, 200)).toBe(`${'a'.repeat(199)}\ufffd`);
    const logged = loggedQuery({ 'k\u0000': 'v\u0000', list: ['\ud800'] });
    expect(JSON.stringify(logged)).not.toMatch(/\\u0000|\\ud800/);
  });

  it('refuses bad resource names, keys, parameter names and values, naming each', () => {
    const fields = (resource: string, key: string | undefined, query: Record<string, string | string[]>) => {
      try {
        checkRequestText(resource, key, query);
        return [];
      } catch (error) {
        return (error as { fields: { field: string; reason: string }[] }).fields.map(
          (f) => `${f.field}:${f.reason}`,
        );
      }
    };
    expect(fields('population', 'k', { name: 'x', items: 'a,b' })).toEqual([]);
    expect(fields('pop\u0000', 'k\u0000', {})).toEqual(['resource:invalid_text', 'key:invalid_text']);
    expect(
      fields('population', undefined, { 'n\u0000': 'x', sex: ['a', '\ud800'], phone: '1'.repeat(201) }),
    ).toEqual(['n\ufffd:invalid_text', 'sex:invalid_text', 'phone:too_long']);
    // Reserved parameters (a long item list) may be longer than a filter value.
    expect(fields('population', undefined, { items: 'a,'.repeat(150) })).toEqual([]);
  });
});

describe('share refusal counts', () => {
  it('sums refusals per minute, address, reason and status', () => {
    const at = new Date('2026-12-06T10:00:30Z');
    const row = (ip: string | null, outcome: string, seconds = 0): CallRow => ({
      at: new Date(at.getTime() + seconds * 1000),
      keyId: null,
      grantId: null,
      consumerDepartmentId: null,
      resourceId: null,
      endpoint: 'get',
      items: null,
      query: null,
      rows: 0,
      outcome,
      status: 401,
      ms: 1,
      ip,
    });
    const counts = countRefusals([
      row('192.0.2.1', 'no_credential'),
      row('192.0.2.1', 'no_credential', 10),
      row('192.0.2.1', 'no_credential', 40),
      row('192.0.2.2', 'no_credential'),
      row(null, 'bad_signature'),
    ]);
    expect(counts.map((c) => [c.ip, c.outcome, new Date(c.minute).toISOString(), c.calls])).toEqual([
      ['192.0.2.1', 'no_credential', '2026-12-06T10:00:00.000Z', 2],
      ['192.0.2.1', 'no_credential', '2026-12-06T10:01:00.000Z', 1],
      ['192.0.2.2', 'no_credential', '2026-12-06T10:00:00.000Z', 1],
      ['', 'bad_signature', '2026-12-06T10:00:00.000Z', 1],
    ]);
    expect(counts[0]!.lastAt.toISOString()).toBe('2026-12-06T10:00:40.000Z');
  });
});
