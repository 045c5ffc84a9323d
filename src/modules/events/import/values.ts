/**
 * Reading a former system's values: times as its clerks and exports wrote them (China time), and its statuses,
 * satisfactions and channels in Chinese or English, mapped to ours. Pure functions, run for every row of a file.
 */
import type { CaseChannel, CaseStatus, Satisfaction } from '../cases/contract.ts';

const CHINA_OFFSET = 8 * 3600_000;
const DAY = 86_400_000;
// Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 25569 is 1970-01-01.
const EXCEL_EPOCH_DAYS = 25569;

const WALL_CLOCK =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T\s]\s*(\d{1,2})\s*[:时點点]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?\s*[秒分]?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;

/**
 * An instant from the forms people and exports write (2024-03-05 14:22, 2024/3/5 14:22:00, 2024年3月5日 14时22分,
 * 20240305142200, an Excel day number with its fraction, ISO 8601 with or without an offset). Without an offset the
 * time is China's; a date alone is its midnight. Undefined when the text is none of these or no real date.
 */
export function parseChinaTime(text: string): Date | undefined {
  const t = text.trim();
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    // An Excel serial date: whole days and the day's fraction, on the sheet's (China's) wall clock.
    const ms = Math.round((Number(t) - EXCEL_EPOCH_DAYS) * DAY);
    return new Date(ms - CHINA_OFFSET);
  }
  const m = WALL_CLOCK.exec(t) ?? COMPACT.exec(t);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const wall = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  // 2024-02-30 rolls over in Date.UTC: not a real day.
  if (new Date(wall).getUTCDate() !== d) return undefined;
  const zone = m[7];
  if (!zone) return new Date(wall - CHINA_OFFSET);
  if (zone === 'Z') return new Date(wall);
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.replace(/\D/g, '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return new Date(wall - offset);
}

/** Lower case, no spaces, dashes or underscores: how a status or channel is looked up. */
function key(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
}

function table<T>(entries: Record<string, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, names] of Object.entries(entries)) {
    map.set(key(value), value as T);
    for (const name of names) map.set(key(name), value as T);
  }
  return map;
}

const statuses = table<CaseStatus>({
  received: ['待受理', '已受理', '受理', '新建', '待派单', '待分派', 'new', 'open'],
  dispatched: ['已派单', '派单', '已分派', '待签收', '已转办', '转办'],
  accepted: ['已签收', '签收', '已接单'],
  in_progress: ['处理中', '办理中', '在办', '正在办理', '处置中', 'inprogress', 'processing'],
  replied: ['已答复', '答复', '已反馈', '待审核'],
  reviewed: ['已审核', '审核通过', '待回访'],
  closed: [
    '已办结',
    '办结',
    '已完成',
    '完成',
    '已关闭',
    '关闭',
    '结案',
    '已结案',
    '已处理',
    'done',
    'finished',
  ],
  returned: ['退单', '已退单', '退回', '已退回'],
  suspended: ['挂起', '已挂起', '暂停', '暂缓'],
  merged: ['并案', '已并案', '合并', '已合并'],
});

const satisfactionNames = table<Satisfaction>({
  satisfied: ['满意', '非常满意', '很满意'],
  basically_satisfied: ['基本满意', '一般', '比较满意', 'basicallysatisfied', 'basically'],
  unsatisfied: ['不满意', '非常不满意', 'dissatisfied', 'notsatisfied'],
});
// Said when there was no callback: no satisfaction, not a bad value.
const noSatisfaction = new Set(
  ['未回访', '无', '未评价', '无需回访', '-', '—', 'none', 'n/a', 'na'].map(key),
);

const channels = table<CaseChannel>({
  hotline: ['12345', '热线', '12345热线', '电话', '来电', '市长热线', 'phone', 'call'],
  grid: ['网格', '网格员', '巡查', '网格巡查', '巡查上报'],
  open311: ['开放接口', 'api'],
  app: ['app', '小程序', '微信', '网站', '网络', 'web', '手机'],
  sensor: ['感知', '物联感知', '传感器', 'iot'],
  import: ['导入', '历史'],
});

/** Our status for a former system's, or undefined when it is none we know. */
export function statusOf(text: string): CaseStatus | undefined {
  return statuses.get(key(text));
}

/**
 * Our satisfaction for a callback's result: null when there was none (empty, 未回访), undefined when the text is
 * none we know.
 */
export function satisfactionOf(text: string): Satisfaction | null | undefined {
  const k = key(text);
  if (!k || noSatisfaction.has(k)) return null;
  return satisfactionNames.get(k);
}

/** Our channel for a former system's source (12345, 网格, …), or undefined when it is none we know. */
export function channelOf(text: string): CaseChannel | undefined {
  return channels.get(key(text));
}
