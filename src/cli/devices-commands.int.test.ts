import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabaseConfig } from '../../test/databases.ts';
import { envFor, runCli } from '../../test/processes.ts';
import { GAOTANGLING } from '../modules/iot/iot-test-kit.ts';
import { openPlatform } from '../server/platform.ts';

describe.each(databaseKinds)('onecity devices on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseConfig>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fresh = await freshDatabaseConfig(kind);
    env = envFor(fresh.config);
  });
  afterAll(() => fresh?.drop());

  /** The codes of the devices holding these tokens now (null for a token refused). */
  async function holders(...tokens: string[]) {
    const { database, modules } = await openPlatform(fresh.config);
    try {
      const found = [];
      for (const token of tokens) found.push((await modules.iot.devices.authenticate(token))?.code ?? null);
      return found;
    } finally {
      await database.close();
    }
  }

  const lon = String(GAOTANGLING.lng);
  const lat = String(GAOTANGLING.lat);

  it('adds a device and prints its token once, lists, rotates and retires it, imports a workbook', async () => {
    const added = await runCli(
      [
        'devices',
        'add',
        '--profile',
        'manhole',
        '--code',
        'MH-0001',
        '--lon',
        lon,
        '--lat',
        lat,
        '--department',
        'CGJ',
        '--json',
      ],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const { device, token } = JSON.parse(added.stdout);
    expect(device).toMatchObject({ code: 'MH-0001', profileCode: 'manhole', status: 'offline' });
    expect(await holders(token)).toEqual(['MH-0001']);

    const outside = await runCli(
      [
        'devices',
        'add',
        '--profile',
        'manhole',
        '--code',
        'MH-0002',
        '--lon',
        '100',
        '--lat',
        lat,
        '--department',
        'CGJ',
      ],
      env,
    );
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('lng: is outside the district');

    const listed = await runCli(['devices', 'list', '--profile', 'manhole', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(token);
    expect(JSON.parse(listed.stdout).items.map((d: { code: string }) => d.code)).toEqual(['MH-0001']);

    const rotated = await runCli(['devices', 'rotate-token', 'MH-0001', '--json'], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newToken = JSON.parse(rotated.stdout).token;
    expect(await holders(token, newToken)).toEqual([null, 'MH-0001']);

    const retired = await runCli(['devices', 'retire', 'MH-0001', '--reason', '拆除'], env);
    expect(retired.code, retired.stderr).toBe(0);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('设备');
    sheet.addRow(['编码', '类型', '名称', '经度', '纬度', '权属部门', '警戒水位']);
    sheet.addRow(['WL-1', '水位站', '一号站', GAOTANGLING.lng, GAOTANGLING.lat, '水利局', 31.5]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-devices-')), 'devices.xlsx');
    await book.xlsx.writeFile(file);
    const dry = await runCli(['devices', 'import', file, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ created: 1, updated: 0, errors: [] });
    const imported = await runCli(['devices', 'import', file, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    const [{ code, token: wlToken }] = JSON.parse(imported.stdout).tokens;
    expect(code).toBe('WL-1');
    expect(await holders(newToken, wlToken)).toEqual([null, 'WL-1']);
    // Seven starts of the CLI and three of the platform, each opening the database.
  }, 400_000);
});
