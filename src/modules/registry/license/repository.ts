/**
 * The SQL of e-licenses: serials, issued licenses, revocation, the registry records of issues and the issuing
 * departments' signing keys.
 */
import { and, desc, eq, gte, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, pageOf } from '../../../core/db.ts';
import { entities, licenseSerials, licenses, signingKeys, sourceRecords } from '../schema.ts';
import type { LicenseHolder, LicenseQuery } from './contract.ts';

export type LicenseRow = typeof licenses.$inferSelect;
export type SigningKey = typeof signingKeys.$inferSelect;

/**
 * Takes the next `count` serials of an issuer and license type in the caller's transaction and returns the
 * first. The row lock the upsert takes holds other issuers of the same type back until this one commits, so
 * serials never repeat and a rolled-back issue leaves no gap.
 */
export async function allocateSerials(db: Db, issuerCode: string, typeCode: string, count: number) {
  const [row] = await db
    .insert(licenseSerials)
    .values({ issuerCode, typeCode, last: count })
    .onConflictDoUpdate({
      target: [licenseSerials.issuerCode, licenseSerials.typeCode],
      set: { last: sql.raw('license_serials.last + excluded.last') },
    })
    .returning({ last: licenseSerials.last });
  return row!.last - count + 1;
}

/** Stores issued licenses, a few hundred rows per statement. */
export async function insertLicenses(db: Db, rows: (typeof licenses.$inferInsert)[]) {
  const stored: LicenseRow[] = [];
  for (let i = 0; i < rows.length; i += 500)
    stored.push(
      ...(await db
        .insert(licenses)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  return stored;
}

/** One license, or undefined; `forUpdate` locks it for the caller's transaction. */
export async function findLicense(db: Db, id: string, forUpdate = false) {
  const query = db.select().from(licenses).where(eq(licenses.licenseId, id));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** The licenses of one holder (a citizen's ID number, 111, or an organization's credit code, 001), newest first. */
export function findLicensesOfHolder(db: Db, holder: LicenseHolder) {
  return db
    .select()
    .from(licenses)
    .where(and(eq(licenses.holderIdType, holder.idType), eq(licenses.holderId, holder.id)))
    .orderBy(desc(licenses.createdAt), desc(licenses.licenseId));
}

/** The SQL condition of a status on `today` (YYYY-MM-DD); a license is valid through its last day. */
function statusFilter(status: NonNullable<LicenseQuery['status']>, today: string): SQL {
  if (status === 'revoked') return isNotNull(licenses.revokedAt);
  const current = isNull(licenses.revokedAt);
  if (status === 'expired') return and(current, lt(licenses.validUntil, today))!;
  return and(current, or(isNull(licenses.validUntil), gte(licenses.validUntil, today)))!;
}

/**
 * One page of licenses, newest first. `holder` matches the holder's code exactly or part of the name; `type`
 * the type code exactly or part of the type name. The holder filter reaches people's licenses only where
 * `peopleFor` says the caller sees holders raw (every issuer, one issuing department, or none): a masked result
 * found by a guessed ID number or name would confirm the guess. Companies' codes and names are public.
 */
export function findLicenses(db: Db, q: LicenseQuery, today: string, peopleFor: 'all' | number | null) {
  const where: SQL[] = [];
  if (q.holder) {
    const like = `%${escapeLike(q.holder)}%`;
    where.push(or(eq(licenses.holderId, q.holder.toUpperCase()), sql`${licenses.holderName} like ${like}`)!);
    if (peopleFor !== 'all')
      where.push(
        or(
          eq(licenses.holderIdType, '001'),
          peopleFor === null ? undefined : eq(licenses.issuerDepartmentId, peopleFor),
        )!,
      );
  }
  if (q.type) {
    const like = `%${escapeLike(q.type)}%`;
    where.push(or(eq(licenses.typeCode, q.type.toUpperCase()), sql`${licenses.typeName} like ${like}`)!);
  }
  if (q.status) where.push(statusFilter(q.status, today));
  if (q.issuer) where.push(eq(licenses.issuerDepartmentId, q.issuer));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db.select().from(licenses).where(filter).orderBy(desc(licenses.createdAt), desc(licenses.licenseId)),
    db.$count(licenses, filter),
    q,
  );
}

/** Marks a license revoked. */
export async function revokeLicense(db: Db, id: string, by: string, reason: string) {
  const [row] = await db
    .update(licenses)
    .set({ revokedAt: new Date(), revokedBy: by, revokeReason: reason })
    .where(eq(licenses.licenseId, id))
    .returning();
  return row!;
}

/**
 * Records what the license source says of licenses (batch 0), in the transaction that issues or revokes them,
 * so a license and its registry record commit together; the entities are merged right after.
 */
export async function upsertLicenseSourceRecords(
  db: Db,
  records: { key: string; values: Record<string, string> }[],
) {
  for (let i = 0; i < records.length; i += 500) {
    const now = new Date();
    await db
      .insert(sourceRecords)
      .values(
        records.slice(i, i + 500).map((r) => ({
          registry: 'license',
          key: r.key,
          source: 'license',
          values: r.values,
          batchId: 0,
          observedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [sourceRecords.registry, sourceRecords.key, sourceRecords.source],
        set: {
          values: sql.raw('excluded.values'),
          batchId: 0,
          observedAt: sql.raw('excluded.observed_at'),
        },
      });
  }
}

/**
 * Licenses whose entity in the license registry is missing or says another status than they have `today`: a
 * stop between a license's commit and its merge, or a license that ran out since.
 */
export async function licensesOutOfSync(db: Db, today: string): Promise<LicenseRow[]> {
  const status = sql`case when ${licenses.revokedAt} is not null then '注销'
    when ${licenses.validUntil} < ${today}::date then '过期' else '有效' end`;
  const rows = await db
    .select({ license: licenses })
    .from(licenses)
    .leftJoin(entities, and(eq(entities.registry, 'license'), eq(entities.key, licenses.licenseId)))
    .where(sql`${entities.key} is null or ${entities.values} ->> 'status' is distinct from ${status}`);
  return rows.map((r) => r.license);
}

/** The newest unretired signing key of a department, or undefined. */
export async function findCurrentSigningKey(db: Db, departmentId: number): Promise<SigningKey | undefined> {
  const [key] = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.departmentId, departmentId), isNull(signingKeys.retiredAt)))
    .orderBy(desc(signingKeys.id))
    .limit(1);
  return key;
}

/** Stores a department's new key pair. */
export async function insertSigningKey(db: Db, key: typeof signingKeys.$inferInsert): Promise<SigningKey> {
  const [created] = await db.insert(signingKeys).values(key).returning();
  return created!;
}

/** A signing key by id (retired ones too), or undefined. */
export async function findSigningKey(db: Db, id: number): Promise<SigningKey | undefined> {
  const [key] = await db.select().from(signingKeys).where(eq(signingKeys.id, id));
  return key;
}
