/**
 * The scrolling feed: the newest alarms (naming the device by code and name, and the rule that raised it) and the
 * newest cases (title, category and department), merged newest first. Nothing of a reporter or a plate number.
 */
import type { Ctx } from '../../../core/context.ts';
import type { FeedItem } from '../contract.ts';
import type { IocSources } from '../ports.ts';
import type { FigureCache } from './cache.ts';
import { figureKeys as keys } from './topics.ts';

/** How many lines of each kind are kept: a screen shows fewer. */
export const FEED_DEPTH = 100;

/** Reads the feed (through the cache); `subdistrictName` names a subdistrict code. */
export function feedReader(deps: {
  sources: IocSources;
  cache: FigureCache;
  district: Ctx;
  subdistrictNames: () => Promise<Map<string, string>>;
}) {
  const { sources, cache, district } = deps;

  const alarms = () =>
    cache.get(keys.feedAlarms, async (): Promise<FeedItem[]> => {
      const [rows, names] = await Promise.all([
        sources.iot.alarms.newest(district, FEED_DEPTH),
        deps.subdistrictNames(),
      ]);
      return rows.map((a) => ({
        kind: 'alarm',
        ref: String(a.id),
        at: a.startedAt.toISOString(),
        title: a.ruleName || '设备告警',
        detail: `${a.deviceCode} ${a.deviceName}`,
        severity: a.severity,
        subdistrict: a.subdistrictCode ? (names.get(a.subdistrictCode) ?? null) : null,
      }));
    });

  const cases = () =>
    cache.get(keys.feedCases, async (): Promise<FeedItem[]> => {
      const [rows, names] = await Promise.all([
        sources.events.cases.newest(district, FEED_DEPTH),
        deps.subdistrictNames(),
      ]);
      return rows.map((c) => ({
        kind: 'case',
        ref: c.number,
        at: c.receivedAt.toISOString(),
        title: c.title ?? c.categoryName ?? '新工单',
        detail: [c.categoryName ?? '未分类', c.departmentName ?? '待派遣'].join(' · '),
        severity: c.urgency === 'normal' ? null : c.urgency,
        subdistrict: c.subdistrictCode ? (names.get(c.subdistrictCode) ?? null) : null,
      }));
    });

  return {
    /** The newest `limit` lines, newest first. */
    async newest(limit: number): Promise<FeedItem[]> {
      const [a, c] = await Promise.all([alarms(), cases()]);
      return [...a, ...c].sort(newestFirst).slice(0, limit);
    },
  };
}

/** Newest first; an alarm before a case of the same instant, then by reference (a stable order). */
export function newestFirst(a: FeedItem, b: FeedItem): number {
  return b.at.localeCompare(a.at) || a.kind.localeCompare(b.kind) || b.ref.localeCompare(a.ref);
}
