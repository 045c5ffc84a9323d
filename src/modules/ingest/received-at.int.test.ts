import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { systemCtx } from '../../core/context.ts';
import { InputError } from '../../core/errors.ts';

const DAY = 86_400_000;
const ctx = systemCtx('test');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-received-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.each(databaseKinds)('a delivery received in the past on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  const file = path.join(work, `levels-${kind}.csv`);

  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    fs.writeFileSync(
      file,
      '测站编码,测站名称,观测时间,水位（米）\nSW01,月亮岛站,2026-11-24 08:00:00,34.1\nSW02,高塘岭站,2026-11-24 08:00:00,abc\n',
    );
  });
  afterAll(async () => {
    await p?.close();
  });

  it('is dated when it was received, by an in-process caller, and takes its place among the batches', async () => {
    const receivedAt = new Date(Math.floor((Date.now() - 3 * DAY) / 1000) * 1000);
    const past = await p.modules.ingest.service.ingestFile(ctx, {
      resource: 'slj_water_level',
      file,
      receivedAt,
    });
    expect(past).toMatchObject({
      status: 'done',
      inserted: 1,
      rejected: 1,
      startedAt: receivedAt.toISOString(),
    });
    // Finished as long after it was received as loading took.
    const took = new Date(past.finishedAt!).getTime() - receivedAt.getTime();
    expect(took).toBeGreaterThanOrEqual(0);
    expect(took).toBeCloseTo(past.seconds! * 1000, -1);
    const today = await p.modules.ingest.service.ingestFile(ctx, { resource: 'slj_water_level', file });
    expect(Date.now() - new Date(today.startedAt).getTime()).toBeLessThan(DAY);

    const quality = await p.modules.ingest.service.qualityHistory(ctx, 'slj_water_level');
    expect(quality.map((q) => q.at)).toEqual([receivedAt.toISOString(), today.startedAt]);
    const audit = await p.app.inject({
      method: 'GET',
      url: '/api/audit?action=ingest.batch',
      headers: admin,
    });
    expect(audit.json().items).toContainEqual(
      expect.objectContaining({ detail: expect.objectContaining({ receivedAt: receivedAt.toISOString() }) }),
    );
  });

  it('cannot be received in the future, and the API gives no way to date one', async () => {
    const error = await p.modules.ingest.service
      .ingestFile(ctx, { resource: 'slj_water_level', file, receivedAt: new Date(Date.now() + DAY) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('received_in_future');
    const pushed = await p.app.inject({
      method: 'POST',
      url: '/api/ingest/push/slj_water_level',
      headers: admin,
      payload: {
        records: [{ station_code: 'SW03', observed_at: '2026-11-24 09:00', level_m: 33 }],
        receivedAt: '2020-01-01T00:00:00Z',
      },
    });
    expect(pushed.statusCode).toBe(400);
  });
});
