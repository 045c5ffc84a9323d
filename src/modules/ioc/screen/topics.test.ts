import { describe, expect, it } from 'vitest';
import { changeTopics } from '../../../core/changes.ts';
import type { FeedItem } from '../contract.ts';
import { newestFirst } from './feed.ts';
import { sseFrame } from './live.ts';
import { effectOf, figureKeys, keepMs, refreshedTopics, topicOf } from './topics.ts';

describe('what a change touches', () => {
  it('reads the topic of a change, and ignores topics it does not know', () => {
    expect(topicOf('cases')).toBe('cases');
    expect(topicOf('cases:202612070001')).toBe('cases');
    expect(topicOf('parking')).toBeNull();
    expect(topicOf('')).toBeNull();
  });

  it('drops and pushes what each topic feeds', () => {
    expect(effectOf('cases')).toMatchObject({ panels: ['cases'], layer: 'cases', feed: true });
    expect(effectOf('alarms').keys).toContain(figureKeys.feedAlarms);
    expect(effectOf('devices').keys).toContain(figureKeys.waterStations);
    expect(effectOf('registry').keys).toContain(figureKeys.subdistrictsRegistry);
    expect(effectOf('incident')).toMatchObject({ keys: [], panels: [], mode: true });
    for (const topic of changeTopics) expect(effectOf(topic)).toBeDefined();
  });

  it('keeps the registries long (merges announce themselves) and live figures briefly', () => {
    expect(keepMs(figureKeys.subdistrictsRegistry)).toBeGreaterThan(keepMs(figureKeys.alarms));
    expect(keepMs(figureKeys.panel('alarms'))).toBeLessThanOrEqual(15_000);
    expect(refreshedTopics).not.toContain('registry');
  });
});

describe('the feed and the stream', () => {
  const item = (kind: FeedItem['kind'], ref: string, at: string): FeedItem => ({
    kind,
    ref,
    at,
    title: '',
    detail: '',
    severity: null,
    subdistrict: null,
  });

  it('orders the feed newest first, alarms before cases of the same instant', () => {
    const items = [
      item('case', '1', '2026-12-07T01:00:00.000Z'),
      item('case', '2', '2026-12-07T02:00:00.000Z'),
      item('alarm', '9', '2026-12-07T01:00:00.000Z'),
    ];
    expect(items.sort(newestFirst).map((i) => i.ref)).toEqual(['2', '9', '1']);
  });

  it('writes an event as one data line, serialized once for every screen', () => {
    const event = { type: 'heartbeat' as const, at: '2026-12-07T01:00:00.000Z' };
    const frame = sseFrame(event);
    expect(frame).toBe('data: {"type":"heartbeat","at":"2026-12-07T01:00:00.000Z"}\n\n');
    expect(sseFrame(event)).toBe(frame);
  });
});
