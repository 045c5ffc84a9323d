import { z } from 'zod';
import { deviceStatuses } from '../ports.ts';

// Codes people type on labels and in MQTT topics: letters, digits and - _ . only.
export const DEVICE_CODE = /^[A-Za-z0-9._-]{1,64}$/;

export const deviceCodeParam = z.object({ code: z.string().regex(DEVICE_CODE) });

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const attributes = z.record(z.string().max(64), z.union([z.number(), z.string().max(200)]));

/** A new device, as the console and the CLI send it. */
export const deviceCreate = z
  .object({
    code: z.string().trim().regex(DEVICE_CODE),
    profileCode: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    lng,
    lat,
    departmentId: z.number().int().positive().optional(),
    componentCode: z.string().trim().max(64).nullable().optional(),
    installedOn: isoDate.nullable().optional(),
    attributes: attributes.optional(),
  })
  .strict();
export type DeviceCreate = z.infer<typeof deviceCreate>;

/** A change to a device: only the fields sent change (null clears the component or installation date). */
export const deviceUpdate = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    lng: lng.optional(),
    lat: lat.optional(),
    componentCode: z.string().trim().max(64).nullable().optional(),
    installedOn: isoDate.nullable().optional(),
    attributes: attributes.optional(),
    departmentId: z.number().int().positive().optional(),
  })
  .strict();
export type DeviceUpdate = z.infer<typeof deviceUpdate>;

export const deviceQuery = z.object({
  q: z.string().trim().max(100).optional(),
  profile: z.string().max(64).optional(),
  status: z.enum(deviceStatuses).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  subdistrict: z.string().max(12).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  sort: z.enum(['code', '-code', 'lastSeenAt', '-lastSeenAt', 'name', '-name']).default('code'),
});
export type DeviceQuery = z.infer<typeof deviceQuery>;

export const mapQuery = z.object({
  profile: z.string().max(64).optional(),
  status: z.enum(deviceStatuses).optional(),
});
export type MapQuery = z.infer<typeof mapQuery>;

export const retireBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export const faultBody = z
  .object({ fault: z.boolean(), reason: z.string().trim().max(500).optional() })
  .strict();

/** A device in lists. */
export const deviceSummary = z.object({
  code: z.string(),
  name: z.string(),
  profileCode: z.string(),
  profileName: z.string(),
  status: z.enum(deviceStatuses),
  lng: z.number(),
  lat: z.number(),
  subdistrictCode: z.string().nullable(),
  subdistrictName: z.string().nullable(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
  departmentId: z.number(),
  departmentName: z.string().nullable(),
  componentCode: z.string().nullable(),
  installedOn: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  tokenHint: z.string(),
  badCount: z.number(),
  activeAlarms: z.number(),
});
export type DeviceSummary = z.infer<typeof deviceSummary>;

export const devicePage = z.object({ items: z.array(deviceSummary), total: z.number() });

const keyDef = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string().optional(),
  type: z.enum(['number', 'integer', 'boolean', 'string']),
  min: z.number().optional(),
  max: z.number().optional(),
});
const attributeDef = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string().optional(),
  type: z.enum(['number', 'string']),
});

/** One device with its profile's keys and attributes, its refused payloads, and whether the caller may change it. */
export const deviceDetail = deviceSummary.extend({
  attributes: z.record(z.string(), z.unknown()),
  keys: z.array(keyDef),
  attributeDefs: z.array(attributeDef),
  gatewayCode: z.string().nullable(),
  bad: z.array(
    z.object({
      reason: z.string(),
      count: z.number(),
      lastAt: z.string(),
      lastSample: z.string().nullable(),
    }),
  ),
  canManage: z.boolean(),
});
export type DeviceDetail = z.infer<typeof deviceDetail>;

/** The answer to registering: the device and its access token, shown this once. */
export const deviceCreated = z.object({ device: deviceDetail, token: z.string() });
export const tokenAnswer = z.object({ token: z.string() });

export const mapItem = z.object({
  code: z.string(),
  name: z.string(),
  profileCode: z.string(),
  status: z.enum(deviceStatuses),
  lng: z.number(),
  lat: z.number(),
  alarmSeverity: z.string().nullable(),
});
export const deviceMap = z.object({ items: z.array(mapItem) });

export const overview = z.object({
  devices: z.object({
    total: z.number(),
    online: z.number(),
    offline: z.number(),
    fault: z.number(),
    retired: z.number(),
  }),
  byProfile: z.array(z.object({ profileCode: z.string(), total: z.number(), online: z.number() })),
  alarms: z.object({
    active: z.number(),
    critical: z.number(),
    major: z.number(),
    minor: z.number(),
    warning: z.number(),
  }),
});
export type Overview = z.infer<typeof overview>;

export const importQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

/** What an import did (or, dry, would do); with any error nothing is written. Tokens of created devices, once. */
export const importResult = z.object({
  created: z.number(),
  updated: z.number(),
  errors: z.array(z.object({ sheet: z.string(), row: z.number(), field: z.string(), reason: z.string() })),
  tokens: z.array(z.object({ code: z.string(), token: z.string() })).optional(),
});
export type ImportResult = z.infer<typeof importResult>;

export const profile = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  keys: z.array(keyDef),
  attributes: z.array(attributeDef),
  retentionDays: z.number(),
  offlineMinutes: z.number(),
  updatedAt: z.string(),
});
export const profileList = z.object({ items: z.array(profile) });
export const profileCodeParam = z.object({ code: z.string().max(64) });
export const profileUpdate = z
  .object({
    retentionDays: z.number().int().min(1).max(3650).optional(),
    offlineMinutes: z.number().int().min(1).max(10_080).optional(),
  })
  .strict();

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
