import type { RawTx } from '../../core/db.ts';
import type { Resource } from '../catalog/index.ts';

/** The table holding a resource's loaded data: one text column per data item, keyed by the resource's key. */
export function dataTableName(resourceId: number) {
  return `data.r_${resourceId}`;
}

const quote = (code: string) => `"${code}"`;

// The catalog's pattern for item codes (catalog/contract.ts), checked again where a code becomes a column name.
const ITEM_CODE = /^[a-z][a-z0-9_]{0,62}$/;

/** The quoted column of one of the resource's items; anything else is refused, so no name reaches SQL unchecked. */
export function itemColumn(resource: Resource, code: string): string {
  if (!ITEM_CODE.test(code) || !resource.items.some((i) => i.code === code))
    throw new Error(`${code} is not an item of ${resource.code}`);
  return quote(code);
}

/** The COPY column list: key, row hash, batch, then the given items (by default all, in catalog order). */
export function dataColumns(resource: Resource, itemCodes = resource.items.map((i) => i.code)) {
  return ['_key', '_hash', '_batch_id', ...itemCodes];
}

/** Creates the resource's data table, or adds columns for items added to the catalog since. */
export async function ensureDataTable(tx: RawTx, resource: Resource) {
  const table = dataTableName(resource.id);
  await tx.query(
    `create table if not exists ${table} (_key text primary key, _hash bigint not null, _batch_id integer not null, _updated_at timestamptz not null default now())`,
  );
  for (const item of resource.items)
    await tx.query(`alter table ${table} add column if not exists ${quote(item.code)} text`);
  // Serves the change feed (sharing API `changes`, oldest change first) and the console's records list (newest
  // first, read backwards), so neither sorts the whole table for one page. Migration 0011 added it to older tables.
  await tx.query(`create index if not exists r_${resource.id}_changes_idx on ${table} (_updated_at, _key)`);
}

/** True when the data table has no rows yet (then a batch can COPY straight into it). */
export async function isEmpty(tx: RawTx, resource: Resource) {
  const [row] = await tx.query<{ empty: boolean }>(
    `select not exists (select 1 from ${dataTableName(resource.id)}) as empty`,
  );
  return row!.empty;
}

/** A temporary table shaped like the data table plus the file's row number, dropped at commit. */
export async function createStaging(tx: RawTx, resource: Resource) {
  const columns = resource.items.map((i) => `${quote(i.code)} text`).join(', ');
  await tx.query(
    `create temp table ingest_stage (_row integer, _key text, _hash bigint, _batch_id integer, ${columns}) on commit drop`,
  );
  return 'ingest_stage';
}

/**
 * Upserts the staged rows (the last version of each key) into the data table. Rows whose hash is
 * unchanged are not written. Returns the counts of inserted, updated and distinct keys.
 */
export async function mergeStaging(tx: RawTx, resource: Resource) {
  const table = dataTableName(resource.id);
  const columns = dataColumns(resource).map(quote);
  const updates = columns
    .filter((c) => c !== '"_key"')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const [row] = await tx.query<{ inserted: number; updated: number; keys: number }>(
    `with src as (select distinct on (_key) * from ingest_stage order by _key, _row desc),
     merged as (
       insert into ${table} (${columns.join(', ')}) select ${columns.join(', ')} from src
       on conflict (_key) do update set ${updates}, _updated_at = now() where ${table}._hash <> excluded._hash
       returning (xmax = 0) as inserted)
     select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated,
            (select count(*)::int from src) as keys from merged`,
  );
  return row!;
}

/**
 * Applies later versions of keys that a direct COPY already loaded earlier in the same file. An upsert, so a
 * row whose key only shared a hash with another (see key-index.ts) is inserted. Returns how many were inserted.
 */
export async function applyLaterVersions(
  tx: RawTx,
  resource: Resource,
  itemCodes: string[],
  rows: string[][],
) {
  const table = dataTableName(resource.id);
  const columns = dataColumns(resource, itemCodes);
  const placeholders = columns.map(
    (c, i) => `$${i + 1}${c === '_hash' ? '::bigint' : c === '_batch_id' ? '::integer' : ''}`,
  );
  const updates = columns
    .slice(1)
    .map((c) => `${quote(c)} = excluded.${quote(c)}`)
    .join(', ');
  let inserted = 0;
  for (const fields of rows) {
    const [row] = await tx.query<{ inserted: boolean }>(
      `insert into ${table} (${columns.map(quote).join(', ')}) values (${placeholders.join(', ')})
       on conflict (_key) do update set ${updates}, _updated_at = now() returning (xmax = 0) as inserted`,
      fields,
    );
    if (row?.inserted) inserted++;
  }
  return inserted;
}
