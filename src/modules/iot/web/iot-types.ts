import type { DeviceStatus, Severity } from '../ports.ts';
import type { AttributeDef, TelemetryKeyDef } from '../schema.ts';

// The shapes of the module's HTTP API as the console reads them (the brief's "HTTP API of the module"); the
// areas' zod contracts describe the same answers on the server.

export type { AttributeDef, DeviceStatus, Severity, TelemetryKeyDef };

/** A device type (设备类型) with its keys, attributes and data-keeping settings. */
export type Profile = {
  code: string;
  name: string;
  nameEn: string;
  keys: TelemetryKeyDef[];
  attributes: AttributeDef[];
  retentionDays: number;
  offlineMinutes: number;
};

/** One row of the device list. */
export type DeviceSummary = {
  code: string;
  name: string;
  profileCode: string;
  profileName: string;
  status: DeviceStatus;
  lng: number;
  lat: number;
  subdistrictCode: string | null;
  subdistrictName: string | null;
  communityCode: string | null;
  communityName: string | null;
  departmentId: number;
  departmentName: string | null;
  componentCode: string | null;
  installedOn: string | null;
  lastSeenAt: string | null;
  tokenHint: string | null;
  badCount: number;
  activeAlarms: number;
};

/** Refused payloads of a device, by reason. */
export type BadPayloads = { reason: string; count: number; lastAt: string | null; lastSample: string | null };

/** One device with its keys, attributes and what the user may do with it. */
export type DeviceDetail = DeviceSummary & {
  attributes: Record<string, unknown>;
  keys: TelemetryKeyDef[];
  attributeDefs: AttributeDef[];
  gatewayCode: string | null;
  bad: BadPayloads[];
  canManage: boolean;
};

/** A device as the map draws it. */
export type DevicePoint = {
  code: string;
  name: string;
  profileCode: string;
  status: DeviceStatus;
  lng: number;
  lat: number;
  alarmSeverity: Severity | null;
};

/** What registering a device sends. */
export type DeviceInput = {
  code: string;
  profileCode: string;
  name: string;
  lng: number;
  lat: number;
  departmentId?: number;
  componentCode?: string;
  installedOn?: string;
  attributes?: Record<string, unknown>;
};

/** What an import did or would do (dry run); `tokens` are the new devices' tokens, shown once. */
export type ImportResult = {
  created: number;
  updated: number;
  errors: { sheet: string; row: number; field: string; reason: string }[];
  tokens?: Record<string, string> | { code: string; token: string }[];
};

/** A device's last value of each key. */
export type Latest = { code: string; values: Record<string, { ts: string; value: unknown }> };

export type RawPoint = { ts: string; value: unknown };
export type AggregatePoint = { ts: string; min: number; max: number; avg: number; count: number };

/** Values of some keys over a time range, raw or aggregated. */
export type Timeseries = { interval: string; series: Record<string, (RawPoint | AggregatePoint)[]> };

export const alarmStatuses = ['active_unack', 'active_ack', 'cleared_unack', 'cleared_ack'] as const;
export type AlarmStatus = (typeof alarmStatuses)[number];

/** An alarm (告警) a rule raised on a device. */
export type Alarm = {
  id: number;
  deviceCode: string;
  deviceName: string;
  profileCode: string;
  ruleId: number | null;
  ruleName: string | null;
  severity: Severity;
  status: AlarmStatus;
  message: string;
  subject: string | null;
  startedAt: string;
  lastAt: string;
  count: number;
  firstValue: unknown;
  lastValue: unknown;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  clearedAt: string | null;
  caseNumber: string | null;
  lng: number | null;
  lat: number | null;
};

export const ruleKinds = ['threshold', 'duration', 'rate', 'nodata', 'combination', 'overweight'] as const;
export type RuleKind = (typeof ruleKinds)[number];

/** An alarm rule of a profile (or of one device). */
export type Rule = {
  id: number;
  /** A rule of every device of a profile has its profile; a rule of one device, its device instead. */
  profileCode: string | null;
  deviceCode: string | null;
  name: string;
  kind: RuleKind;
  params: Record<string, unknown>;
  severity: Severity;
  caseCategory: string | null;
  enabled: boolean;
};

/** A new rule (of a profile). */
export type RuleInput = Omit<Rule, 'id' | 'deviceCode' | 'profileCode'> & { profileCode: string };

/** A change to a rule: its kind and what it applies to stay. */
export type RuleUpdate = Partial<Pick<Rule, 'name' | 'severity' | 'caseCategory' | 'enabled' | 'params'>>;

/** The sensing layer at a glance. */
export type Overview = {
  devices: { total: number; online: number; offline: number; fault: number; retired: number };
  byProfile: { profileCode: string; total: number; online: number }[];
  alarms: { active: number; critical: number; major: number; minor: number; warning: number };
};
