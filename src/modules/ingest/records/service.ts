import { type Ctx, hasRole } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import { maskKindOf, maskValue } from '../../../core/masking.ts';
import type { AuditService } from '../../audit/index.ts';
import type { Resource } from '../../catalog/index.ts';
import * as repo from '../batches/repository.ts';
import { toHalfWidth } from '../standardize.ts';

/** Who sees a resource's personal items unmasked in the console: admins and the providing department. */
export function seesRaw(ctx: Ctx, resource: Resource) {
  return (
    hasRole(ctx.actor, 'admin') ||
    (hasRole(ctx.actor, 'department_user', 'steward') &&
      ctx.actor!.departmentId === resource.providerDepartmentId)
  );
}

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
    if (typeof value !== 'string' || value.length > 100)
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
 * One page of a resource's loaded records, newest first, personal items masked unless the caller sees
 * them raw. A raw read of personal items is audited. `search` holds the start of key items' values (see
 * keySearch).
 */
export async function readRecords(
  db: Db,
  audit: AuditService,
  ctx: Ctx,
  resource: Resource,
  q: { page: number; pageSize: number; search: Record<string, string> },
) {
  const found = await repo.findRecords(db, resource, q);
  if (!found) return { items: [], total: 0, masked: !seesRaw(ctx, resource) };
  const { rows, total } = found;
  const raw = seesRaw(ctx, resource);
  const personal = resource.items.filter((i) => i.personal);
  const items = rows.map((row) => {
    const record: Record<string, string | null> = {
      _updatedAt: new Date(row._updated_at as unknown as string).toISOString(),
    };
    for (const item of resource.items) {
      const value = row[item.code] ?? null;
      record[item.code] =
        value !== null && !raw && item.personal ? maskValue(value, maskKindOf(item)) : value;
    }
    return record;
  });
  if (raw && personal.length && items.length) {
    await audit.recordNow(ctx, {
      action: 'data.read_personal',
      targetType: 'resource',
      targetId: resource.code,
      detail: {
        rows: items.length,
        items: personal.map((i) => i.code),
        page: q.page,
        key: Object.keys(q.search).length ? q.search : null,
      },
    });
  }
  return { items, total, masked: !raw };
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
  const personal = new Map(
    Object.entries(mapping).flatMap(([header, code]) => {
      const item = resource.items.find((i) => i.code === code && i.personal);
      return item ? [[header, item] as const] : [];
    }),
  );
  if (!personal.size || !issues.length) return issues;
  if (seesRaw(ctx, resource)) {
    await audit.recordNow(ctx, {
      action: 'data.read_personal',
      targetType: 'batch',
      targetId: batchId,
      detail: { resource: resource.code, rows: issues.length, columns: [...personal.keys()] },
    });
    return issues;
  }
  return issues.map((issue) => ({
    ...issue,
    raw: Object.fromEntries(
      Object.entries(issue.raw).map(([header, value]) => {
        const item = personal.get(header);
        return [header, item && value ? maskValue(value, maskKindOf(item)) : value];
      }),
    ),
  }));
}
