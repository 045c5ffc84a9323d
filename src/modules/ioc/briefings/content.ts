import type { ChartName } from './charts.ts';
import type { BriefingCompared, BriefingComparedRate, BriefingFigures } from './contract.ts';
import { chineseDate, periodWord } from './period.ts';

// What a briefing says, written once from its figures and laid out twice (docx.ts and pdf.ts), so the two
// documents carry the same text, tables and charts. The text is Chinese: the briefing is an official document of
// the district (公文), in the center's house style.

/** One piece of the body, in reading order. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | {
      kind: 'table';
      header: string[];
      rows: string[][];
      /** Column widths as shares of the page width (summing to 1). */
      widths: number[];
      /** Columns aligned right (numbers). */
      numeric: number[];
    }
  | { kind: 'chart'; chart: ChartName; caption: string };

export type BriefingContent = {
  /** The red masthead line: the issuing unit (望城区数据资源中心). */
  masthead: string;
  /** 运营管理简报. */
  name: string;
  /** 周报 or 月报. */
  edition: string;
  number: string;
  issuer: string;
  /** The issue date, e.g. 2026年12月7日. */
  date: string;
  /** The heading of the body, e.g. 2026年第49周（11月30日—12月6日）运营情况. */
  title: string;
  blocks: Block[];
  /** Who the briefing goes to (报、送), printed at its foot between two rules. */
  distribution: string[];
  /** The file name people get, without the extension: 运营管理简报_望数运简〔2026〕第49期. */
  fileName: string;
};

export const severityNames: Record<string, string> = {
  critical: '紧急',
  major: '重要',
  minor: '次要',
  warning: '提示',
};

const numbers = new Intl.NumberFormat('zh-CN');
/** A count with thousands separators. */
export const n = (value: number) => numbers.format(value);
/** A share as a percentage with one decimal, or a dash with nothing to rate. */
export const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const signed = (value: string, negative: boolean) => `${negative ? '−' : '+'}${value}`;

/** A count's change for a table: +12（+8.3%）, −3（−2.1%）, 持平. */
export function changeCell(c: BriefingCompared): string {
  if (c.change === 0) return '持平';
  const amount = signed(n(Math.abs(c.change)), c.change < 0);
  if (c.changeRate === null) return amount;
  // A change under 0.1 % (a registry of 800,000 growing by a few hundred) still shows as a change.
  const share = Math.abs(c.changeRate);
  const shown = share < 0.001 ? `${(share * 100).toFixed(2)}%` : pct(share);
  return `${amount}（${signed(shown, c.change < 0)}）`;
}

/** A rate's change for a table, in percentage points: +1.2个百分点, 持平, or a dash. */
export function rateChangeCell(r: BriefingComparedRate): string {
  if (r.change === null) return '—';
  if (Math.abs(r.change) < 0.0005) return '持平';
  return `${signed((Math.abs(r.change) * 100).toFixed(1), r.change < 0)}个百分点`;
}

/** A count's change in a sentence: 环比增长8.3%, 环比下降2.1%, 与上周持平, 上周为0. */
function trend(c: BriefingCompared, previousWord: string): string {
  if (c.change === 0) return `与${previousWord}持平`;
  if (c.changeRate === null) return `${previousWord}为0`;
  return `环比${c.change > 0 ? '增长' : '下降'}${pct(Math.abs(c.changeRate))}`;
}

/** A China-local date and time of an ISO instant: 2026年12月7日 08:00. */
function chinaDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${chineseDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

const shortDate = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The briefing's text, tables and chart places, from its figures; `issuedOn` is the issue date (YYYY-MM-DD). */
export function briefingContent(f: BriefingFigures, issuedOn: string): BriefingContent {
  const now = periodWord(f.kind);
  const before = periodWord(f.kind, true);
  const c = f.cases;
  const edition = f.kind === 'weekly' ? '周报' : '月报';
  const range = `${shortDate(f.from)}至${shortDate(f.to)}`;
  const blocks: Block[] = [];
  const heading = (text: string) => blocks.push({ kind: 'heading', text });
  const paragraph = (text: string) => blocks.push({ kind: 'paragraph', text });
  let figure = 0;
  // A chart with nothing to draw is left out: the sentence before it says so.
  const chart = (name: ChartName, caption: string, drawn: boolean) => {
    if (drawn) blocks.push({ kind: 'chart', chart: name, caption: `图${++figure}　${caption}` });
  };

  // 一、总体情况
  heading('一、总体情况');
  paragraph(
    `${now}（${range}），全区共受理群众诉求工单${n(c.received.value)}件，${trend(c.received, before)}；` +
      `办结${n(c.closed.value)}件，按时办结率${pct(c.onTimeRate.value)}，满意率${pct(c.satisfactionRate.value)}，` +
      `重办率${pct(c.reopenRate.value)}。${now}末在办工单${n(c.openAtEnd.value)}件，其中超期${n(c.overdueAtEnd.value)}件。` +
      `全区感知设备${n(f.devices.total)}台，简报生成时在线${n(f.devices.online)}台（在线率${pct(f.devices.onlineRate)}）；` +
      `${now}产生设备告警${n(f.alarms.raised.value)}条，${trend(f.alarms.raised, before)}。` +
      `数据归集入库记录${n(f.aggregation.records.value)}条（${n(f.aggregation.batches.value)}个批次），` +
      `共享接口调用${n(f.sharing.calls.value)}次，${trend(f.sharing.calls, before)}。`,
  );
  const row = (name: string, x: BriefingCompared) => [name, n(x.value), n(x.previous), changeCell(x)];
  const rateRow = (name: string, x: BriefingComparedRate) => [
    name,
    pct(x.value),
    pct(x.previous),
    rateChangeCell(x),
  ];
  blocks.push({
    kind: 'table',
    header: ['指标', now, before, '变化'],
    widths: [0.34, 0.2, 0.2, 0.26],
    numeric: [1, 2, 3],
    rows: [
      row('受理工单（件）', c.received),
      row('办结工单（件）', c.closed),
      rateRow('按时办结率', c.onTimeRate),
      rateRow('满意率', c.satisfactionRate),
      rateRow('重办率', c.reopenRate),
      row(`${now}末在办工单（件）`, c.openAtEnd),
      row(`${now}末超期工单（件）`, c.overdueAtEnd),
      row('设备告警（条）', f.alarms.raised),
      row('归集入库记录（条）', f.aggregation.records),
      row('归集批次（个）', f.aggregation.batches),
      row('拒收记录（条）', f.aggregation.rejected),
      row('共享接口调用（次）', f.sharing.calls),
      row(`人口库（人，${now}末）`, f.registries.people),
      row(`法人库（户，${now}末）`, f.registries.legalPersons),
      row(`证照库（条，${now}末）`, f.registries.licenses),
      row(`城市部件库（个，${now}末）`, f.registries.components),
    ],
  });

  // 二、城市管理（12345 工单）
  heading('二、城市管理（12345 工单）');
  const days = c.daily.length;
  const busiest = c.daily.reduce((a, b) => (b.received > a.received ? b : a), c.daily[0]!);
  paragraph(
    `${now}受理工单${n(c.received.value)}件，日均${n(Math.round(c.received.value / days))}件` +
      (busiest.received > 0 ? `，${shortDate(busiest.date)}最多（${n(busiest.received)}件）` : '') +
      `；办结${n(c.closed.value)}件，${trend(c.closed, before)}，` +
      `其中按时办结${pct(c.onTimeRate.value)}（${before}${pct(c.onTimeRate.previous)}），` +
      `平均办理时长${c.meanHandlingHours === null ? '—' : `${c.meanHandlingHours}小时`}。`,
  );
  chart(
    'daily',
    `${now}每日受理与办结工单`,
    c.daily.some((d) => d.received || d.closed),
  );
  const top3 = c.topCategories.slice(0, 3);
  paragraph(
    top3.length
      ? `从诉求类别看，受理量居前的是${top3.map((t) => `${t.name}（${n(t.count)}件，占${pct(c.received.value ? t.count / c.received.value : null)}）`).join('、')}。`
      : `${now}未受理工单。`,
  );
  chart('categories', `${now}受理工单类别前十`, c.topCategories.length > 0);
  if (c.topSubdistricts.length)
    paragraph(
      `从区域看，受理量最多的街道（镇）依次为${c.topSubdistricts.map((s) => `${s.name}（${n(s.count)}件）`).join('、')}。`,
    );
  if (c.byDepartment.length)
    blocks.push({
      kind: 'table',
      header: ['承办部门', '受理（件）', '办结（件）', '按时办结率'],
      widths: [0.4, 0.2, 0.2, 0.2],
      numeric: [1, 2, 3],
      rows: c.byDepartment.map((d) => [d.name, n(d.received), n(d.closed), pct(d.onTimeRate)]),
    });

  // 三、城市感知（设备与告警）
  heading('三、城市感知（设备与告警）');
  const s = f.alarms.bySeverity;
  paragraph(
    `截至简报生成时（${chinaDateTime(f.devices.at)}），全区接入感知设备${n(f.devices.total)}台，` +
      `在线${n(f.devices.online)}台、离线${n(f.devices.offline)}台、故障${n(f.devices.fault)}台，在线率${pct(f.devices.onlineRate)}。` +
      `${now}共产生设备告警${n(f.alarms.raised.value)}条（${before}${n(f.alarms.raised.previous)}条），` +
      `其中紧急${n(s.critical)}条、重要${n(s.major)}条、次要${n(s.minor)}条、提示${n(s.warning)}条。`,
  );
  chart('alarms', `${now}设备告警按设备类型`, f.alarms.byType.length > 0);

  // 四、数据归集与共享
  heading('四、数据归集与共享');
  const a = f.aggregation;
  const r = f.registries;
  paragraph(
    `${now}完成数据归集批次${n(a.batches.value)}个，入库记录${n(a.records.value)}条，${trend(a.records, before)}；` +
      `拒收记录${n(a.rejected.value)}条，失败批次${n(a.failedBatches)}个。` +
      `截至${now}末，人口库${n(r.people.value)}人、法人库${n(r.legalPersons.value)}户、证照库${n(r.licenses.value)}条、` +
      `城市部件库${n(r.components.value)}个。`,
  );
  const consumers = f.sharing.byDepartment.slice(0, 3);
  paragraph(
    `${now}共享接口被调用${n(f.sharing.calls.value)}次，${trend(f.sharing.calls, before)}，成功返回${n(f.sharing.served)}次` +
      (f.sharing.refused ? `，未通过认证被拒${n(f.sharing.refused)}次` : '') +
      (consumers.length
        ? `；调用最多的部门是${consumers.map((d) => `${d.name}（${n(d.calls)}次）`).join('、')}。`
        : '。'),
  );
  chart('sharing', `${now}共享接口调用按部门`, f.sharing.byDepartment.length > 0);

  // 五、重点事项
  heading('五、重点事项');
  blocks.push({ kind: 'subheading', text: '（一）突出问题' });
  const rising = c.topCategories.filter((t) => t.count > t.previous).slice(0, 3);
  paragraph(
    rising.length
      ? `较${before}增长较多的诉求类别：${rising.map((t) => `${t.name}受理${n(t.count)}件（${before}${n(t.previous)}件）`).join('；')}。`
      : `受理量居前的诉求类别均未较${before}增长。`,
  );
  paragraph(
    `截至${now}末，超期未办结工单${n(c.overdueAtEnd.value)}件（${before}末${n(c.overdueAtEnd.previous)}件）` +
      (f.notable.overdueCases.length ? '，超期时间最长的如下表，请承办部门加快办理。' : '。'),
  );
  if (f.notable.overdueCases.length)
    blocks.push({
      kind: 'table',
      header: ['工单编号', '诉求', '承办部门', '超期天数'],
      widths: [0.22, 0.46, 0.18, 0.14],
      numeric: [3],
      rows: f.notable.overdueCases.map((o) => [
        o.number,
        o.title.length > 30 ? `${o.title.slice(0, 30)}…` : o.title,
        o.departmentName ?? '（未派单）',
        n(o.overdueDays),
      ]),
    });
  blocks.push({ kind: 'subheading', text: '（二）重要事件' });
  const incidents = f.notable.incidents;
  paragraph(
    incidents.length
      ? `${now}运营中心启动应急处置（平战转换）${incidents.length}次：` +
          incidents
            .map(
              (i, k) =>
                `${k + 1}. ${i.title}${i.subdistrictName ? `（${i.subdistrictName}）` : ''}，` +
                `${chinaDateTime(i.startedAt)}启动，${i.endedAt ? `${chinaDateTime(i.endedAt)}结束` : `${now}末仍在处置`}`,
            )
            .join('；') +
          '。'
      : `${now}运营中心未启动应急处置（平战转换）。`,
  );
  const repeated = f.notable.repeatedAlarms.filter((x) => x.count > 1);
  paragraph(
    repeated.length
      ? `${now}重复告警较多的设备如下表，请设备主管部门排查。`
      : `${now}未出现同一设备同一规则的重复告警。`,
  );
  if (repeated.length)
    blocks.push({
      kind: 'table',
      header: ['设备', '设备类型', '告警规则', '级别', '次数'],
      widths: [0.3, 0.18, 0.26, 0.12, 0.14],
      numeric: [4],
      rows: repeated.map((x) => [
        `${x.deviceName}（${x.deviceCode}）`,
        x.typeName ?? '—',
        x.ruleName ?? '—',
        severityNames[x.severity] ?? x.severity,
        n(x.count),
      ]),
    });

  return {
    masthead: f.issuer,
    name: '运营管理简报',
    edition,
    number: f.number,
    issuer: f.issuer,
    date: chineseDate(issuedOn),
    title: `${f.title}运营情况`,
    blocks,
    distribution: ['报：区委、区政府领导。', '送：区直各部门，各街道（镇）。'],
    fileName: `运营管理简报_${f.number}`,
  };
}
