import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedItem, ScreenEvent, ScreenMap, ScreenMode, ScreenSummary } from '../../contract.ts';
import { createScreenStream, liveness, STALE_AFTER_MS, type StreamState } from './live.ts';
import { FEED_CAP, feedKey, mapKey, modeKey, summaryKey, trendsKey } from './screen-api.ts';

// The browser's EventSource, as far as the stream uses it: tests open, send, drop and close it by hand.
class FakeSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static opened: FakeSource[] = [];
  readyState = FakeSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly url: string;
  readonly init: { withCredentials?: boolean };
  constructor(url: string, init: { withCredentials?: boolean }) {
    this.url = url;
    this.init = init;
    FakeSource.opened.push(this);
  }
  open() {
    this.readyState = FakeSource.OPEN;
    this.onopen?.();
  }
  send(event: ScreenEvent) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
  /** The connection drops: the browser retries itself (CONNECTING), or gives up (CLOSED). */
  drop(giveUp = false) {
    this.readyState = giveUp ? FakeSource.CLOSED : FakeSource.CONNECTING;
    this.onerror?.();
  }
  close() {
    this.readyState = FakeSource.CLOSED;
  }
}

const summary: ScreenSummary = {
  at: '2026-12-07T01:00:00.000Z',
  registries: { people: 800_000, legalPersons: 40_000, licenses: 100_000, components: 30_000 },
  data: { recordsTotal: 1e8, recordsToday: 1000, batchesToday: 3, quality: 0.98, failedBatches: 0 },
  sharing: { callsToday: 500, byDepartment: [] },
  devices: { total: 10, online: 8, offline: 1, fault: 1 },
  alarms: { active: 2, bySeverity: { critical: 1, major: 1, minor: 0, warning: 0 } },
  cases: { today: 5, open: 20, overdue: 1, onTimeRate: 0.9, satisfactionRate: 0.95 },
};

const item = (ref: number, kind: FeedItem['kind'] = 'alarm'): FeedItem => ({
  kind,
  ref: String(ref),
  at: '2026-12-07T01:00:00.000Z',
  title: '井盖倾斜',
  detail: `MH-${ref} 郭亮中路井盖`,
  severity: kind === 'alarm' ? 'major' : null,
  subdistrict: '高塘岭街道',
});

describe('the screen’s live stream', () => {
  let client: QueryClient;
  let now: number;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.opened = [];
    vi.stubGlobal('EventSource', FakeSource);
    // The stream asks who is signed in before opening a closed stream again: nobody answers here.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 200 })),
    );
    client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    now = Date.parse('2026-12-07T01:00:00Z');
  });
  afterEach(() => {
    client.clear();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const started = () => {
    const stream = createScreenStream(client, () => now);
    stream.start();
    const source = FakeSource.opened.at(-1)!;
    return { stream, source };
  };

  it('opens /api/ioc/stream with credentials, once', () => {
    const { stream, source } = started();
    stream.start();
    expect(FakeSource.opened).toHaveLength(1);
    expect(source.url).toBe('/api/ioc/stream');
    expect(source.init.withCredentials).toBe(true);
    stream.close();
  });

  it('puts a pushed panel into the summary and records when it changed', () => {
    client.setQueryData(summaryKey, summary);
    const { stream, source } = started();
    source.open();
    now += 5000;
    const alarms = { active: 3, bySeverity: { critical: 2, major: 1, minor: 0, warning: 0 } };
    source.send({ type: 'panel', panel: 'alarms', data: alarms, at: '2026-12-07T01:00:05.000Z' });
    const after = client.getQueryData<ScreenSummary>(summaryKey)!;
    expect(after.alarms).toEqual(alarms);
    expect(after.cases).toBe(summary.cases);
    expect(after.at).toBe('2026-12-07T01:00:05.000Z');
    expect(stream.snapshot().panelAt.alarms).toBe(now);
    expect(stream.snapshot().events).toBe(1);
    stream.close();
  });

  it('puts new feed lines on top, once each, and never keeps more than the cap', () => {
    client.setQueryData(feedKey, { items: [item(1)] });
    const { stream, source } = started();
    source.open();
    source.send({ type: 'feed', item: item(2, 'case') });
    source.send({ type: 'feed', item: item(1) });
    expect(client.getQueryData<{ items: FeedItem[] }>(feedKey)!.items.map((i) => i.ref)).toEqual(['1', '2']);
    for (let n = 3; n < 3 + 3 * FEED_CAP; n++) source.send({ type: 'feed', item: item(n) });
    const items = client.getQueryData<{ items: FeedItem[] }>(feedKey)!.items;
    expect(items).toHaveLength(FEED_CAP);
    expect(items[0]!.ref).toBe(String(2 + 3 * FEED_CAP));
    stream.close();
  });

  it('switches the mode as pushed', () => {
    client.setQueryData<ScreenMode>(modeKey, { mode: 'routine', view: null });
    const { stream, source } = started();
    source.open();
    const emergency = { mode: 'emergency', view: null } as unknown as ScreenMode;
    source.send({ type: 'mode', mode: emergency });
    expect(client.getQueryData(modeKey)).toEqual(emergency);
    stream.close();
  });

  /** A query the screen shows (only those are fetched again), loaded once. */
  async function shown(queryKey: readonly unknown[], queryFn: () => Promise<unknown>) {
    const stop = new QueryObserver(client, { queryKey, queryFn, staleTime: Infinity }).subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    return stop;
  }

  const mapOf = (alarms: number[]) =>
    ({
      subdistricts: [],
      devices: [],
      alarms: alarms.map((id) => ({ id })),
      cases: { points: [], heat: [] },
      constructionSites: [],
      waterStations: [],
      facilities: [],
    }) as unknown as ScreenMap;

  it('puts a changed layer the stream sends into the map', () => {
    const before = mapOf([1]);
    client.setQueryData(mapKey, before);
    const { stream, source } = started();
    source.open();
    const data = { alarms: mapOf([1, 2]).alarms, subdistricts: [] };
    source.send({ type: 'map', layer: 'alarms', data } as ScreenEvent);
    const after = client.getQueryData<ScreenMap>(mapKey)!;
    expect(after.alarms).toEqual([{ id: 1 }, { id: 2 }]);
    expect(after.devices).toBe(before.devices);
    expect(fetch).not.toHaveBeenCalled();
    stream.close();
  });

  it('fetches the changed layers once for a burst of map changes sent without them', async () => {
    client.setQueryData(mapKey, mapOf([1]));
    vi.mocked(fetch).mockImplementation(async () =>
      Response.json({ alarms: [{ id: 1 }, { id: 9 }], subdistricts: [] }),
    );
    const { stream, source } = started();
    source.open();
    for (let i = 0; i < 20; i++) source.send({ type: 'map', layer: i % 2 ? 'alarms' : 'devices' });
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1500);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(vi.mocked(fetch).mock.calls[0]![0])).toBe(
      '/api/ioc/map?layers=devices%2Calarms%2Csubdistricts',
    );
    expect(client.getQueryData<ScreenMap>(mapKey)!.alarms).toEqual([{ id: 1 }, { id: 9 }]);
    stream.close();
  });

  it('after a drop, fetches everything once when the stream is back', async () => {
    const fetchTrends = vi.fn(async () => ({ days: [] }));
    const stop = await shown(trendsKey, fetchTrends);
    expect(fetchTrends).toHaveBeenCalledTimes(1);
    const { stream, source } = started();
    source.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchTrends).toHaveBeenCalledTimes(1);
    source.drop();
    expect(stream.snapshot().connected).toBe(false);
    source.open(); // the browser reconnected by itself
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchTrends).toHaveBeenCalledTimes(2);
    expect(stream.snapshot().connected).toBe(true);
    stop();
    stream.close();
  });

  it('opens a stream the browser gave up on again, after 1 s, 2 s, 4 s …', async () => {
    const { stream, source } = started();
    source.drop(true);
    expect(FakeSource.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSource.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.opened).toHaveLength(2);
    FakeSource.opened[1]!.drop(true);
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeSource.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.opened).toHaveLength(3);
    // Open again: the pause starts from 1 s at the next failure.
    FakeSource.opened[2]!.open();
    FakeSource.opened[2]!.drop(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSource.opened).toHaveLength(4);
    stream.close();
  });

  it('leaves no timer or connection behind once closed', async () => {
    const { stream, source } = started();
    source.drop(true);
    stream.close();
    expect(source.readyState).toBe(FakeSource.CLOSED);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSource.opened).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores what it cannot read', () => {
    client.setQueryData(summaryKey, summary);
    const { stream, source } = started();
    source.open();
    source.onmessage?.({ data: 'not json' });
    source.onmessage?.({ data: '{"type":"something-new"}' });
    expect(client.getQueryData(summaryKey)).toBe(summary);
    expect(stream.snapshot().events).toBe(2);
    stream.close();
  });
});

describe('the live indicator', () => {
  const state = (over: Partial<StreamState>): StreamState => ({
    connected: true,
    failed: false,
    lastEventAt: 0,
    startedAt: 0,
    events: 1,
    panelAt: {},
    ...over,
  });

  it('is live while events (the heartbeat at least) keep coming', () => {
    expect(liveness(state({ lastEventAt: 1000 }), 1000 + STALE_AFTER_MS)).toBe('live');
  });

  it('is stale after 40 s without an event, or once the stream dropped', () => {
    expect(liveness(state({ lastEventAt: 1000 }), 1001 + STALE_AFTER_MS)).toBe('stale');
    expect(liveness(state({ lastEventAt: 1000, connected: false, failed: true }), 2000)).toBe('stale');
  });

  it('is connecting before the first event, for 40 s at most and unless the stream failed', () => {
    const fresh = state({ connected: false, lastEventAt: null, startedAt: 1000, events: 0 });
    expect(liveness(fresh, 5000)).toBe('connecting');
    expect(liveness(fresh, 1001 + STALE_AFTER_MS)).toBe('stale');
    expect(liveness({ ...fresh, failed: true }, 5000)).toBe('stale');
  });
});
