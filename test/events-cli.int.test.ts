import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../src/core/context.ts';
import { openPlatform } from '../src/server/platform.ts';
import { databaseKinds, freshDatabaseConfig } from './databases.ts';
import { envFor, runCli } from './processes.ts';

describe.each(databaseKinds)('onecity events get on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseConfig>>;
  let number: string;
  beforeAll(async () => {
    fresh = await freshDatabaseConfig(kind);
    const { database, modules } = await openPlatform(fresh.config);
    const row = await modules.events.intake.receive(
      systemCtx('test'),
      'hotline',
      {
        content: '金山桥街道路灯不亮已经一周',
        categoryCode: 'city.streetlight',
        urgency: 'normal',
        wantsReply: true,
        mediaUrls: [],
        dispatch: true,
        reporterPhone: '13900001111',
      },
      { receivedAt: new Date('2026-02-13T09:15:00+08:00') },
    );
    number = row.number;
    await database.close();
  });
  afterAll(() => fresh?.drop());

  it('prints the case with its category, department, clock in +08:00 and history', async () => {
    const res = await runCli(['events', 'get', number, '--json'], envFor(fresh.config));
    expect(res.code, res.stderr).toBe(0);
    const printed = JSON.parse(res.stdout);
    expect(printed).toMatchObject({
      number,
      category: 'city.streetlight',
      department: 'CGJ',
      status: 'dispatched',
      receivedAt: '2026-02-13T09:15:00+08:00',
      // 2 working days: Sat 14 Feb (make-up working day), then the holiday to 23 Feb, Tue 24 Feb.
      dueAt: '2026-02-24T09:15:00+08:00',
    });
    expect(printed.history.map((s: { action: string }) => s.action)).toEqual(['receive', 'dispatch']);
    expect(res.stdout).not.toContain('13900001111');
  });

  it('says which case is missing', async () => {
    const res = await runCli(['events', 'get', '209901010001'], envFor(fresh.config));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/case 209901010001 not found/);
  });
});
