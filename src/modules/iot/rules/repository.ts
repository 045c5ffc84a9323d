import { and, asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { devices, rules } from '../schema.ts';

export type RuleRow = typeof rules.$inferSelect;
/** A rule with the code of the device it belongs to (null for a profile's rule). */
export type RuleWithDevice = RuleRow & { deviceCode: string | null; deviceDepartmentId: number | null };

const withDevice = {
  id: rules.id,
  profileCode: rules.profileCode,
  deviceId: rules.deviceId,
  name: rules.name,
  kind: rules.kind,
  params: rules.params,
  severity: rules.severity,
  caseCategory: rules.caseCategory,
  enabled: rules.enabled,
  createdAt: rules.createdAt,
  updatedAt: rules.updatedAt,
  deviceCode: devices.code,
  deviceDepartmentId: devices.departmentId,
};

/** Every enabled rule (the engine's cache). */
export function enabledRules(db: Db): Promise<RuleRow[]> {
  return db.select().from(rules).where(eq(rules.enabled, true)).orderBy(asc(rules.id));
}

/** Rules of a profile, of a device, or all; each with its device's code and department. */
export function listRules(
  db: Db,
  filter: { profileCode?: string; deviceId?: number; departmentId?: number },
): Promise<RuleWithDevice[]> {
  const where: (SQL | undefined)[] = [];
  if (filter.profileCode) where.push(eq(rules.profileCode, filter.profileCode));
  if (filter.deviceId !== undefined) where.push(eq(rules.deviceId, filter.deviceId));
  // A department sees the profiles' rules and its own devices' rules.
  if (filter.departmentId !== undefined)
    where.push(or(isNull(rules.deviceId), eq(devices.departmentId, filter.departmentId)));
  return db
    .select(withDevice)
    .from(rules)
    .leftJoin(devices, eq(devices.id, rules.deviceId))
    .where(and(...where))
    .orderBy(asc(rules.profileCode), asc(rules.deviceId), asc(rules.id));
}

/** One rule with its device's code and department. */
export async function findRule(db: Db, id: number): Promise<RuleWithDevice | undefined> {
  const [row] = await db
    .select(withDevice)
    .from(rules)
    .leftJoin(devices, eq(devices.id, rules.deviceId))
    .where(eq(rules.id, id));
  return row;
}

/** Adds a rule. */
export async function insertRule(db: Db, values: typeof rules.$inferInsert): Promise<RuleRow> {
  const [row] = await db.insert(rules).values(values).returning();
  return row!;
}

/** Changes a rule. */
export async function updateRule(
  db: Db,
  id: number,
  values: Partial<typeof rules.$inferInsert>,
): Promise<RuleRow | undefined> {
  const [row] = await db
    .update(rules)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(rules.id, id))
    .returning();
  return row;
}

/** Deletes a rule. */
export async function deleteRule(db: Db, id: number): Promise<boolean> {
  const rows = await db.delete(rules).where(eq(rules.id, id)).returning({ id: rules.id });
  return rows.length > 0;
}
