import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ConflictError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import { toChinaIso } from '../clock/china-time.ts';
import type { ApiKeyCreate, ApiKeyCreated, ApiKeySummary } from './contract.ts';
import * as repo from './repository.ts';

/** The part of a key shown in lists (the `o311_` mark and 8 characters of the random part). */
const PREFIX_LENGTH = 13;
// lastUsedAt is a hint for the people who manage keys: one write a minute per key is enough, and it keeps a busy
// client's calls from queueing on the key's row.
const TOUCH_EVERY_MS = 60_000;
// A key found valid is trusted this long without asking the database again (a busy client posts many times a
// second). Revoking drops this process's cache at once; another process sees a revocation within this time.
const TRUST_MS = 5_000;
const MAX_TRUSTED = 1_000;

/** What is stored of a key: its SHA-256, hex (a key is 256 random bits, so no salt or slow hash is needed). */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A key as lists show it. */
function summaryOf(row: repo.ApiKeyRow): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: toChinaIso(row.createdAt),
    revokedAt: row.revokedAt ? toChinaIso(row.revokedAt) : null,
    lastUsedAt: row.lastUsedAt ? toChinaIso(row.lastUsedAt) : null,
  };
}

/** A key that opened a call: what the case and the audit log name it by. */
export type KeyHolder = { id: number; name: string; prefix: string };

export type KeyService = ReturnType<typeof createKeyService>;

/** The keys outside systems (Open311 clients) post cases with: made, listed and revoked by the center. */
export function createKeyService(deps: { db: Db; audit: AuditService; now: () => Date }) {
  const { db, audit } = deps;
  const touched = new Map<number, number>();
  const trusted = new Map<string, { holder: KeyHolder; at: number }>();

  return {
    /** Every key, newest first. */
    async list(_ctx: Ctx): Promise<ApiKeySummary[]> {
      return (await repo.listKeys(db)).map(summaryOf);
    },

    /** Makes a key; the answer holds the key itself, which is not stored and cannot be shown again. */
    async create(ctx: Ctx, input: ApiKeyCreate): Promise<ApiKeyCreated> {
      const apiKey = `o311_${randomBytes(32).toString('base64url')}`;
      const row = await db.transaction(async (tx) => {
        const r = await repo.insertKey(tx, {
          name: input.name,
          keyHash: hashKey(apiKey),
          prefix: apiKey.slice(0, PREFIX_LENGTH),
          createdBy: ctx.actor?.username ?? 'anonymous',
          createdAt: deps.now(),
        });
        await audit.record(tx, ctx, {
          action: 'events.key_create',
          targetType: 'api_key',
          targetId: r.id,
          detail: { name: r.name, prefix: r.prefix },
        });
        return r;
      });
      return { key: summaryOf(row), apiKey };
    },

    /** Revokes a key: calls with it are refused from then on. */
    async revoke(ctx: Ctx, id: number): Promise<ApiKeySummary> {
      const row = await db.transaction(async (tx) => {
        const r = await repo.revokeKey(tx, id, deps.now());
        if (!r) {
          if (!(await repo.findKey(tx, id))) throw new NotFoundError('api_key', id);
          throw new ConflictError('key_revoked', 'The key is already revoked', { id });
        }
        await audit.record(tx, ctx, {
          action: 'events.key_revoke',
          targetType: 'api_key',
          targetId: id,
          detail: { name: r.name, prefix: r.prefix },
        });
        return r;
      });
      trusted.clear();
      return summaryOf(row);
    },

    /** The holder of a key that is valid now, or undefined (unknown or revoked). Notes its use now and then. */
    async check(apiKey: string): Promise<KeyHolder | undefined> {
      if (!apiKey.startsWith('o311_') || apiKey.length > 100) return undefined;
      const hash = hashKey(apiKey);
      const hit = trusted.get(hash);
      if (hit && Date.now() - hit.at < TRUST_MS) return hit.holder;
      const row = await repo.findKeyByHash(db, hash);
      if (!row || row.revokedAt) return undefined;
      const holder = { id: row.id, name: row.name, prefix: row.prefix };
      if (trusted.size >= MAX_TRUSTED) trusted.clear();
      trusted.set(hash, { holder, at: Date.now() });
      const now = deps.now();
      if (now.getTime() - (touched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
        touched.set(row.id, now.getTime());
        await repo.touchKey(db, row.id, now, new Date(now.getTime() - TOUCH_EVERY_MS));
      }
      return holder;
    },
  };
}
