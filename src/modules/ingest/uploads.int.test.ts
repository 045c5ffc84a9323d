// Uploaded files on both databases: each department's own folder and quota, and the sweep of files left behind.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { lookupCtx } from '../../core/context.ts';

const HOUR = 3_600_000;

/** A household CSV of about `kb` kilobytes, different for each `seed`. */
function householdCsv(kb: number, seed: number) {
  const lines = ['身份证号,姓名'];
  for (let i = 0, size = 0; size < kb * 1024; i++) {
    lines.push(`4301021990010${seed}${i},张三`);
    size += Buffer.byteLength(lines.at(-1)!) + 1;
  }
  return `${lines.join('\n')}\n`;
}

describe.each(databaseKinds)('uploaded files on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  let gafj: { cookie: string };
  const uploads = () => path.join(p.config.dataDir, 'uploads');
  const upload = (who: { cookie: string }, body: string) =>
    p.app.inject({
      method: 'POST',
      url: `/api/ingest/uploads?resource=gafj_household&fileName=${encodeURIComponent('户籍.csv')}`,
      headers: { ...who, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  const run = (who: { cookie: string }, uploadId: string) =>
    p.app.inject({
      method: 'POST',
      url: '/api/ingest/runs',
      headers: who,
      payload: { resource: 'gafj_household', uploadId, fileName: '户籍.csv' },
    });
  /** Every file under the uploads folder, relative to it. */
  const files = () =>
    (fs.readdirSync(uploads(), { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(uploads(), f)).isFile())
      .sort();

  beforeAll(async () => {
    p = await startTestPlatform(kind, { ONECITY_UPLOAD_QUOTA_MB: '1', ONECITY_UPLOAD_KEEP_HOURS: '24' });
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    const gafjId = (await p.modules.org.service.findDepartmentByCode('GAFJ'))!.id;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: `gafj-up-${kind}`,
        displayName: '公安',
        departmentId: gafjId,
        roles: ['department_user'],
        password: 'Upload#2026x',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    gafj = await login(p.app, `gafj-up-${kind}`, 'Upload#2026x');
  });
  afterAll(() => p?.close());

  it("keeps a department's uploads apart: another caller cannot load them by their hash", async () => {
    const body = householdCsv(1, 1);
    const mine = (await upload(gafj, body)).json();
    const byCenter = await run(admin, mine.uploadId);
    expect(byCenter.statusCode).toBe(400);
    expect(byCenter.json()).toMatchObject({ code: 'unknown_upload', errors: [{ field: 'uploadId' }] });
    expect((await run(gafj, mine.uploadId)).statusCode).toBe(202);
    await p.modules.ingest.service.idle();
  });

  it('refuses an upload over the quota with 413 naming the file, keeping nothing of it', async () => {
    const first = await upload(gafj, householdCsv(600, 2));
    expect(first.statusCode, first.body).toBe(200);
    const before = files();
    const over = await upload(gafj, householdCsv(600, 3));
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({
      code: 'upload_quota_exceeded',
      errors: [{ field: 'file', reason: 'upload_quota_exceeded' }],
    });
    expect(over.json().detail).toContain('1 MB');
    expect(files()).toEqual(before);
    // The quota is the department's: the center's own uploads are counted apart.
    expect((await upload(admin, householdCsv(600, 3))).statusCode).toBe(200);
  });

  it('sweeps uploads past their keep time and half-written files, but not what a running batch reads', async () => {
    const old = (await upload(gafj, householdCsv(1, 4))).json().uploadId as string;
    const reading = (await upload(gafj, householdCsv(1, 5))).json().uploadId as string;
    const fresh = (await upload(gafj, householdCsv(1, 6))).json().uploadId as string;
    const folder = path.dirname(path.join(uploads(), files().find((f) => f.endsWith(old))!));
    const partial = path.join(folder, '.upload-1-2-crashed');
    fs.writeFileSync(partial, 'half');
    const age = (file: string, ms: number) => {
      const at = new Date(Date.now() - ms);
      fs.utimesSync(file, at, at);
    };
    age(path.join(folder, old), 25 * HOUR);
    age(path.join(folder, reading), 25 * HOUR);
    age(partial, 2 * HOUR);
    // A batch still loading the second file (one started by another process, say).
    const resource = await p.modules.catalog.service.get(lookupCtx, 'gafj_household');
    await p.database.db.execute(sql`
      insert into ingest.batches (resource_id, resource_code, source_kind, stored_file, mapping, status, created_by)
      values (${resource.id}, 'gafj_household', 'file', ${path.join(folder, reading)}, '{}', 'running', 'test')`);

    const freed = await p.modules.ingest.service.sweepUploads();
    expect(freed.files).toBe(2);
    const left = fs.readdirSync(folder);
    expect(left).not.toContain(old);
    expect(left).not.toContain('.upload-1-2-crashed');
    expect(left).toEqual(expect.arrayContaining([reading, fresh]));
    expect((await run(gafj, old)).json().code).toBe('unknown_upload');
  });
});
