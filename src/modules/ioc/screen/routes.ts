import { type App, eventStreamHeaders } from '../../../core/http.ts';
import {
  panelNames,
  type ScreenEvent,
  screenFeed,
  screenFeedQuery,
  screenMapPart,
  screenMapQuery,
  screenSummary,
  screenTrends,
} from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import type { IocServices } from '../services.ts';
import { sseFrame } from './live.ts';

// A screen whose socket holds this much unsent is not reading (asleep, or its network gone): it is cut, and
// reconnects to a complete state rather than being sent an ever longer backlog.
const MAX_BACKLOG = 4 * 1024 * 1024;

/** The big screen: its panels, trends, map and feed, and the live stream that keeps them current. */
export function screenRoutes(s: IocServices) {
  return async (app: App) => {
    const tags = ['ioc'];
    const config = { access: iocPolicy.screen };
    // Open streams would hold the server's close forever: they end before it waits for connections.
    app.addHook('preClose', async () => {
      await s.live.close();
    });

    app.get(
      '/api/ioc/summary',
      { config, schema: { summary: '大屏各面板指标', tags, response: { 200: screenSummary } } },
      async (req) => {
        await s.live.start();
        return s.screen.summary(req.ctx);
      },
    );
    app.get(
      '/api/ioc/trends',
      { config, schema: { summary: '大屏近 30 天趋势', tags, response: { 200: screenTrends } } },
      async (req) => {
        await s.live.start();
        return s.screen.trends(req.ctx);
      },
    );
    app.get(
      '/api/ioc/map',
      {
        config,
        schema: {
          summary: '大屏地图图层（可用 layers 只取部分图层）',
          tags,
          querystring: screenMapQuery,
          response: { 200: screenMapPart },
        },
      },
      async (req) => {
        await s.live.start();
        const layers = req.query.layers
          ?.split(',')
          .map((l) => l.trim())
          .filter(Boolean);
        return layers?.length ? s.screen.mapLayers(req.ctx, layers) : s.screen.map(req.ctx);
      },
    );
    app.get(
      '/api/ioc/feed',
      {
        config,
        schema: {
          summary: '大屏滚动信息（最新告警与工单）',
          tags,
          querystring: screenFeedQuery,
          response: { 200: screenFeed },
        },
      },
      async (req) => {
        await s.live.start();
        return { items: await s.screen.feed(req.ctx, req.query.limit) };
      },
    );

    app.get(
      '/api/ioc/stream',
      {
        config,
        schema: {
          summary:
            '大屏实时推送（server-sent events：每条 data 为一个 ScreenEvent；连接时先推送全部面板与模式）',
          tags,
        },
      },
      async (req, reply) => {
        const raw = reply.raw;
        // Events pushed while the first state is read wait for it, so that they arrive after it.
        let queued: ScreenEvent[] | null = [];
        const write = (event: ScreenEvent) => {
          if (raw.writableEnded || raw.destroyed) return;
          if (raw.writableLength > MAX_BACKLOG) {
            raw.destroy();
            return;
          }
          raw.write(sseFrame(event));
        };
        const unsubscribe = await s.live.subscribe({
          send: (event) => (queued ? queued.push(event) : write(event)),
          end: () => raw.end(),
        });
        raw.on('close', unsubscribe);
        const [summary, mode] = await Promise.all([s.screen.summary(req.ctx), s.live.mode()]).catch(
          (error: unknown) => {
            unsubscribe();
            throw error;
          },
        );
        reply.hijack();
        // The screen may have hung up while its first state was read.
        if (raw.destroyed) return;
        raw.writeHead(200, eventStreamHeaders);
        // A screen that loses the stream tries again after 3 s (EventSource reconnects by itself).
        raw.write('retry: 3000\n\n');
        write({ type: 'heartbeat', at: summary.at });
        for (const panel of panelNames)
          write({ type: 'panel', panel, data: summary[panel], at: summary.at } as ScreenEvent);
        write({ type: 'mode', mode });
        const waiting = queued;
        queued = null;
        for (const event of waiting) write(event);
      },
    );
  };
}
