import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';
import { systemCtx } from '../../core/context.ts';
import { queryRows } from '../../core/db.ts';
import { CHECKPOINT_LOG } from './checkpoints.ts';

describe.each(databaseKinds)('audit checkpoints on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let logFile: string;
  let admin: { cookie: string };
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    logFile = path.join(p.config.dataDir, CHECKPOINT_LOG);
    // Signed in once, before the entries the tests count: a sign-in is an entry too.
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => p?.close());

  const audit = () => p.modules.audit.service;
  const record = (n: number, action: string) =>
    Promise.all(Array.from({ length: n }, (_, i) => audit().recordNow(systemCtx(), { action, targetId: i })));
  const dbCheckpoints = () =>
    queryRows<{ id: number; entry_count: number }>(
      p.database.db,
      sql`select id::int as id, entry_count::int as entry_count from audit_anchor.checkpoints order by id`,
    );
  /** Deletes the newest `n` entries the way a superuser would: with the append-only trigger disabled. */
  async function deleteNewest(n: number) {
    await p.database.db.execute(sql`alter table audit.entries disable trigger entries_append_only`);
    await p.database.db.execute(
      sql`delete from audit.entries where id in (select id from audit.entries order by id desc limit ${n})`,
    );
    await p.database.db.execute(sql`alter table audit.entries enable trigger entries_append_only`);
    const [last] = await queryRows<{ id: number }>(
      p.database.db,
      sql`select max(id)::int as id from audit.entries`,
    );
    return last!.id;
  }

  it('stays intact with checkpoints, signs them with the data directory key, and checkpoints after verify', async () => {
    await record(5, 'test.before');
    const first = await audit().checkpoint();
    expect(first).toMatchObject({ count: await audit().count() });
    // An unmoved head is not checkpointed again.
    expect(await audit().checkpoint()).toBeNull();
    await record(2, 'test.more');
    const result = await audit().verify();
    expect(result).toMatchObject({ ok: true, brokenAt: null, truncatedAfter: null, checkpoints: 1 });
    expect(result.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    // The verify anchored the head it checked, in the file and in the database.
    const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ count: result.checked });
    expect((await dbCheckpoints()).map((c) => c.entry_count)).toEqual([first!.count, result.checked]);
    expect(fs.statSync(path.join(p.config.dataDir, 'audit-key.json')).mode & 0o777).toBe(0o600);
    const res = await p.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin });
    expect(res.json()).toMatchObject({ ok: true, checkpoints: 2 });
  });

  it('reports a checkpoint altered in the database or in the file, whose signature no longer matches', async () => {
    const [newest] = (await dbCheckpoints()).slice(-1);
    // Lowering a checkpoint's count is what would hide deleted entries; the signature does not cover it.
    await p.database.db.execute(
      sql`update audit_anchor.checkpoints set entry_count = entry_count - 1 where id = ${newest!.id}`,
    );
    const altered = await audit().verify();
    expect(altered).toMatchObject({ ok: false, brokenAt: null, truncatedAfter: null });
    expect(altered.reason).toMatch(/audit_anchor\.checkpoints does not carry the audit key's signature/);
    await p.database.db.execute(
      sql`update audit_anchor.checkpoints set entry_count = entry_count + 1 where id = ${newest!.id}`,
    );
    expect(await audit().verify()).toMatchObject({ ok: true });

    const original = fs.readFileSync(logFile, 'utf8');
    const lines = original.trim().split('\n');
    const last = JSON.parse(lines.at(-1)!);
    fs.writeFileSync(
      logFile,
      `${[...lines.slice(0, -1), JSON.stringify({ ...last, count: last.count - 1 })].join('\n')}\n`,
    );
    const forgedLine = await audit().verify();
    expect(forgedLine.ok).toBe(false);
    expect(forgedLine.reason).toMatch(new RegExp(`${CHECKPOINT_LOG} line ${lines.length} does not carry`));
    fs.writeFileSync(logFile, original);
    expect(await audit().verify()).toMatchObject({ ok: true });
  });

  it('reports the newest entries deleted after a checkpoint, from the file even when the database copy is gone too', async () => {
    await record(4, 'test.tail');
    const anchored = await audit().checkpoint();
    const lastLeft = await deleteNewest(3);
    const result = await audit().verify();
    expect(result).toMatchObject({
      ok: false,
      brokenAt: null,
      truncatedAfter: lastLeft,
      checked: anchored!.count - 3,
    });
    expect(result.reason).toMatch(
      new RegExp(`^truncated after entry ${lastLeft}: .* vouches for ${anchored!.count} entries`),
    );
    const res = await p.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin });
    expect(res.json()).toMatchObject({ ok: false, truncatedAfter: lastLeft });

    // A superuser can empty the database's copy as well; the data directory's log still knows.
    await p.database.db.execute(sql`delete from audit_anchor.checkpoints`);
    expect(await audit().verify()).toMatchObject({ ok: false, truncatedAfter: lastLeft });
    // And with the log gone instead, the database's copy still knows.
    const log = fs.readFileSync(logFile, 'utf8');
    fs.rmSync(logFile);
    for (const line of log.trim().split('\n')) {
      const c = JSON.parse(line);
      await p.database.db.execute(
        sql`insert into audit_anchor.checkpoints (at, entry_count, head_id, head_hash, key_id, signature)
            values (${c.at}, ${c.count}, ${c.headId}, ${c.headHash}, ${c.keyId}, ${c.signature})`,
      );
    }
    expect(await audit().verify()).toMatchObject({ ok: false, truncatedAfter: lastLeft });

    // Writing new entries in place of the deleted ones does not hide it: the entry at the checkpoint's count differs.
    const [firstNew] = (await record(3, 'test.replacement')).sort((a, b) => a - b);
    const replaced = await audit().verify();
    expect(replaced).toMatchObject({ ok: false, truncatedAfter: null });
    expect(replaced.brokenAt).toBeGreaterThanOrEqual(firstNew!);
    expect(replaced.reason).toMatch(/is not the one the checkpoint of .* vouches for/);
  });
});
