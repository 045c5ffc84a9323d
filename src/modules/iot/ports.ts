/** The shapes the areas of the iot module hand each other: a device as the data path sees it, a point, a batch. */

export const deviceStatuses = ['online', 'offline', 'fault', 'retired'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

export const severities = ['critical', 'major', 'minor', 'warning'] as const;
export type Severity = (typeof severities)[number];

/** A device as the data path needs it (cached by token and by code). */
export type DeviceRef = {
  id: number;
  code: string;
  name: string;
  profileCode: string;
  departmentId: number;
  status: DeviceStatus;
  attributes: Record<string, unknown>;
  gatewayId: number | null;
  lng: number;
  lat: number;
  subdistrictCode: string | null;
  communityCode: string | null;
};

/** One stored reading: numbers and booleans (1/0) in `num`, strings in `txt`. */
export type Point = { deviceId: number; key: string; ts: Date; num: number | null; txt: string | null };

/** Why a payload, or one value of it, was refused. Counted per device; never stored as data. */
export const badReasons = [
  'not_json',
  'bad_shape',
  'unknown_key',
  'wrong_type',
  'out_of_range',
  'future_ts',
  'old_ts',
  'unknown_device',
] as const;
export type BadReason = (typeof badReasons)[number];

/** A batch of points just committed, with their devices: what the rules look at. */
export type StoredBatch = { points: Point[]; devices: Map<number, DeviceRef> };
