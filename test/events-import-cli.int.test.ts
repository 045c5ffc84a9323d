import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabaseConfig } from './databases.ts';
import { envFor, runCli } from './processes.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-events-import-cli-'));

// UTF-8 with a BOM, tab-separated, English headers: another common export.
const tsv = `\uFEFF${[
  [
    'Case number',
    'Received at',
    'Channel',
    'Content',
    'Address',
    'Category',
    'Status',
    'Closed at',
    'Satisfaction',
  ],
  [
    'C-1',
    '2025-05-06 09:12',
    '12345',
    '楼下烧烤店油烟很大',
    '白沙洲街道银星路',
    '大气与水污染',
    '已办结',
    '2025-05-07 11:00',
    '满意',
  ],
  [
    'C-2',
    '2025-05-06 10:40',
    'grid',
    '消防通道被堵',
    '铜官街道陶都路',
    'safety.hazard',
    'in progress',
    '',
    '',
  ],
  ['C-3', 'yesterday', '12345', '时间写错了', '', 'city.road', 'closed', '2025-05-07 11:00', ''],
  ['C-4', '2025-05-06 11:00', 'pigeon', '渠道不认识', '', 'city.road', 'closed', '2025-05-07 11:00', ''],
]
  .map((r) => r.join('\t'))
  .join('\n')}\n`;

describe.each(databaseKinds)('onecity events import on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseConfig>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fresh = await freshDatabaseConfig(kind);
    env = envFor(fresh.config);
    expect((await runCli(['migrate', '--json'], env)).code).toBe(0);
  });
  afterAll(() => fresh?.drop());

  it('prints a summary with the rejected rows, loads nothing twice, and the cases can be read back', async () => {
    const file = path.join(work, `export-${kind}.tsv.csv`);
    fs.writeFileSync(file, tsv);
    const rejectsFile = path.join(work, `rejects-${kind}.jsonl`);
    const first = await runCli(['events', 'import', file, '--json', '--rejects', rejectsFile], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ total: 4, loaded: 2, rejected: 2, skipped: 0 });
    expect(summary.seconds).toBeTypeOf('number');
    expect(summary.rejects).toEqual([
      { row: 4, field: 'received_at', reason: 'unreadable_time', value: 'yesterday' },
      { row: 5, field: 'channel', reason: 'unknown_channel', value: 'pigeon' },
    ]);
    expect(fs.readFileSync(rejectsFile, 'utf8').trim().split('\n')).toHaveLength(2);

    const again = await runCli(['events', 'import', file, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 4, loaded: 0, skipped: 2, rejected: 2 });

    const got = await runCli(['events', 'get', 'C-1', '--json'], env);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({
      number: 'C-1',
      channel: 'hotline',
      status: 'closed',
      category: 'env.pollution',
      department: 'HBJ',
      receivedAt: '2025-05-06T09:12:00+08:00',
      history: [{ action: 'import' }],
    });

    const human = await runCli(['events', 'import', file], env);
    expect(human.stdout).toMatch(/4 rows, 0 loaded, 2 already there, 2 rejected/);
    expect(human.stdout).toMatch(/row 5 {2}channel: 不认识的来源渠道 \(pigeon\)/);
  });

  it('fails with the reason when the file lacks the columns of a case', async () => {
    const file = path.join(work, `bad-${kind}.csv`);
    fs.writeFileSync(file, 'foo,bar\n1,2\n');
    const res = await runCli(['events', 'import', file, '--json'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/number, received_at, content/);
  });
});
