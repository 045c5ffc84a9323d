import type { PanelName } from '../../contract.ts';

/** The map's layers, each toggled on the map. */
export const layerIds = [
  'devices',
  'alarms',
  'casePoints',
  'caseHeat',
  'sites',
  'water',
  'facilities',
  'choropleth',
] as const;
export type LayerId = (typeof layerIds)[number];

/** What a side column may hold: a summary panel, a list drawn from the map's layers, or the feed. */
export type Block =
  | PanelName
  | 'alarmList'
  | 'waterStations'
  | 'shelters'
  | 'sites'
  | 'subdistrictCases'
  | 'subdistrictPeople'
  | 'feed';

/** The trend lines a view draws (keys of a day of ScreenTrends). */
export type TrendSeries = 'casesReceived' | 'casesClosed' | 'alarms' | 'sharingCalls' | 'recordsLoaded';

export type View = {
  id: 'overview' | 'city' | 'sensing' | 'data' | 'water' | 'construction';
  left: Block[];
  right: Block[];
  layers: LayerId[];
  trends: TrendSeries[];
};

/** The screen's views, in the order the rotation shows them. */
export const views: View[] = [
  {
    id: 'overview',
    left: ['registries', 'data', 'sharing'],
    right: ['devices', 'alarms', 'cases', 'feed'],
    layers: ['choropleth', 'alarms'],
    trends: ['casesReceived', 'casesClosed', 'alarms'],
  },
  {
    id: 'city',
    left: ['cases', 'subdistrictCases'],
    right: ['alarms', 'feed'],
    layers: ['caseHeat', 'casePoints'],
    trends: ['casesReceived', 'casesClosed'],
  },
  {
    id: 'sensing',
    left: ['devices', 'alarms'],
    right: ['alarmList', 'feed'],
    layers: ['devices', 'alarms'],
    trends: ['alarms'],
  },
  {
    id: 'data',
    left: ['registries', 'data'],
    right: ['sharing', 'subdistrictPeople'],
    layers: ['choropleth'],
    trends: ['sharingCalls', 'recordsLoaded'],
  },
  {
    id: 'water',
    left: ['waterStations', 'shelters'],
    right: ['alarms', 'feed'],
    layers: ['water', 'facilities', 'alarms'],
    trends: ['alarms'],
  },
  {
    id: 'construction',
    left: ['sites'],
    right: ['devices', 'feed'],
    layers: ['sites'],
    trends: ['alarms', 'casesReceived'],
  },
];
export type ViewId = View['id'];

/** In emergency mode the incident's panel takes the left column, and the right one shows these. */
export const emergencyRight: Block[] = ['alarms', 'cases', 'feed'];

/** How long each view stays before the rotation moves on. */
export const ROTATE_MS = 30_000;

/** The view after `id` in the rotation. */
export function nextView(id: ViewId): ViewId {
  const at = views.findIndex((v) => v.id === id);
  return views[(at + 1) % views.length]!.id;
}

/** The view a `?view=` parameter names, or the overview. */
export function viewOf(id: string | null): View {
  return views.find((v) => v.id === id) ?? views[0]!;
}
