import type { Database, RawTx } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import type { BatchCounts, SourceLayout } from '../contract.ts';
import { dataTableName, quoteColumn } from '../data-table.ts';
import { RESOURCE_LOCK_BASE } from './repository.ts';
import type { ItemQuality, RowIssue } from './row-processor.ts';

// The bulk load's statements, in one transaction on the driver itself (database.rawTransaction): raw `$n` text
// and COPY rather than Drizzle, because COPY has no place in a query builder and a batch of a million rows is
// streamed through it at the speed `bench/ingest.ts` measures against plain COPY. The data tables are made per
// resource (data.r_<id>, see data-table.ts), so no schema the builder knows describes them anyway.

/** Runs `work` in one transaction on the driver itself, where COPY runs: a batch's rows and its "done" commit together. */
export function inLoadTransaction<T>(database: Database, work: (tx: RawTx) => Promise<T>) {
  return database.rawTransaction(work);
}

/** The COPY column list: key, row hash, batch, then the given items (by default all, in catalog order). */
function dataColumns(resource: Resource, itemCodes = resource.items.map((i) => i.code)) {
  return ['_key', '_hash', '_batch_id', ...itemCodes];
}

/** Waits for, then holds until commit, the resource's loading lock: one batch per resource at a time. */
export async function lockResource(tx: RawTx, resourceId: number) {
  await tx.query('select pg_advisory_xact_lock($1)', [RESOURCE_LOCK_BASE + resourceId]);
}

/** Creates the resource's data table, or adds columns for items added to the catalog since. */
export async function ensureDataTable(tx: RawTx, resource: Resource) {
  const table = dataTableName(resource.id);
  await tx.query(
    `create table if not exists ${table} (_key text primary key, _hash bigint not null, _batch_id integer not null, _updated_at timestamptz not null default now())`,
  );
  for (const item of resource.items)
    await tx.query(`alter table ${table} add column if not exists ${quoteColumn(item.code)} text`);
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

/** Streams rows as CSV (key, hash, batch, then `itemCodes`) straight into the resource's empty data table. */
export async function copyIntoDataTable(
  tx: RawTx,
  resource: Resource,
  itemCodes: string[],
  csvChunks: AsyncIterable<string | Uint8Array>,
) {
  await tx.copyIn(dataTableName(resource.id), dataColumns(resource, itemCodes), csvChunks);
}

/**
 * Streams rows as CSV (file row number, key, hash, batch, then `itemCodes`) into a temporary table shaped like
 * the data table, dropped at commit, for mergeStaging.
 */
export async function copyIntoStaging(
  tx: RawTx,
  resource: Resource,
  itemCodes: string[],
  csvChunks: AsyncIterable<string | Uint8Array>,
) {
  const columns = resource.items.map((i) => `${quoteColumn(i.code)} text`).join(', ');
  await tx.query(
    `create temp table ingest_stage (_row integer, _key text, _hash bigint, _batch_id integer, ${columns}) on commit drop`,
  );
  await tx.copyIn('ingest_stage', ['_row', ...dataColumns(resource, itemCodes)], csvChunks);
}

/**
 * Upserts the staged rows (the last version of each key) into the data table. Rows whose hash is
 * unchanged are not written. Returns the counts of inserted, updated and distinct keys.
 */
export async function mergeStaging(tx: RawTx, resource: Resource) {
  const table = dataTableName(resource.id);
  const columns = dataColumns(resource).map(quoteColumn);
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
    .map((c) => `${quoteColumn(c)} = excluded.${quoteColumn(c)}`)
    .join(', ');
  let inserted = 0;
  for (const fields of rows) {
    const [row] = await tx.query<{ inserted: boolean }>(
      `insert into ${table} (${columns.map(quoteColumn).join(', ')}) values (${placeholders.join(', ')})
       on conflict (_key) do update set ${updates}, _updated_at = now() returning (xmax = 0) as inserted`,
      fields,
    );
    if (row?.inserted) inserted++;
  }
  return inserted;
}

/** Saves rejected and flagged rows in slices, as arrays unnested by the server. */
export async function storeIssues(tx: RawTx, batchId: number, issues: RowIssue[]) {
  for (let i = 0; i < issues.length; i += 5000) {
    const slice = issues.slice(i, i + 5000);
    await tx.query(
      `insert into ingest.row_issues (batch_id, row, kind, reasons, raw, fields)
       select $1, r, k, string_to_array(rs, ','), j, f from unnest($2::int[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) as t(r, k, rs, j, f)`,
      [
        batchId,
        slice.map((s) => s.row),
        slice.map((s) => s.kind),
        slice.map((s) => s.reasons.join(',')),
        slice.map((s) => JSON.stringify(s.raw)),
        slice.map((s) => JSON.stringify(s.fields)),
      ],
    );
  }
}

/**
 * Marks a batch done with its counts (and the file's hash, when it was taken while reading), in the load's
 * transaction, so data and status commit together.
 */
export async function markBatchDone(
  tx: RawTx,
  batchId: number,
  result: BatchCounts & {
    quality: ItemQuality[];
    seconds: number;
    fileHash: string | null;
    layout?: SourceLayout | null;
    /** When a past delivery finished (see the runner's receivedAt); now otherwise. */
    finishedAt?: Date | null;
  },
) {
  const { quality, seconds, fileHash, layout, finishedAt, ...c } = result;
  await tx.query(
    `update ingest.batches set status = 'done', total = $2, accepted = $3, rejected = $4, duplicates = $5, inserted = $6,
       updated = $7, unchanged = $8, warnings = $9, rejected_by_reason = $10, quality = $11,
       finished_at = coalesce($15::timestamptz, now()), seconds = $12, file_hash = coalesce($13, file_hash), layout = $14
     where id = $1`,
    [
      batchId,
      c.total,
      c.accepted,
      c.rejected,
      c.duplicates,
      c.inserted,
      c.updated,
      c.unchanged,
      c.warnings,
      JSON.stringify(c.rejectedByReason),
      JSON.stringify(quality),
      seconds,
      fileHash,
      layout ? JSON.stringify(layout) : null,
      finishedAt?.toISOString() ?? null,
    ],
  );
}
