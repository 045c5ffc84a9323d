/**
 * Which of the screen's figures each announced change touches. A module announces a topic (core's changes.ts) or
 * iot an alarm ('iot_alarm'); the screen drops those figures from its cache and pushes the panels, map layers and
 * feed lines they feed.
 */
import { type ChangeTopic, changeTopics } from '../../../core/changes.ts';
import type { PanelName } from '../contract.ts';

/** What the screen caches, by key. */
export const figureKeys = {
  panel: (name: PanelName) => `panel:${name}`,
  trends: 'trends',
  /** The live part of the subdistricts' figures (devices, alarms, open cases). */
  subdistrictsLive: 'map:subdistricts-live',
  /** The registries' counts per subdistrict: a grouped read of 800,000 people, kept until a merge. */
  subdistrictsRegistry: 'map:subdistricts-registry',
  devices: 'map:devices',
  alarms: 'map:alarms',
  cases: 'map:cases',
  constructionSites: 'map:construction-sites',
  waterStations: 'map:water-stations',
  facilities: 'map:facilities',
  feedAlarms: 'feed:alarms',
  feedCases: 'feed:cases',
  divisions: 'divisions',
} as const;

/** How long each figure is kept when no change is announced (telemetry values, facilities are never announced). */
export function keepMs(key: string): number {
  // The registries change only by merges, which announce themselves; counting 800,000 people is not free.
  if (
    key === figureKeys.subdistrictsRegistry ||
    key === figureKeys.panel('registries') ||
    key === figureKeys.divisions
  )
    return 10 * 60_000;
  if (key === figureKeys.facilities) return 5 * 60_000;
  if (key === figureKeys.trends || key === figureKeys.waterStations || key === figureKeys.constructionSites)
    return 60_000;
  return 15_000;
}

/** What one topic changes: the cache keys to drop, the panels to push, the map layer to push, whether the feed moves. */
export type Effect = {
  keys: string[];
  panels: PanelName[];
  layer: 'alarms' | 'devices' | 'cases' | null;
  feed: boolean;
  mode: boolean;
};

const none: Effect = { keys: [], panels: [], layer: null, feed: false, mode: false };

const effects: Record<ChangeTopic, Effect> = {
  cases: {
    keys: [
      figureKeys.panel('cases'),
      figureKeys.cases,
      figureKeys.subdistrictsLive,
      figureKeys.feedCases,
      figureKeys.trends,
    ],
    panels: ['cases'],
    layer: 'cases',
    feed: true,
    mode: false,
  },
  alarms: {
    keys: [
      figureKeys.panel('alarms'),
      figureKeys.alarms,
      figureKeys.subdistrictsLive,
      figureKeys.feedAlarms,
      figureKeys.trends,
    ],
    panels: ['alarms'],
    layer: 'alarms',
    feed: true,
    mode: false,
  },
  devices: {
    keys: [
      figureKeys.panel('devices'),
      figureKeys.devices,
      figureKeys.subdistrictsLive,
      figureKeys.waterStations,
      figureKeys.constructionSites,
    ],
    panels: ['devices'],
    layer: 'devices',
    feed: false,
    mode: false,
  },
  sharing: { ...none, keys: [figureKeys.panel('sharing'), figureKeys.trends], panels: ['sharing'] },
  ingest: { ...none, keys: [figureKeys.panel('data'), figureKeys.trends], panels: ['data'] },
  registry: {
    ...none,
    keys: [figureKeys.panel('registries'), figureKeys.subdistrictsRegistry],
    panels: ['registries'],
  },
  incident: { ...none, mode: true },
};

/** The topic a NOTIFY on core's change channel carries, or null for one this version does not know. */
export function topicOf(payload: string): ChangeTopic | null {
  const topic = payload.split(':')[0]!;
  return (changeTopics as readonly string[]).includes(topic) ? (topic as ChangeTopic) : null;
}

/** What a topic changes. */
export function effectOf(topic: ChangeTopic): Effect {
  return effects[topic];
}

/** Everything: after LISTEN (re)starts, when announcements may have been lost. */
export const everyTopic: readonly ChangeTopic[] = changeTopics;

/**
 * What the periodic refresh reads again: figures that move without an announcement (the day turning for the
 * "today" counts, telemetry values on the map, a mode broadcast lost). Not the registries: only merges change them,
 * and each announces itself.
 */
export const refreshedTopics: readonly ChangeTopic[] = changeTopics.filter((t) => t !== 'registry');
