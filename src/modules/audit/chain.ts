import { createHash } from 'node:crypto';

/** The fields of an entry that its hash covers. */
export type ChainedFields = {
  at: Date;
  actorId: number | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  clientIp: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
};

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, because jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const keys = Object.keys(value).sort();
    return `{${keys
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 over the previous hash and this entry's fields. */
export function entryHash(e: ChainedFields): string {
  const body = canonicalJson([
    e.at.toISOString(),
    e.actorId,
    e.actorName,
    e.action,
    e.targetType,
    e.targetId,
    e.outcome,
    e.clientIp,
    e.detail,
  ]);
  return createHash('sha256').update(e.prevHash).update(body).digest('hex');
}
