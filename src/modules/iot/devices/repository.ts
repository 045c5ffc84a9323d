import { eq } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { DeviceRef, DeviceStatus } from '../ports.ts';
import { devices } from '../schema.ts';

const refColumns = {
  id: devices.id,
  code: devices.code,
  name: devices.name,
  profileCode: devices.profileCode,
  departmentId: devices.departmentId,
  status: devices.status,
  attributes: devices.attributes,
  gatewayId: devices.gatewayId,
  lng: devices.lng,
  lat: devices.lat,
  subdistrictCode: devices.subdistrictCode,
  communityCode: devices.communityCode,
};

function asRef(row: Record<string, unknown> | undefined): DeviceRef | null {
  return row ? ({ ...row, status: row.status as DeviceStatus } as DeviceRef) : null;
}

/** The device whose token has this hash. */
export async function findRefByTokenHash(db: Db, tokenHash: string): Promise<DeviceRef | null> {
  const [row] = await db.select(refColumns).from(devices).where(eq(devices.tokenHash, tokenHash));
  return asRef(row);
}

/** The device with this code. */
export async function findRefByCode(db: Db, code: string): Promise<DeviceRef | null> {
  const [row] = await db.select(refColumns).from(devices).where(eq(devices.code, code));
  return asRef(row);
}
