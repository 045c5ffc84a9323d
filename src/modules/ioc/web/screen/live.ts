import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../../../../web/kit/api.ts';
import type { PanelName, ScreenEvent, ScreenMap, ScreenMode, ScreenSummary } from '../../contract.ts';
import {
  FEED_CAP,
  type Feed,
  feedKey,
  mapKey,
  modeKey,
  screenKey,
  streamUrl,
  summaryKey,
} from './screen-api.ts';

/** No event (the server sends a heartbeat every 15 s) for longer than this, and the screen says its data is stale. */
export const STALE_AFTER_MS = 40_000;
/** A closed stream is opened again after 1 s, 2 s, 4 s … at most this long. */
const MAX_BACKOFF_MS = 30_000;
/** Map changes without their data are gathered for this long, then their layers are fetched once (alarms come in bursts). */
const MAP_GATHER_MS = 1000;

/** A map change: the layer, and (from servers that send it) that layer and the subdistricts' figures as they are now. */
type MapEvent = Extract<ScreenEvent, { type: 'map' }> & { data?: Partial<ScreenMap> };

/** What the header's live indicator and the soak bench read. */
export type StreamState = {
  /** The stream is open (it said so, or an event came). */
  connected: boolean;
  /** The stream dropped or could not be opened, and is not open again yet. */
  failed: boolean;
  /** When the last event (of any kind, the heartbeat too) arrived (epoch ms), null before the first. */
  lastEventAt: number | null;
  /** When the stream started to be opened (epoch ms): before any event, the screen is connecting, not stale. */
  startedAt: number;
  /** Events received since the page opened. */
  events: number;
  /** When each panel's figures last changed on the screen (epoch ms): loaded, pushed or refetched. */
  panelAt: Partial<Record<PanelName, number>>;
};

/** The indicator's state: live, still connecting (no event yet, for a short while), or stale. */
export function liveness(state: StreamState, now: number): 'live' | 'connecting' | 'stale' {
  if (state.lastEventAt === null)
    return now - state.startedAt <= STALE_AFTER_MS && !state.failed ? 'connecting' : 'stale';
  return state.connected && now - state.lastEventAt <= STALE_AFTER_MS ? 'live' : 'stale';
}

/** Puts a new feed line on top, once (a repeat replaces the older copy), keeping at most FEED_CAP lines. */
export function prependFeed(feed: Feed | undefined, item: Feed['items'][number]): Feed | undefined {
  if (!feed) return feed;
  const rest = feed.items.filter((i) => !(i.kind === item.kind && i.ref === item.ref));
  return { items: [item, ...rest].slice(0, FEED_CAP) };
}

/** The map with some layers replaced (nothing before the map is first loaded: its load brings them). */
export function withLayers(map: ScreenMap | undefined, part: Partial<ScreenMap>): ScreenMap | undefined {
  return map ? { ...map, ...part } : map;
}

/** The summary with one panel's new figures (nothing before the summary is first loaded: its load brings them). */
export function withPanel(
  summary: ScreenSummary | undefined,
  panel: PanelName,
  data: ScreenSummary[PanelName],
  at: string,
): ScreenSummary | undefined {
  return summary ? { ...summary, [panel]: data, at } : summary;
}

/**
 * Parses one message of the stream; null for what the screen does not know (a newer server's event kinds are
 * ignored rather than breaking the wall).
 */
export function parseEvent(data: string): ScreenEvent | null {
  try {
    const event = JSON.parse(data) as ScreenEvent;
    return event && typeof event === 'object' && typeof event.type === 'string' ? event : null;
  } catch {
    return null;
  }
}

type Listener = () => void;

/**
 * The screen's live connection: one EventSource on /api/ioc/stream whose events update the screen's cached
 * answers (a panel → that panel, a feed line → on top of the capped feed, a map change → that layer, as sent or
 * fetched once per burst, the mode → switched). The browser reconnects a dropped stream by itself; a stream it gave up on (closed, e.g.
 * the server answered an error while restarting) is opened again with a growing pause. After any drop, every
 * answer is fetched again once, as events may have been missed. `close()` ends everything it started.
 */
export function createScreenStream(queryClient: QueryClient, now: () => number = Date.now) {
  let state: StreamState = {
    connected: false,
    failed: false,
    lastEventAt: null,
    startedAt: now(),
    events: 0,
    panelAt: {},
  };
  const listeners = new Set<Listener>();
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let mapTimer: ReturnType<typeof setTimeout> | undefined;
  let attempts = 0;
  let dropped = false;
  let closed = false;

  const set = (next: Partial<StreamState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };

  const refetchAll = () => void queryClient.invalidateQueries({ queryKey: screenKey });

  // Layers changed without their data: fetched once per burst, only those layers and the subdistricts' figures.
  const pendingLayers = new Set<string>();
  const fetchLayers = (layer: string) => {
    pendingLayers.add(layer);
    if (mapTimer) return;
    mapTimer = setTimeout(() => {
      mapTimer = undefined;
      const layers = [...pendingLayers, 'subdistricts'].join(',');
      pendingLayers.clear();
      api
        .get<Partial<ScreenMap>>('/api/ioc/map', { layers })
        .then((part) => queryClient.setQueryData<ScreenMap>(mapKey, (old) => withLayers(old, part)))
        // A failed fetch leaves the layer as it was; the next change or reconnect brings it.
        .catch(() => undefined);
    }, MAP_GATHER_MS);
  };

  function apply(event: ScreenEvent) {
    switch (event.type) {
      case 'panel':
        queryClient.setQueryData<ScreenSummary>(summaryKey, (old) =>
          withPanel(old, event.panel, event.data, event.at),
        );
        set({ panelAt: { ...state.panelAt, [event.panel]: now() } });
        break;
      case 'feed':
        queryClient.setQueryData<Feed>(feedKey, (old) => prependFeed(old, event.item));
        break;
      case 'map': {
        const { layer, data } = event as MapEvent;
        if (data) queryClient.setQueryData<ScreenMap>(mapKey, (old) => withLayers(old, data));
        else fetchLayers(layer);
        break;
      }
      case 'mode':
        queryClient.setQueryData<ScreenMode>(modeKey, event.mode);
        break;
      default:
        break;
    }
  }

  function open() {
    if (closed) return;
    const opened = new EventSource(streamUrl, { withCredentials: true });
    source = opened;
    opened.onopen = () => {
      attempts = 0;
      set({ connected: true, failed: false });
      if (dropped) {
        dropped = false;
        refetchAll();
      }
    };
    opened.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      set({ connected: true, lastEventAt: now(), events: state.events + 1 });
      if (event) apply(event);
    };
    opened.onerror = () => {
      dropped = true;
      set({ connected: false, failed: true });
      if (opened.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      opened.close();
      source = null;
      const pause = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts++);
      // A session that ended would fail every attempt: asking who is signed in sends the browser to the sign-in page.
      void api.get('/api/auth/me').catch(() => undefined);
      reopenTimer = setTimeout(open, pause);
    };
  }

  return {
    /** Opens the stream (once). */
    start() {
      if (!source && !reopenTimer && !closed) open();
    },
    /** Records that a panel's figures were loaded (not pushed): the soak bench reads each panel's age. */
    loaded(panels: readonly PanelName[]) {
      const at = now();
      set({ panelAt: { ...state.panelAt, ...Object.fromEntries(panels.map((p) => [p, at])) } });
    },
    /** Fetches everything again (a new day in China: the "today" figures and the 30 days move). */
    refetchAll,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    snapshot: () => state,
    /** Closes the stream and clears its timers. */
    close() {
      closed = true;
      clearTimeout(reopenTimer);
      clearTimeout(mapTimer);
      source?.close();
      source = null;
      listeners.clear();
    },
  };
}
export type ScreenStream = ReturnType<typeof createScreenStream>;
