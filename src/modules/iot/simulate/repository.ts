import { and, asc, inArray, like, ne } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { asRef, refColumns } from '../devices/repository.ts';
import type { DeviceRef } from '../ports.ts';
import { devices } from '../schema.ts';

/** The devices (not retired) whose code starts with `prefix`, by code: the ones the simulator drives. */
export async function listByCodePrefix(db: Db, prefix: string): Promise<DeviceRef[]> {
  const rows = await db
    .select(refColumns)
    .from(devices)
    .where(and(like(devices.code, `${prefix.replace(/[\\%_]/g, '\\$&')}%`), ne(devices.status, 'retired')))
    .orderBy(asc(devices.code));
  return rows.map((row) => asRef(row)!);
}

/** Which of these codes are taken. */
export async function existingCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.select({ code: devices.code }).from(devices).where(inArray(devices.code, codes));
  return new Set(rows.map((r) => r.code));
}
