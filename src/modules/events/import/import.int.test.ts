import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../../../test/databases.ts';
import { systemCtx } from '../../../core/context.ts';
import { caseQuery } from '../cases/contract.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-events-import-'));
const ctx = systemCtx('test');

// A former system's export as it comes: GBK, semicolons, CRLF, Chinese headers under other names than
// ours, times in three forms, full-width digits, and five bad rows among seven good ones.
const messyCsv = [
  '工单号;来电时间;来源;问题描述;地址;事件类型;状态;结案时间;回访结果',
  'WC2024000001;2024-03-05 14:22;12345;郭亮中路井盖缺失，晚上很危险;高塘岭街道郭亮中路12号;井盖缺失或破损;已办结;2024-03-05 16:40;满意',
  'WC2024000002;2024/3/6 9:05:00;网格员;小区门口垃圾堆了三天没人清运;月亮岛街道滨江路;city.garbage;办结;2024/3/6 18:00;基本满意',
  'WC2024000003;2024年3月7日 22时10分;热线;工地夜间施工噪音太大;白沙洲街道金星北路;工地扬尘与夜间施工;处理中;;',
  'WC２０２４000004;45360.5;;路灯不亮;金山桥街道金山桥路;路灯故障;已派单;;',
  'WC2024000005;2024-03-09T10:00:00+08:00;12345;问一下社保卡补办的流程;;社保医保办理;已办结;2024-03-12 10:00;不满意',
  'WC2024000006;2024-03-10 08:00;12345;咨询公交线路调整;;;待受理;;',
  'WC2024000007;2024-03-11 08:00;12345;积水严重;乔口镇乔口路;积水内涝与排水;已办结;2024-03-11 10:00;未回访',
  // Bad rows: no number, an impossible date, an unknown category, closed before received, an unknown status.
  ';2024-03-12 08:00;12345;没有编号的工单;;道路破损;已办结;2024-03-13 08:00;满意',
  'WC2024000009;2024-02-30 08:00;12345;日期不存在;;道路破损;已办结;2024-03-13 08:00;满意',
  'WC2024000010;2024-03-12 08:00;12345;类别不认识;;外星人入侵;已办结;2024-03-13 08:00;满意',
  'WC2024000011;2024-03-12 08:00;12345;办结早于受理;;道路破损;已办结;2024-03-11 08:00;满意',
  'WC2024000012;2024-03-12 08:00;12345;状态不认识;;道路破损;研究中;;',
  // The same number twice in one file: the first one counts.
  'WC2024000001;2024-03-05 14:22;12345;重复的编号;;井盖缺失或破损;已办结;2024-03-05 16:40;满意',
].join('\r\n');

describe.each(databaseKinds)("importing a former system's cases (%s)", (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    p = await startTestPlatform(kind);
  });
  afterAll(() => p?.close());

  const get = (number: string) => p.modules.events.cases.get(ctx, number);

  it('loads a messy GBK CSV with Chinese headers, rejecting bad rows with their row, field and reason', async () => {
    const file = path.join(work, `history-${kind}.csv`);
    fs.writeFileSync(file, iconv.encode(messyCsv, 'gbk'));
    const summary = await p.modules.events.imports.importFile(ctx, file);
    expect(summary).toMatchObject({ total: 13, loaded: 7, rejected: 6, skipped: 0 });
    expect(summary.rejects).toEqual([
      { row: 9, field: 'number', reason: 'required', value: null },
      { row: 10, field: 'received_at', reason: 'unreadable_time', value: '2024-02-30 08:00' },
      { row: 11, field: 'category', reason: 'unknown_category', value: '外星人入侵' },
      { row: 12, field: 'closed_at', reason: 'before_received', value: '2024-03-11 08:00' },
      { row: 13, field: 'status', reason: 'unknown_status', value: '研究中' },
      { row: 14, field: 'number', reason: 'duplicate_number', value: 'WC2024000001' },
    ]);

    const first = await get('WC2024000001');
    expect(first).toMatchObject({
      channel: 'hotline',
      status: 'closed',
      categoryCode: 'city.manhole',
      departmentName: '城管局',
      address: '高塘岭街道郭亮中路12号',
      receivedAt: '2024-03-05T14:22:00+08:00',
      closedAt: '2024-03-05T16:40:00+08:00',
      repliedAt: '2024-03-05T16:40:00+08:00',
      satisfaction: 'satisfied',
    });
    // Placed by the district's gazetteer from its address.
    expect(first.subdistrictCode).toBe(
      (await p.modules.org.service.places.resolveAddress('高塘岭街道'))!.subdistrictCode,
    );
    expect(first.lng).toBeGreaterThan(112);
    // 4 hours for a manhole, from the category's limit.
    expect(first.dueAt).toBe('2024-03-05T18:22:00+08:00');
    expect(first.steps).toMatchObject([
      { action: 'import', fromStatus: null, toStatus: 'closed', note: null },
    ]);
    expect(await get('WC2024000002')).toMatchObject({
      channel: 'grid',
      receivedAt: '2024-03-06T09:05:00+08:00',
      satisfaction: 'basically_satisfied',
    });
    expect(await get('WC2024000003')).toMatchObject({
      status: 'in_progress',
      categoryCode: 'construction.site',
      receivedAt: '2024-03-07T22:10:00+08:00',
      closedAt: null,
    });
    // Full-width digits in the number, an Excel serial date, no channel (so: import).
    expect(await get('WC2024000004')).toMatchObject({
      channel: 'import',
      status: 'dispatched',
      receivedAt: '2024-03-09T12:00:00+08:00',
    });
    expect(await get('WC2024000005')).toMatchObject({ satisfaction: 'unsatisfied' });
    // Waiting at the desk: no category, no department, no clock.
    expect(await get('WC2024000006')).toMatchObject({
      status: 'received',
      categoryCode: null,
      departmentId: null,
      dueAt: null,
    });
    expect(await get('WC2024000007')).toMatchObject({ satisfaction: null, status: 'closed' });
  });

  it('loads nothing twice when the same file is imported again', async () => {
    const file = path.join(work, `history-${kind}.csv`);
    const again = await p.modules.events.imports.importFile(ctx, file);
    expect(again).toMatchObject({ total: 13, loaded: 0, rejected: 6, skipped: 7 });
    const steps = (await get('WC2024000001')).steps;
    expect(steps).toHaveLength(1);
  });

  it('loads an XLSX export with date cells and English statuses', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow([
      '编号',
      '登记时间',
      '渠道',
      '内容',
      '事发地址',
      '诉求类别',
      '办理状态',
      '办结时间',
      '满意度',
    ]);
    // exceljs writes a Date as the sheet's wall clock read in UTC.
    sheet.addRow([
      'X-1',
      new Date(Date.UTC(2025, 0, 6, 9, 30)),
      'grid',
      '人行道被占道经营',
      '雷锋街道雷锋大道',
      'city.vending',
      'closed',
      new Date(Date.UTC(2025, 0, 6, 15, 0)),
      'satisfied',
    ]);
    sheet.addRow([
      'X-2',
      '2025-01-07 10:00',
      'hotline',
      '公交车不按站停',
      '',
      'transport.bus',
      'returned',
      '',
      '',
    ]);
    sheet.addRow(['X-3', '2025-01-08 10:00', 'hotline', '未知状态', '', 'transport.bus', 'closed', '', '']);
    const file = path.join(work, `history-${kind}.xlsx`);
    await workbook.xlsx.writeFile(file);
    const summary = await p.modules.events.imports.importFile(ctx, file);
    expect(summary).toMatchObject({ total: 3, loaded: 2, rejected: 1 });
    expect(summary.rejects).toEqual([{ row: 4, field: 'closed_at', reason: 'required', value: null }]);
    expect(await get('X-1')).toMatchObject({
      channel: 'grid',
      status: 'closed',
      receivedAt: '2025-01-06T09:30:00+08:00',
      closedAt: '2025-01-06T15:00:00+08:00',
    });
    // Returned: back at the center's desk, with no department.
    expect(await get('X-2')).toMatchObject({ status: 'returned', departmentId: null });
  });

  it('loads JSONL in batches; a load cut short keeps its committed batches and a second run completes it', async () => {
    const lines = Array.from({ length: 7 }, (_, i) =>
      JSON.stringify({
        number: `J-${i + 1}`,
        received_at: `2025-02-0${i + 1} 08:00`,
        channel: 'open311',
        content: `第${i + 1}件：路面坑洼`,
        category: 'city.road',
        status: i === 6 ? 'weird' : 'closed',
        closed_at: `2025-02-0${i + 1} 18:00`,
        satisfaction: 'basically satisfied',
      }),
    );
    const file = path.join(work, `history-${kind}.jsonl`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    let flushed = 0;
    const cut = p.modules.events.imports.importFile(ctx, file, {
      batchSize: 2,
      onProgress: () => {
        flushed++;
        if (flushed === 2) throw new Error('the process was stopped');
      },
    });
    await expect(cut).rejects.toThrow('the process was stopped');
    // Two batches of two committed before the stop.
    const before = await p.modules.events.cases.list(
      ctx,
      caseQuery.parse({ channel: 'open311', pageSize: 50 }),
    );
    const loadedBefore = before.items.filter((c) => c.number.startsWith('J-')).length;
    expect(loadedBefore).toBe(4);
    const rerun = await p.modules.events.imports.importFile(ctx, file, { batchSize: 2 });
    expect(rerun).toMatchObject({ total: 7, loaded: 2, skipped: 4, rejected: 1 });
    expect(rerun.rejects).toEqual([{ row: 7, field: 'status', reason: 'unknown_status', value: 'weird' }]);
    expect(await get('J-5')).toMatchObject({
      channel: 'open311',
      satisfaction: 'basically_satisfied',
      receivedAt: '2025-02-05T08:00:00+08:00',
    });
  });

  it('refuses a file without the columns a case needs', async () => {
    const file = path.join(work, `no-columns-${kind}.csv`);
    fs.writeFileSync(file, '编号,地址\nA,望城区\n');
    await expect(p.modules.events.imports.importFile(ctx, file)).rejects.toMatchObject({
      code: 'import_columns_missing',
    });
  });

  it('numbers taken later do not collide with loaded numbers written our way', async () => {
    const file = path.join(work, `ours-${kind}.jsonl`);
    const now = new Date();
    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    fs.writeFileSync(
      file,
      `${JSON.stringify({ 工单编号: `${day}00001`, 受理时间: now.toISOString(), 诉求内容: '今天的历史工单', 办理状态: '待受理' })}\n`,
    );
    expect(await p.modules.events.imports.importFile(ctx, file)).toMatchObject({ loaded: 1 });
    const taken = await p.modules.events.intake.receive(ctx, 'hotline', {
      content: '新来电',
      urgency: 'normal',
      wantsReply: true,
      mediaUrls: [],
      dispatch: false,
    });
    expect(taken.number).toBe(`${day}00002`);
  });
});
