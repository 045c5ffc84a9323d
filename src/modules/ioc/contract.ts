/**
 * The operations center's API shapes, shared by the server and the screen: the panels' figures, the map's layers,
 * the feed, the incident of emergency mode, the role dashboards' to-dos and the briefings' archive.
 */
import { z } from 'zod';
import { briefingFigures } from './briefings/contract.ts';

export * from './briefings/contract.ts';

// ——— The big screen ———

/** The screen's panels, each pushed whole when what it counts changes. Rates are shares 0..1, null with nothing to rate. */
export const screenSummary = z.object({
  /** When these figures were read (ISO). */
  at: z.string(),
  registries: z.object({
    people: z.number(),
    legalPersons: z.number(),
    licenses: z.number(),
    components: z.number(),
  }),
  data: z.object({
    /** Records aggregated (rows accepted by batches done), all time and today (China time). */
    recordsTotal: z.number(),
    recordsToday: z.number(),
    /** Batches that ended today, done or failed. */
    batchesToday: z.number(),
    /** Accepted rows among the rows of the last 30 days' batches. */
    quality: z.number().nullable(),
    /** Batches failed in the last 30 days. */
    failedBatches: z.number(),
  }),
  sharing: z.object({
    /** Sharing API calls served today, in all and by consumer department (most first). */
    callsToday: z.number(),
    byDepartment: z.array(z.object({ departmentId: z.number(), name: z.string(), calls: z.number() })),
  }),
  devices: z.object({ total: z.number(), online: z.number(), offline: z.number(), fault: z.number() }),
  alarms: z.object({
    active: z.number(),
    bySeverity: z.object({ critical: z.number(), major: z.number(), minor: z.number(), warning: z.number() }),
  }),
  cases: z.object({
    /** Received today. */
    today: z.number(),
    /** Open now (not closed or merged), and of those past their due time. */
    open: z.number(),
    overdue: z.number(),
    /** Over the last 30 days. */
    onTimeRate: z.number().nullable(),
    satisfactionRate: z.number().nullable(),
  }),
});
export type ScreenSummary = z.infer<typeof screenSummary>;
export const panelNames = ['registries', 'data', 'sharing', 'devices', 'alarms', 'cases'] as const;
export type PanelName = (typeof panelNames)[number];

/** 30 days of each panel's daily figure, oldest first (China-local dates). */
export const screenTrends = z.object({
  days: z.array(
    z.object({
      date: z.string(),
      casesReceived: z.number(),
      /** Of the cases received that day, those closed by now (as the case statistics count them). */
      casesClosed: z.number(),
      alarms: z.number(),
      sharingCalls: z.number(),
      recordsLoaded: z.number(),
    }),
  ),
});
export type ScreenTrends = z.infer<typeof screenTrends>;

export const facilityKinds = ['school', 'shelter', 'hospital'] as const;
export type FacilityKind = (typeof facilityKinds)[number];

const point = { lng: z.number(), lat: z.number() };

/** The map's layers. The district outline comes from GET /api/divisions/map (no tiles from the internet). */
export const screenMap = z.object({
  subdistricts: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      people: z.number(),
      legalPersons: z.number(),
      devices: z.number(),
      openCases: z.number(),
      activeAlarms: z.number(),
    }),
  ),
  devices: z.array(
    z.object({ code: z.string(), name: z.string(), profile: z.string(), status: z.string(), ...point }),
  ),
  alarms: z.array(
    z.object({
      id: z.number(),
      deviceCode: z.string(),
      deviceName: z.string(),
      severity: z.string(),
      startedAt: z.string(),
      ...point,
    }),
  ),
  cases: z.object({
    points: z.array(
      z.object({ number: z.string(), categoryCode: z.string().nullable(), status: z.string(), ...point }),
    ),
    /** [lng, lat, weight] cells of the open cases. */
    heat: z.array(z.tuple([z.number(), z.number(), z.number()])),
  }),
  constructionSites: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      status: z.string(),
      pm10: z.number().nullable(),
      ...point,
    }),
  ),
  waterStations: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      status: z.string(),
      level: z.number().nullable(),
      warningLevel: z.number().nullable(),
      ...point,
    }),
  ),
  facilities: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(facilityKinds),
      name: z.string(),
      capacity: z.number().nullable(),
      ...point,
    }),
  ),
});
export type ScreenMap = z.infer<typeof screenMap>;

/** The map's layers by name: GET /api/ioc/map?layers=alarms,subdistricts answers only those. */
export const mapLayerNames = [
  'subdistricts',
  'devices',
  'alarms',
  'cases',
  'constructionSites',
  'waterStations',
  'facilities',
] as const;
export type MapLayerName = (typeof mapLayerNames)[number];
/** `layers`: a comma-separated list of mapLayerNames; all of them when absent. */
export const screenMapQuery = z.object({ layers: z.string().trim().max(200).optional() });
/** Some of the map's layers (those asked for). */
export const screenMapPart = screenMap.partial();
export type ScreenMapPart = z.infer<typeof screenMapPart>;

/** A line of the scrolling feed: a new alarm (naming the device by code and name) or a new case. */
export const feedItem = z.object({
  kind: z.enum(['alarm', 'case']),
  /** The alarm's id or the case's number. */
  ref: z.string(),
  at: z.string(),
  title: z.string(),
  /** The device's code and name, or the case's category and department. */
  detail: z.string(),
  severity: z.string().nullable(),
  subdistrict: z.string().nullable(),
});
export type FeedItem = z.infer<typeof feedItem>;
export const screenFeed = z.object({ items: z.array(feedItem) });
export const screenFeedQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) });

// ——— Emergency mode (平战结合) ———

export const incidentInput = z.object({
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).optional(),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  radiusM: z.number().int().min(100).max(20_000).default(1000),
  caseNumbers: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  alarmIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type IncidentInput = z.input<typeof incidentInput>;
export const incidentEnd = z.object({ note: z.string().trim().max(2000).optional() });

export const incident = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  lng: z.number(),
  lat: z.number(),
  radiusM: z.number(),
  subdistrictCode: z.string().nullable(),
  subdistrictName: z.string().nullable(),
  caseNumbers: z.array(z.string()),
  alarmIds: z.array(z.number()),
  startedAt: z.string(),
  startedByName: z.string(),
  endedAt: z.string().nullable(),
  endedByName: z.string().nullable(),
  endNote: z.string().nullable(),
});
export type Incident = z.infer<typeof incident>;

/** What a line of an incident's timeline is about. */
export const timelineKinds = [
  'incident_started',
  'incident_ended',
  'case_step',
  'alarm_started',
  'alarm_acknowledged',
  'alarm_cleared',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** What the screen shows in emergency mode: the incident, what is near it, the linked work and its timeline. */
export const incidentView = z.object({
  incident,
  near: z.object({
    devices: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        profile: z.string(),
        status: z.string(),
        distanceM: z.number(),
        ...point,
      }),
    ),
    cases: z.array(
      z.object({
        number: z.string(),
        title: z.string(),
        status: z.string(),
        distanceM: z.number(),
        ...point,
      }),
    ),
    facilities: z.array(
      z.object({
        id: z.number(),
        kind: z.enum(facilityKinds),
        name: z.string(),
        capacity: z.number().nullable(),
        distanceM: z.number(),
        ...point,
      }),
    ),
  }),
  linked: z.object({
    cases: z.array(
      z.object({
        number: z.string(),
        title: z.string(),
        status: z.string(),
        departmentName: z.string().nullable(),
      }),
    ),
    alarms: z.array(
      z.object({
        id: z.number(),
        deviceCode: z.string(),
        deviceName: z.string(),
        severity: z.string(),
        status: z.string(),
      }),
    ),
  }),
  /** Everything that happened to the incident and its linked cases and alarms, oldest first. */
  timeline: z.array(
    z.object({
      at: z.string(),
      /** The line in Chinese, for readers of the API; the screen words it from the fields below. */
      what: z.string(),
      by: z.string().nullable(),
      kind: z.enum(timelineKinds),
      /** The case number or alarm id the line is about (the incident's id for its own start and end). */
      ref: z.string(),
      /** A case step's action (receive, dispatch …); null for the other kinds. */
      action: z.string().nullable(),
      /** The incident's end note, a case step's note, an alarm's message; or null. */
      note: z.string().nullable(),
    }),
  ),
  /** The departments responsible for the linked and nearby cases and devices. */
  departments: z.array(z.object({ id: z.number(), name: z.string(), phone: z.string().nullable() })),
});
export type IncidentView = z.infer<typeof incidentView>;

/** The screen's mode: routine, or emergency with its incident. */
export const screenMode = z.object({ mode: z.enum(['routine', 'emergency']), view: incidentView.nullable() });
export type ScreenMode = z.infer<typeof screenMode>;

export const incidentIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const incidentListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const incidentList = z.object({ items: z.array(incident), total: z.number() });

/** A school, emergency shelter (避难场所) or hospital the screen shows near an incident. */
export const facility = z.object({
  id: z.number(),
  kind: z.enum(facilityKinds),
  name: z.string(),
  address: z.string().nullable(),
  ...point,
  subdistrictCode: z.string().nullable(),
  /** Pupils of a school, people a shelter holds, beds of a hospital. */
  capacity: z.number().nullable(),
});
export type Facility = z.infer<typeof facility>;
export const facilityQuery = z.object({ kind: z.enum(facilityKinds).optional() });
export const facilityList = z.object({ items: z.array(facility) });
/**
 * An import of facilities: rows of { kind, name, address?, lng, lat, capacity? }, each checked by the service
 * (errors name the row, 1-based, and the field). A (kind, name) already known is updated.
 */
export const facilityImport = z.array(z.unknown()).min(1).max(5000);
export const facilityImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type FacilityImportResult = z.infer<typeof facilityImportResult>;

/**
 * What the live stream (GET /api/ioc/stream, server-sent events) sends, one JSON object per `data:` line:
 * a panel's new figures, a new feed line, the mode, or a heartbeat every 15 s (so the screen knows it is live).
 * On connecting, the stream first sends a heartbeat, every panel and the mode: a screen is complete from it alone
 * (the map, trends and feed are read once by GET, then kept up by `map` and `feed` events).
 * A `map` event says a layer changed; `data` holds that layer and the subdistricts' figures as they are now (so
 * screens need not fetch them: GET /api/ioc/map?layers=… answers the same).
 */
export type ScreenEvent =
  | { type: 'panel'; panel: PanelName; data: ScreenSummary[PanelName]; at: string }
  | { type: 'feed'; item: FeedItem }
  | { type: 'map'; layer: 'alarms' | 'devices' | 'cases'; data?: ScreenMapPart }
  | { type: 'mode'; mode: ScreenMode }
  | { type: 'heartbeat'; at: string };

// ——— Role dashboards ———

/** A to-do of the signed-in user's role, with where it is done (a console path). */
export const todo = z.object({
  key: z.string(),
  count: z.number(),
  /** 'danger' for what is late (overdue cases, failed batches), 'warning' for what waits on the user. */
  tone: z.enum(['danger', 'warning', 'info']),
  link: z.string(),
});
export type Todo = z.infer<typeof todo>;

export const dashboard = z.object({
  scope: z.enum(['center', 'department', 'leader', 'other']),
  departmentId: z.number().nullable(),
  todos: z.array(todo),
  /** Figures for the scope, named by key (e.g. casesOpen, devicesOnline, resourceQuality). */
  figures: z.record(z.string(), z.number().nullable()),
  /** A department's open cases by how soon they are due. */
  casesByDue: z
    .object({ overdue: z.number(), today: z.number(), within3Days: z.number(), later: z.number() })
    .nullable(),
});
export type Dashboard = z.infer<typeof dashboard>;

// ——— Briefings (运营管理简报) ———

export const briefingKinds = ['weekly', 'monthly'] as const;
export type BriefingKind = (typeof briefingKinds)[number];

/** '2026-W49' (ISO week) or '2026-11' (month). */
export const briefingPeriod = z
  .string()
  .trim()
  .regex(/^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2]))$/, 'period_format');

export const briefingRequest = z.object({ period: briefingPeriod });

export const briefingSummary = z.object({
  id: z.number(),
  kind: z.enum(briefingKinds),
  period: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  number: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  generatedAt: z.string(),
  generatedByName: z.string(),
  docxBytes: z.number(),
  pdfBytes: z.number(),
});
export type BriefingSummary = z.infer<typeof briefingSummary>;
export const briefingList = z.object({ items: z.array(briefingSummary), total: z.number() });
export const briefingListQuery = z.object({
  kind: z.enum(briefingKinds).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A briefing of the archive with the figures it was written from. */
export const briefingDetail = briefingSummary.extend({ title: z.string(), figures: briefingFigures });
export type BriefingDetail = z.infer<typeof briefingDetail>;
export const briefingFiguresQuery = z.object({ period: briefingPeriod });
export const briefingId = z.object({ id: z.coerce.number().int().positive() });
