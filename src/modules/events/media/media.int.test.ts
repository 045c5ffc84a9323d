import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { eventsPlatform } from '../cases/case-test-kit.ts';

// The smallest PNG: 1×1, one transparent pixel.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
const webp = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x20, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(24),
]);

describe.each(databaseKinds)('case photos (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof eventsPlatform>>;
  beforeAll(async () => {
    t = await eventsPlatform(kind);
  });
  afterAll(() => t?.p.close());

  const upload = (cookie: string | undefined, body: Buffer, type = 'application/octet-stream') =>
    t.p.app.inject({
      method: 'POST',
      url: '/api/events/media',
      headers: { 'content-type': type, ...(cookie && { cookie }) },
      payload: body,
    });

  it('stores an inspector’s photo under its hash, once, and signed-in readers get it back', async () => {
    const res = await upload(t.as.inspector!.cookie, png, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const sha = createHash('sha256').update(png).digest('hex');
    expect(res.json()).toEqual({
      name: `${sha}.png`,
      url: `/api/events/media/${sha}.png`,
      contentType: 'image/png',
      size: png.length,
    });
    expect(fs.existsSync(path.join(t.p.config.dataDir, 'events-media', `${sha}.png`))).toBe(true);
    // The same bytes again are the same file.
    expect((await upload(t.as.operator!.cookie, png)).json().name).toBe(`${sha}.png`);
    expect(fs.readdirSync(path.join(t.p.config.dataDir, 'events-media'))).toEqual([`${sha}.png`]);

    const read = await t.call('GET', res.json().url, t.as.cgj!);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(read.rawPayload.equals(png)).toBe(true);
  });

  it('knows JPEG and WebP by their bytes, whatever the header says', async () => {
    const j = await upload(t.as.inspector!.cookie, jpeg, 'image/png');
    expect(j.statusCode, j.body).toBe(201);
    expect(j.json()).toMatchObject({ contentType: 'image/jpeg', name: expect.stringMatching(/\.jpg$/) });
    const w = await upload(t.as.inspector!.cookie, webp);
    expect(w.statusCode, w.body).toBe(201);
    expect(w.json().name).toMatch(/\.webp$/);
    expect((await t.call('GET', w.json().url, t.as.inspector!)).headers['content-type']).toBe('image/webp');
  });

  it('refuses what is not an image, an empty body and more than 10 MB', async () => {
    const text = await upload(
      t.as.inspector!.cookie,
      Buffer.from('<svg onload="alert(1)"></svg>'),
      'image/png',
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().code).toBe('not_an_image');
    const zh = await t.p.app.inject({
      method: 'POST',
      url: '/api/events/media',
      headers: {
        cookie: t.as.inspector!.cookie,
        'content-type': 'application/octet-stream',
        'accept-language': 'zh-CN',
      },
      payload: Buffer.from('%PDF-1.7'),
    });
    expect(zh.json().detail).toContain('JPEG');
    expect((await upload(t.as.inspector!.cookie, Buffer.alloc(0))).statusCode).toBe(400);
    const big = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(t.as.inspector!.cookie, big)).statusCode).toBe(413);
  });

  it('refuses anonymous callers (401), roles without patrol (403) and names that are no photo names', async () => {
    expect((await upload(undefined, png)).statusCode).toBe(401);
    const name = createHash('sha256').update(png).digest('hex');
    expect((await t.call('GET', `/api/events/media/${name}.png`, null)).statusCode).toBe(401);
    expect((await upload(t.as.cgj!.cookie, png)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/events/media/..%2F..%2Faudit.key', t.as.cgj!)).statusCode).toBe(400);
    expect((await t.call('GET', `/api/events/media/${'0'.repeat(64)}.png`, t.as.cgj!)).statusCode).toBe(404);
  });
});
