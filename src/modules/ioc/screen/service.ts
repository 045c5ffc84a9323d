import { type Ctx, systemCtx } from '../../../core/context.ts';
import { InputError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import {
  type FeedItem,
  type MapLayerName,
  mapLayerNames,
  type PanelName,
  panelNames,
  type ScreenMap,
  type ScreenMapPart,
  type ScreenSummary,
  type ScreenTrends,
} from '../contract.ts';
import type { createFacilityService } from '../facilities/service.ts';
import type { IocSources } from '../ports.ts';
import { createFigureCache } from './cache.ts';
import { feedReader } from './feed.ts';
import { mapLayers } from './map.ts';
import { panelReaders } from './panels.ts';
import { figureKeys, keepMs } from './topics.ts';

const TREND_DAYS = 30;

/**
 * The big screen's figures, read from the modules' services as the whole district sees them (a screen shows
 * counts and places, never a person), and kept in this process for a short time: every screen connected here shares
 * one read of each figure. `drop` forgets the figures a change touched (the live push calls it).
 */
export function createScreenService(deps: {
  sources: IocSources;
  facilities: ReturnType<typeof createFacilityService>;
  now: () => Date;
}) {
  const { sources, now } = deps;
  const cache = createFigureCache(keepMs);
  // The screen reads the other modules on its own behalf, as the center would: its routes decide who sees it.
  const district = systemCtx('ioc-screen');
  const panels = panelReaders(sources, now);
  const divisions = () =>
    cache.get(figureKeys.divisions, () => sources.org.listDivisions(district, { level: 'subdistrict' }));
  const subdistrictNames = async () => new Map((await divisions()).map((d) => [d.code, d.name]));
  const layers = mapLayers({ sources, facilities: deps.facilities, cache, district, divisions });
  const feed = feedReader({ sources, cache, district, subdistrictNames });

  function panel<P extends PanelName>(_ctx: Ctx, name: P): Promise<ScreenSummary[P]> {
    const read = panels[name] as (district: Ctx) => Promise<ScreenSummary[P]>;
    return cache.get(figureKeys.panel(name), () => read(district));
  }

  /** The layers of these names (InputError for a name the map does not have). */
  async function someLayers(names: readonly string[]): Promise<ScreenMapPart> {
    const unknown = names.filter((n) => !(mapLayerNames as readonly string[]).includes(n));
    if (unknown.length)
      throw new InputError('screen_unknown_layer', `Unknown map layers: ${unknown.join(', ')}`, [
        { field: 'layers', reason: 'screen_unknown_layer', params: { layers: unknown.join(', ') } },
      ]);
    const known = [...new Set(names)] as MapLayerName[];
    const read = await Promise.all(known.map((name) => layers[name]()));
    return Object.fromEntries(known.map((name, i) => [name, read[i]]));
  }

  return {
    /** Every panel's figures. */
    async summary(ctx: Ctx): Promise<ScreenSummary> {
      const read = await Promise.all(panelNames.map((name) => panel(ctx, name)));
      return {
        at: now().toISOString(),
        ...(Object.fromEntries(panelNames.map((name, i) => [name, read[i]])) as Omit<ScreenSummary, 'at'>),
      };
    },

    /** One panel's figures. */
    panel,

    /** 30 days of daily figures behind the trend charts, oldest first. */
    trends(_ctx: Ctx): Promise<ScreenTrends> {
      return cache.get(figureKeys.trends, async () => {
        const today = Date.parse(`${todayInShanghai(now())}T12:00:00+08:00`);
        const days = Array.from({ length: TREND_DAYS }, (_, i) =>
          todayInShanghai(new Date(today - (TREND_DAYS - 1 - i) * 86_400_000)),
        );
        const [cases, alarms, sharing, data] = await Promise.all([
          sources.events.stats.statistics(district, { from: days[0], to: days.at(-1) }),
          sources.iot.alarms.perDay(district, new Date(Date.parse(`${days[0]}T00:00:00+08:00`))),
          sources.sharing.usage.servedDaily(district, TREND_DAYS),
          sources.ingest.service.dailyFigures(district, TREND_DAYS, now()),
        ]);
        const casesOf = new Map(cases.trend.map((t) => [t.period, t]));
        const alarmsOf = new Map(alarms.map((a) => [a.day, a.count]));
        const callsOf = new Map(
          sharing.days.map((day, i) => [
            day,
            sharing.byConsumer.reduce((sum, c) => sum + (c.calls[i] ?? 0), 0),
          ]),
        );
        const recordsOf = new Map(data.days.map((d) => [d.date, d.accepted]));
        return {
          days: days.map((date) => ({
            date,
            casesReceived: casesOf.get(date)?.received ?? 0,
            casesClosed: casesOf.get(date)?.closed ?? 0,
            alarms: alarmsOf.get(date) ?? 0,
            sharingCalls: callsOf.get(date) ?? 0,
            recordsLoaded: recordsOf.get(date) ?? 0,
          })),
        };
      });
    },

    /** The map's layers. */
    async map(_ctx: Ctx): Promise<ScreenMap> {
      return (await someLayers(mapLayerNames)) as ScreenMap;
    },

    /** Some of the map's layers, by name (InputError for a name the map does not have). */
    mapLayers(_ctx: Ctx, names: readonly string[]): Promise<ScreenMapPart> {
      return someLayers(names);
    },

    /** The newest alarms and cases, newest first. */
    async feed(_ctx: Ctx, limit = 30): Promise<FeedItem[]> {
      return feed.newest(limit);
    },

    /** Forgets the figures under these cache keys (all when none are given): a change touched them. */
    drop(keys?: Iterable<string>) {
      cache.drop(keys);
    },
  };
}
