import fs from 'node:fs'; import { generateDemoCases } from './src/demo/case-history.ts'; import { DEMO_SEED } from './src/demo/generate.ts'; import { loadDistrict } from './src/demo/places.ts'; import { seedCategories } from './src/modules/events/categories/seed.ts'; const rows = 100000;
const headers = ['工单编号', '受理时间', '来源', '诉求内容', '事发地址', '诉求类别', '办理状态', '办结时间', '满意度'];
const statusNames: Record<string, string> = {
  closed: '已办结',
  merged: '已并案',
  received: '待受理',
  dispatched: '已派单',
  accepted: '已签收',
  in_progress: '处理中',
  replied: '已答复',
  reviewed: '已审核',
  returned: '退单',
  suspended: '挂起',
};
const channelNames: Record<string, string> = {
  hotline: '12345热线',
  grid: '网格员',
  app: 'APP',
  open311: 'open311',
};
const satisfactionNames: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
const names = new Map(seedCategories.map((c) => [c.code, c.name]));
const chinaTime = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : '';
const quoted = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Writes the export: the demo generator's cases, as a former 12345 system writes them. */
async function writeExport(file: string) {
  const district = await loadDistrict();
  const out = fs.createWriteStream(file);
  out.write(`${headers.join(',')}\n`);
  let chunk = '';
  for (const c of generateDemoCases({
    seed: DEMO_SEED,
    count: rows,
    now: new Date(),
    district,
    categories: seedCategories.map((c) => ({ code: c.code, timeLimit: c.limit })),
    departmentOf: () => null,
    perState: 0,
  })) {
    chunk += `${[
      c.number,
      chinaTime(c.receivedAt),
      channelNames[c.channel] ?? c.channel,
      quoted(c.content),
      quoted(c.address ?? ''),
      names.get(c.categoryCode ?? '') ?? '',
      statusNames[c.status],
      chinaTime(c.closedAt),
      c.satisfaction ? satisfactionNames[c.satisfaction] : '',
    ].join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

await writeExport('/tmp/profdata/cases.csv');
