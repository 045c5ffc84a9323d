import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { devices } from '../schema.ts';

/**
 * Merges attributes a device sent into its attributes (jsonb `||`: the keys sent replace theirs, others stay);
 * returns the attributes as they now are.
 */
export async function mergeAttributes(
  db: Db,
  deviceId: number,
  attributes: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .update(devices)
    .set({ attributes: sql`${devices.attributes} || ${JSON.stringify(attributes)}::jsonb` })
    .where(eq(devices.id, deviceId))
    .returning({ attributes: devices.attributes });
  return row?.attributes ?? null;
}

/** Records the gateway a device reports through. */
export async function setGateway(db: Db, deviceId: number, gatewayId: number): Promise<void> {
  await db.update(devices).set({ gatewayId }).where(eq(devices.id, deviceId));
}
