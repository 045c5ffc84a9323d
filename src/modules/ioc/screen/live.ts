/**
 * The push to screens. Each process LISTENs once (on core's change channel, iot's alarm channel and the screens'
 * own channel) whatever the number of screens connected to it. A change drops the figures it touched from the
 * cache at once; within 200 ms the panels, map layer and feed lines it feeds are read once and written to every
 * screen here, and only when they differ from what was last sent. So a change costs one read per process, and a
 * screen costs a socket and a write of text already serialized.
 */
import { announceChange, CHANGE_CHANNEL, type ChangeTopic } from '../../../core/changes.ts';
import { systemCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { type Logger, logSafeError } from '../../../core/logger.ts';
import { ALARM_CHANNEL } from '../../iot/index.ts';
import type { FeedItem, PanelName, ScreenEvent, ScreenMode } from '../contract.ts';
import * as repo from './repository.ts';
import type { createScreenService } from './service.ts';
import { effectOf, everyTopic, refreshedTopics, topicOf } from './topics.ts';

/** A screen connected to the live stream. */
export type ScreenClient = { send(event: ScreenEvent): void; end(): void };

// A change is pushed this long after it was announced, with whatever else was announced meanwhile.
const GATHER_MS = 200;
const HEARTBEAT_MS = 15_000;
// Figures no one announces (telemetry values, the day turning) and announcements lost: read again this often.
const REFRESH_MS = 5 * 60_000;
// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
const NOTIFY_LIMIT = 7900;
const MODE_KEEP_MS = 15_000;
// Feed lines compared to find the new ones (more than a screen shows, fewer than a burst of cases might add).
const FEED_WINDOW = 60;

const frames = new WeakMap<ScreenEvent, string>();

/** The event as a server-sent-events frame (`data: <JSON>`), serialized once however many screens it goes to. */
export function sseFrame(event: ScreenEvent): string {
  let frame = frames.get(event);
  if (!frame) {
    frame = `data: ${JSON.stringify(event)}\n\n`;
    frames.set(event, frame);
  }
  return frame;
}

/** Creates the push; it starts listening with the first screen (or the first call of `start`). */
export function createScreenLive(deps: {
  database: Database;
  screen: ReturnType<typeof createScreenService>;
  logger: Logger;
  now: () => Date;
}) {
  const { database, screen, logger, now } = deps;
  const district = systemCtx('ioc-screen');
  const clients = new Set<ScreenClient>();
  const pending = new Set<ChangeTopic>();
  const lastSent = new Map<string, string>();
  let feedSeen: Set<string> | undefined;
  let listening: Promise<() => Promise<void>> | undefined;
  let gathering: NodeJS.Timeout | undefined;
  let pushing: Promise<void> = Promise.resolve();
  let beats: NodeJS.Timeout[] = [];
  let readMode: (() => Promise<ScreenMode>) | undefined;
  // The mode as last read or broadcast, so that fifty screens connecting at once read it once.
  let mode: { at: number; value: Promise<ScreenMode> } | undefined;

  const warn = (what: string) => (err: unknown) => logger.warn({ err: logSafeError(err) }, what);

  function sendAll(event: ScreenEvent) {
    for (const client of clients) client.send(event);
  }

  /** Sends the event unless it says what the last one under `key` said. */
  function sendChanged(key: string, content: unknown, event: () => ScreenEvent) {
    const text = JSON.stringify(content);
    if (lastSent.get(key) === text) return;
    lastSent.set(key, text);
    sendAll(event());
  }

  /** A change announced: its figures are dropped now and pushed once the moment's other changes are in. */
  function changed(topic: ChangeTopic) {
    const effect = effectOf(topic);
    screen.drop(effect.keys);
    if (effect.mode) mode = undefined;
    pending.add(topic);
    if (gathering) return;
    gathering = setTimeout(() => {
      gathering = undefined;
      pushing = pushing.then(push, warn('screen push failed'));
    }, GATHER_MS);
    gathering.unref();
  }

  /** Everything may have changed unannounced (LISTEN reconnected): every figure is read again. */
  function changedAll() {
    screen.drop();
    for (const topic of everyTopic) changed(topic);
  }

  /** The periodic refresh: what moves without announcements is read again, and pushed if it moved. */
  function refresh() {
    for (const topic of refreshedTopics) changed(topic);
  }

  const feedKey = (item: FeedItem) => `${item.kind}:${item.ref}`;

  /** The feed lines not seen before, oldest first; the first read only learns what there is. */
  async function newFeedLines(): Promise<FeedItem[]> {
    const items = await screen.feed(district, FEED_WINDOW);
    const seen = feedSeen;
    feedSeen = new Set(items.map(feedKey));
    return seen ? items.filter((i) => !seen.has(feedKey(i))).reverse() : [];
  }

  async function push() {
    const topics = [...pending];
    pending.clear();
    if (!clients.size) return;
    const effects = topics.map(effectOf);
    const panels = [...new Set(effects.flatMap((e) => e.panels))];
    const layers = [...new Set(effects.flatMap((e) => (e.layer ? [e.layer] : [])))];
    const at = now().toISOString();
    const work: Promise<unknown>[] = [
      ...panels.map(async (panel: PanelName) => {
        const data = await screen.panel(district, panel);
        sendChanged(`panel:${panel}`, data, () => ({ type: 'panel', panel, data, at }) as ScreenEvent);
      }),
      ...layers.map(async (layer) => {
        const data = await screen.mapLayers(district, [layer, 'subdistricts']);
        sendChanged(`map:${layer}`, data, () => ({ type: 'map', layer, data }));
      }),
    ];
    if (effects.some((e) => e.feed))
      work.push(
        newFeedLines().then((lines) => {
          for (const item of lines) sendAll({ type: 'feed', item });
        }),
      );
    if (readMode && effects.some((e) => e.mode))
      work.push(currentMode().then((value) => sendAll({ type: 'mode', mode: value })));
    await Promise.all(work.map((w) => w.catch(warn('a screen figure could not be read'))));
  }

  /** An event another process (or this one) broadcast. */
  function delivered(payload: string) {
    let event: ScreenEvent;
    try {
      event = JSON.parse(payload) as ScreenEvent;
    } catch {
      return;
    }
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') return;
    if (event.type === 'mode') mode = { at: Date.now(), value: Promise.resolve(event.mode) };
    sendAll(event);
  }

  /** The screen's mode, read at most every 15 s unless a change or broadcast says it changed. */
  function currentMode(): Promise<ScreenMode> {
    if (!readMode) return Promise.resolve({ mode: 'routine', view: null });
    if (!mode || Date.now() - mode.at > MODE_KEEP_MS) {
      const value = readMode();
      mode = { at: Date.now(), value };
      value.catch(() => {
        if (mode?.value === value) mode = undefined;
      });
    }
    return mode.value;
  }

  /** Starts listening (once per process); resolves once listening. */
  function start() {
    listening ??= (async () => {
      const listens = await Promise.allSettled([
        database.listen(
          CHANGE_CHANNEL,
          (payload) => {
            const topic = topicOf(payload);
            if (topic) changed(topic);
          },
          changedAll,
        ),
        database.listen(ALARM_CHANNEL, () => changed('alarms'), changedAll),
        database.listen(repo.SCREEN_CHANNEL, delivered, changedAll),
      ]);
      const stops = listens.flatMap((l) => (l.status === 'fulfilled' ? [l.value] : []));
      const stopAll = async () => {
        await Promise.all(stops.map((stop) => stop().catch(() => {})));
      };
      const failed = listens.find((l) => l.status === 'rejected');
      if (failed) {
        await stopAll();
        throw failed.reason;
      }
      return stopAll;
    })();
    listening.catch(() => {
      listening = undefined;
    });
    return listening;
  }

  function startBeats() {
    const every = (ms: number, work: () => void) => {
      const timer = setInterval(work, ms);
      timer.unref();
      beats.push(timer);
    };
    every(HEARTBEAT_MS, () => sendAll({ type: 'heartbeat', at: now().toISOString() }));
    every(REFRESH_MS, refresh);
  }

  function stopBeats() {
    for (const timer of beats) clearInterval(timer);
    beats = [];
    // What was last sent and seen is forgotten: a screen connecting later starts from its own summary.
    lastSent.clear();
    feedSeen = undefined;
  }

  return {
    /** Starts listening for changes (the routes call it, so this process's cached figures follow them). */
    start: async (): Promise<void> => {
      await start();
    },

    /** Adds a screen; resolves to a function that removes it. */
    async subscribe(client: ScreenClient): Promise<() => void> {
      await start();
      // The feed's first read learns what there is, so that what comes next is told as new.
      if (!feedSeen) await newFeedLines().catch(warn('the screen feed could not be read'));
      clients.add(client);
      if (beats.length === 0) startBeats();
      return () => {
        if (clients.delete(client) && clients.size === 0) stopBeats();
      };
    },

    /**
     * Sends an event to every screen on every process (the mode after an incident starts or ends): by NOTIFY on the
     * screens' channel. A mode too long for one NOTIFY is announced as the 'incident' change instead, and each
     * process reads the mode itself (see readModeWith).
     */
    async broadcast(event: ScreenEvent): Promise<void> {
      const text = JSON.stringify(event);
      if (Buffer.byteLength(text) < NOTIFY_LIMIT) await repo.notifyScreens(database, text);
      else if (event.type === 'mode') await announceChange(database, 'incident');
      else logger.warn({ type: event.type, bytes: text.length }, 'screen event too long to broadcast');
    },

    /** How each process reads the screen's mode when an 'incident' change is announced or LISTEN reconnects. */
    readModeWith(read: () => Promise<ScreenMode>) {
      readMode = read;
    },

    /** The screen's mode as a screen connecting is sent it (read once for all who connect at once). */
    mode: currentMode,

    /** How many screens are connected to this process. */
    clientCount(): number {
      return clients.size;
    },

    /** Ends every screen's stream and stops listening (the server is stopping). */
    async close(): Promise<void> {
      clearTimeout(gathering);
      gathering = undefined;
      pending.clear();
      for (const client of clients) client.end();
      clients.clear();
      stopBeats();
      const stop = listening;
      listening = undefined;
      if (stop) await (await stop.catch(() => async () => {}))();
      await pushing.catch(() => {});
    },
  };
}
