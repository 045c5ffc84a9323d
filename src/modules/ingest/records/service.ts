import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import { applyMaskPlan, type MaskKind, maskPlan } from '../../../core/masking.ts';
import { createRawViews, rawReasonOf } from '../../../core/raw-views.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { RecordQuery } from '../contract.ts';
import { ingestPolicy } from '../policy.ts';
import { toHalfWidth } from '../standardize.ts';
import * as repo from './repository.ts';

/**
 * What a records query looks for: the start of each searched key item's value, by item code. `key` is the first
 * key item's (a resource's only one, mostly); `key.<item code>` any key item's. A value is compared with the
 * stored, standardized text, so it is made half-width and, for codes with a check letter, upper case.
 */
export function keySearch(resource: Resource, query: Record<string, unknown>): Record<string, string> {
  const wanted: [string, unknown][] = [];
  if (typeof query.key === 'string') wanted.push([`key.${resource.keyItems[0]}`, query.key]);
  for (const [name, value] of Object.entries(query)) if (name.startsWith('key.')) wanted.push([name, value]);
  const search: Record<string, string> = {};
  for (const [name, value] of wanted) {
    const code = name.slice('key.'.length);
    const item = resource.items.find((i) => i.code === code);
    if (!item || !resource.keyItems.includes(code))
      throw new InputError('not_key_item', 'Not a key item', [
        { field: name, reason: 'not_key_item', params: { code } },
      ]);
    // A NUL would reach the query (PostgreSQL refuses it: a 500); standardizing keeps it since it rejects rows.
    if (typeof value !== 'string' || value.length > 100 || value.includes('\0'))
      throw new InputError('invalid_input', 'Bad search value', [{ field: name, reason: 'invalid' }]);
    const text = toHalfWidth(value).trim();
    if (text)
      search[code] = item.type === 'id_number' || item.type === 'credit_code' ? text.toUpperCase() : text;
  }
  return search;
}

/**
 * Values by column in the source's column order (jsonb stores object keys in its own order). Columns `headers`
 * does not name (none, for batches recorded before headers were kept) follow in the order they came.
 */
export function inColumnOrder(raw: Record<string, string>, headers: string[] | null): Record<string, string> {
  if (!headers) return raw;
  const ordered: Record<string, string> = {};
  for (const header of headers) if (header in raw) ordered[header] = raw[header]!;
  return Object.assign(ordered, raw);
}

/**
 * Rejected and flagged rows as a caller may see them: the raw value of every column mapped to a personal
 * item is masked unless the caller sees the resource's data raw; a raw read of personal columns is audited.
 */
export async function visibleIssues<T extends { raw: Record<string, string> }>(
  audit: AuditService,
  ctx: Ctx,
  resource: Resource,
  mapping: Record<string, string | null>,
  batchId: number,
  issues: T[],
): Promise<T[]> {
  // Each column as the item it is mapped to, so a column that derives from a masked one (a birth date beside an
  // ID number) is masked with it.
  const columns = Object.entries(mapping).flatMap(([header, code]) => {
    const item = resource.items.find((i) => i.code === code);
    return item ? [{ ...item, code: header }] : [];
  });
  const personal = columns.filter((c) => c.personal).map((c) => c.code);
  if (!personal.length || !issues.length) return issues;
  if (ingestPolicy.seesRaw(ctx.actor, resource)) {
    await audit.recordNow(ctx, {
      action: 'data.read_personal',
      targetType: 'batch',
      targetId: batchId,
      detail: { resource: resource.code, rows: issues.length, columns: personal },
    });
    return issues;
  }
  const plan = maskPlan(columns, (c) => c.personal);
  return issues.map((issue) => ({ ...issue, raw: applyMaskPlan(plan, issue.raw) }));
}

/** Reading a resource's loaded records in the console. */
export function createRecordReads(deps: { db: Db; audit: AuditService; catalog: CatalogService }) {
  const { db, audit, catalog } = deps;
  const rawViews = createRawViews();
  return {
    /**
     * One page of a resource's loaded records, newest first, found by the start of their key items' values (see
     * keySearch; a personal key item the caller sees masked by its whole value). Personal items, and items derived
     * from them (a birth date beside an ID number), are masked unless the caller may see them raw and asks to
     * (`raw=true`) with a reason; such a view is audited once, not per page.
     */
    async records(ctx: Ctx, resourceCode: string, q: RecordQuery) {
      const resource = await catalog.get(ctx, resourceCode);
      const search = keySearch(resource, q);
      const rawAllowed = ingestPolicy.seesRaw(ctx.actor, resource);
      const reason = rawAllowed ? rawReasonOf(q) : null;
      const raw = reason !== null;
      // Those who see a key item masked find it by its whole value only: a prefix search would let them rebuild
      // an ID number digit by digit, each answer confirming the next guess (as the registry search does).
      const whole = raw
        ? []
        : Object.keys(search).filter((code) => resource.items.find((i) => i.code === code)?.personal);
      const found = await repo.findRecords(db, resource, { ...q, search, whole });
      if (!found) return { items: [], total: 0, masked: !raw, rawAllowed };
      const plan: Map<string, MaskKind> = raw ? new Map() : maskPlan(resource.items, (i) => i.personal);
      const personal = resource.items.filter((i) => i.personal);
      const items = found.rows.map((row) => {
        const record: Record<string, string | null> = {};
        for (const item of resource.items) record[item.code] = row[item.code] ?? null;
        const shown: Record<string, string | null> = {
          _updatedAt: new Date(row._updated_at as unknown as string).toISOString(),
        };
        return Object.assign(shown, applyMaskPlan(plan, record));
      });
      const key = Object.keys(search).length ? search : null;
      const who = ctx.actor?.username ?? 'anonymous';
      if (raw && personal.length && rawViews.first(who, `${resource.code} ${JSON.stringify(key)}`, reason)) {
        await audit.recordNow(ctx, {
          action: 'data.read_personal',
          targetType: 'resource',
          targetId: resource.code,
          detail: { reason, items: personal.map((i) => i.code), key, total: found.total },
        });
      }
      return { items, total: found.total, masked: !raw, rawAllowed };
    },
  };
}

export type RecordReads = ReturnType<typeof createRecordReads>;
