import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { GAOTANGLING, iotPlatform, type Who } from '../iot-test-kit.ts';
import { XLSX_TYPE } from './contract.ts';

/** A workbook of one sheet 设备 with these rows under the header. */
async function workbook(header: string[], rows: unknown[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('设备');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const ZH = ['编码', '类型', '名称', '经度', '纬度', '权属部门', '部件编码', '安装日期', '警戒水位'];
const { lng, lat } = GAOTANGLING;

describe.each(databaseKinds)('device import (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  beforeAll(async () => {
    t = await iotPlatform(kind);
  });
  afterAll(() => t?.p.close());

  const upload = (file: Buffer, who: Who, query = '') =>
    t.p.app.inject({
      method: 'POST',
      url: `/api/iot/devices/import${query}`,
      headers: { ...who, 'content-type': XLSX_TYPE },
      payload: file,
    });

  it('lists every bad row with sheet, row and column, and writes nothing', async () => {
    const file = await workbook(ZH, [
      ['WL-1', '水位站', '一号站', lng, lat, '水利局', '', '2026/5/1', 31.5],
      ['WL-2', '茶壶', '二号站', lng, lat, 'SLJ', '', '', ''],
      ['WL-3', 'water_level', '三号站', 100, lat, 'SLJ', '', '', 'high'],
      ['WL-1', 'water_level', '重复', lng, lat, 'SLJ', '', '', ''],
      ['WL-4', 'water_level', '四号站', lng, lat, '不存在的局', 'NO-PART', '昨天', ''],
    ]);
    const answer = await upload(file, t.as.admin!);
    expect(answer.statusCode, answer.body).toBe(200);
    const { created, updated, errors, tokens } = answer.json();
    expect({ created, updated, tokens }).toEqual({ created: 0, updated: 0, tokens: undefined });
    const at = errors.map((e: { row: number; field: string; reason: string }) => [e.row, e.field, e.reason]);
    expect(at).toEqual(
      expect.arrayContaining([
        [3, '类型', 'unknown_profile'],
        [4, '经度', 'outside_district'],
        [4, '警戒水位', 'not_a_number'],
        [5, '编码', 'duplicate_in_file'],
        [6, '权属部门', 'unknown_department'],
        [6, '部件编码', 'unknown_component'],
        [6, '安装日期', 'not_a_date'],
      ]),
    );
    expect(errors.every((e: { sheet: string }) => e.sheet === '设备')).toBe(true);
    expect(errors.some((e: { row: number }) => e.row === 2)).toBe(false);
    expect((await t.call('GET', '/api/iot/devices', t.as.admin!)).json().total).toBe(0);
  });

  it('previews a good file, then creates the devices with tokens once; a second import updates them', async () => {
    const file = await workbook(ZH, [
      ['WL-1', '水位站', '一号站', lng, lat, '水利局', '', '2026/5/1', 31.5],
      ['MH-1', 'manhole', '一号井盖', lng, lat, 'CGJ', '', '', ''],
    ]);
    const dry = (await upload(file, t.as.admin!, '?dryRun=true')).json();
    expect(dry).toEqual({ created: 2, updated: 0, errors: [] });
    expect((await t.call('GET', '/api/iot/devices', t.as.admin!)).json().total).toBe(0);

    const done = await upload(file, t.as.admin!);
    expect(done.statusCode, done.body).toBe(200);
    const result = done.json();
    expect(result).toMatchObject({ created: 2, updated: 0, errors: [] });
    const byCode = Object.fromEntries(
      result.tokens.map((x: { code: string; token: string }) => [x.code, x.token]),
    );
    const devices = t.p.modules.iot.devices;
    expect((await devices.authenticate(byCode['WL-1']))?.attributes).toEqual({ warning_level: 31.5 });
    const wl = (await t.call('GET', '/api/iot/devices/WL-1', t.as.slj!)).json();
    expect(wl).toMatchObject({
      departmentId: t.ids.SLJ,
      installedOn: '2026-05-01',
      profileCode: 'water_level',
    });

    // English headers; the existing code is updated, its token kept.
    const again = await workbook(
      ['code', 'profile', 'name', 'lng', 'lat', 'warning_level'],
      [['WL-1', 'water_level', '一号站（改）', lng, lat, 32]],
    );
    const second = (await upload(again, t.as.slj!)).json();
    expect(second).toMatchObject({ created: 0, updated: 1, errors: [], tokens: [] });
    expect((await devices.authenticate(byCode['WL-1']))?.name).toBe('一号站（改）');
    expect((await t.call('GET', '/api/iot/devices/WL-1', t.as.slj!)).json().attributes).toEqual({
      warning_level: 32,
    });
  });

  it('keeps a department user to its own devices, and refuses what is not a workbook', async () => {
    const foreign = await workbook(ZH.slice(0, 6), [
      ['MH-1', 'manhole', '别人的井盖', lng, lat, ''],
      ['MH-9', 'manhole', '新井盖', lng, lat, 'CGJ'],
    ]);
    const { errors } = (await upload(foreign, t.as.slj!)).json();
    expect(errors.map((e: { row: number; reason: string }) => [e.row, e.reason])).toEqual([
      [2, 'duplicate_code'],
      [3, 'other_department'],
    ]);
    const leader = await upload(foreign, t.as.leader!);
    expect(leader.statusCode).toBe(403);
    const notBook = await upload(Buffer.from('not a workbook'), t.as.admin!);
    expect(notBook.statusCode).toBe(400);
    const missing = await upload(await workbook(['编码', '名称'], [['A', 'b']]), t.as.admin!);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['类型', '经度', '纬度']);
  });

  it('gives a template whose columns it reads back', async () => {
    const template = await t.p.app.inject({
      method: 'GET',
      url: '/api/iot/devices/template.xlsx',
      headers: t.as.cgj!,
    });
    expect(template.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('设备')!;
    const header = (sheet.getRow(1).values as unknown[]).filter(Boolean) as string[];
    expect(header).toEqual(expect.arrayContaining(['编码*', '类型*', '警戒水位']));
    sheet.addRow(
      header.map(
        (h) =>
          ({ '编码*': 'MH-T', '类型*': '智能井盖', '名称*': '模板井盖', '经度*': lng, '纬度*': lat })[h] ??
          null,
      ),
    );
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    expect((await upload(filled, t.as.cgj!)).json()).toMatchObject({ created: 1, errors: [] });
  });
});
