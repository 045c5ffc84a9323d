import { sql } from 'drizzle-orm';
import { type Ctx, hasRole } from '../../core/context.ts';
import { type Db, escapeLike, queryRows } from '../../core/db.ts';
import { maskValue } from '../../core/masking.ts';
import type { AuditService } from '../audit/index.ts';
import type { DataItem, Resource } from '../catalog/index.ts';
import { dataTableName } from './data-table.ts';

/** How a personal item is masked, from its type, code and name. */
export function maskKind(item: DataItem): Parameters<typeof maskValue>[1] {
  if (item.type === 'id_number') return 'id_number';
  if (item.type === 'phone') return 'phone';
  if (/name$/.test(item.code) || item.name.includes('姓名')) return 'name';
  if (/address/.test(item.code) || /地址|住址/.test(item.name)) return 'address';
  return 'other';
}

/** Who sees a resource's personal items unmasked in the console: admins and the providing department. */
export function seesRaw(ctx: Ctx, resource: Resource) {
  return (
    hasRole(ctx.actor, 'admin') ||
    (hasRole(ctx.actor, 'department_user', 'steward') &&
      ctx.actor!.departmentId === resource.providerDepartmentId)
  );
}

/**
 * One page of a resource's loaded records, newest first, personal items masked unless the caller sees
 * them raw. A raw read of personal items is audited.
 */
export async function readRecords(
  db: Db,
  audit: AuditService,
  ctx: Ctx,
  resource: Resource,
  q: { page: number; pageSize: number; key?: string },
) {
  const table = dataTableName(resource.id);
  const exists = await queryRows<{ t: string | null }>(db, sql`select to_regclass(${table}) as t`);
  if (!exists[0]?.t) return { items: [], total: 0, masked: !seesRaw(ctx, resource) };
  const where = q.key ? sql`where _key like ${`${escapeLike(q.key)}%`}` : sql``;
  const columns = sql.raw(['_key', '_updated_at', ...resource.items.map((i) => `"${i.code}"`)].join(', '));
  const [rows, count] = await Promise.all([
    queryRows<Record<string, string | null>>(
      db,
      sql`select ${columns} from ${sql.raw(table)} ${where} order by _updated_at desc, _key limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} ${where}`),
  ]);
  const raw = seesRaw(ctx, resource);
  const personal = resource.items.filter((i) => i.personal);
  const items = rows.map((row) => {
    const record: Record<string, string | null> = {
      _updatedAt: new Date(row._updated_at as unknown as string).toISOString(),
    };
    for (const item of resource.items) {
      const value = row[item.code] ?? null;
      record[item.code] = value !== null && !raw && item.personal ? maskValue(value, maskKind(item)) : value;
    }
    return record;
  });
  if (raw && personal.length && items.length) {
    await audit.recordNow(ctx, {
      action: 'data.read_personal',
      targetType: 'resource',
      targetId: resource.code,
      detail: { rows: items.length, items: personal.map((i) => i.code), page: q.page, key: q.key ?? null },
    });
  }
  return { items, total: count[0]?.n ?? 0, masked: !raw };
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
        return [header, item && value ? maskValue(value, maskKind(item)) : value];
      }),
    ),
  }));
}
