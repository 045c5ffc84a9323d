import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../../core/db.ts';
import type { RowFilter } from '../schema.ts';

/**
 * A credential with its grant, as one API call needs them (one indexed join). Times are epoch milliseconds, so a
 * cached copy can be judged against the clock at each call (expiry needs no notification; revocation sends one).
 */
export type CredentialGrant = {
  secretHash: string;
  credentialRevoked: boolean;
  /** When a rotated credential stops working; null: until revoked. */
  credentialExpiresAt: number | null;
  grantId: number;
  resourceId: number;
  consumerDepartmentId: number;
  consumingSystem: string;
  items: string[];
  rawItems: string[];
  rowFilter: RowFilter;
  ratePerMinute: number;
  dailyQuota: number;
  grantRevoked: boolean;
  grantValidFrom: number;
  grantExpiresAt: number;
};

/** One sharing API call as the call log (sharing.calls) records it. */
export type CallRow = {
  at: Date;
  keyId: string | null;
  grantId: number | null;
  consumerDepartmentId: number | null;
  resourceId: number | null;
  /** get | list | changes, or another module's endpoint served with a sharing credential (form_submissions). */
  endpoint: string;
  items: string[] | null;
  query: Record<string, unknown> | null;
  rows: number;
  outcome: string;
  status: number;
  ms: number | null;
  ip: string | null;
};

/** Refused calls without a live credential from one address, for one reason, in one minute (ms). */
export type RefusalCount = {
  minute: number;
  ip: string;
  outcome: string;
  status: number;
  calls: number;
  lastAt: Date;
};

/** Calls to add to one usage window of a grant (period 'day' or 'minute', starting at `startsAt` ms). */
export type UsageDelta = { grantId: number; period: 'day' | 'minute'; startsAt: number; calls: number };

/**
 * The SQL of the sharing API: credentials with their grants, the call log and the usage counters.
 *
 * findCredential, flushCalls and usageWindows are raw `$n` texts on the driver (`database.query`), unlike the rest
 * of OneCity's SQL: they are the hot path of the point lookups measured by bench/sharing.ts (a credential on each
 * cache miss, the call log's flush, a grant's usage windows each minute). On PostgreSQL the driver prepares them
 * once per connection, and they skip the query builder's work on every call. The rest goes through Drizzle.
 */
export function createShareRepository(database: Database) {
  return {
    /** The credential of `keyId` joined with its grant. */
    async findCredential(keyId: string): Promise<CredentialGrant | undefined> {
      const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
      const [row] = await database.query<CredentialGrant>(
        `select c.secret_hash as "secretHash",
           c.revoked_at is not null as "credentialRevoked", ${ms('c.expires_at')} as "credentialExpiresAt",
           g.id as "grantId", g.resource_id as "resourceId", g.consumer_department_id as "consumerDepartmentId",
           g.consuming_system as "consumingSystem", g.items, g.raw_items as "rawItems", g.row_filter as "rowFilter",
           g.rate_per_minute as "ratePerMinute", g.daily_quota as "dailyQuota",
           g.revoked_at is not null as "grantRevoked",
           ${ms('g.valid_from')} as "grantValidFrom", ${ms('g.expires_at')} as "grantExpiresAt"
         from sharing.credentials c join sharing.grants g on g.id = c.grant_id
         where c.key_id = $1`,
        [keyId],
      );
      return row;
    },

    /**
     * Appends calls to the log, adds the counted ones to the usage windows and the anonymous refusals to their
     * per-minute counts: one statement, so all commit or none. Returns each touched window's total after the
     * addition (all processes' calls flushed so far).
     */
    async flushCalls(
      calls: CallRow[],
      deltas: UsageDelta[],
      refused: RefusalCount[] = [],
    ): Promise<UsageDelta[]> {
      // Each group goes as one JSON text: serialized natively, where arrays would be escaped value by value.
      const rows = await database.query<{
        grant_id: number;
        period: 'day' | 'minute';
        starts_ms: number;
        calls: number;
      }>(
        `with logged as (
           insert into sharing.calls (at, key_id, grant_id, consumer_department_id, resource_id, endpoint, items,
             query, rows, outcome, status, ms, ip)
           select at, "keyId", "grantId", "consumerDepartmentId", "resourceId", endpoint,
             case when items is null then null else array(select jsonb_array_elements_text(items)) end,
             query, rows, outcome, status, ms, ip
           from jsonb_to_recordset($1::text::jsonb) as t(at timestamptz, "keyId" text, "grantId" int,
             "consumerDepartmentId" int, "resourceId" int, endpoint text, items jsonb, query jsonb, rows int,
             outcome text, status int, ms real, ip text)
           returning 1
         ),
         counted as (
           insert into sharing.usage (grant_id, period, starts_at, calls)
           select "grantId", period, to_timestamp("startsAt" / 1000.0), calls
           from jsonb_to_recordset($2::text::jsonb) as u("grantId" int, period text, "startsAt" float8, calls int)
           on conflict (grant_id, period, starts_at) do update set calls = sharing.usage.calls + excluded.calls
           returning grant_id, period, starts_at, calls
         ),
         refused as (
           insert into sharing.refusals (minute, ip, outcome, status, calls, last_at)
           select to_timestamp(minute / 1000.0), ip, outcome, status, calls, "lastAt"
           from jsonb_to_recordset($3::text::jsonb) as r(minute float8, ip text, outcome text, status int,
             calls int, "lastAt" timestamptz)
           on conflict (minute, ip, outcome, status) do update
             set calls = sharing.refusals.calls + excluded.calls,
               last_at = greatest(sharing.refusals.last_at, excluded.last_at)
           returning 1
         )
         select grant_id, period, (extract(epoch from starts_at) * 1000)::float8 as starts_ms, calls,
           (select count(*) from logged)::int as logged, (select count(*) from refused)::int as refused
         from counted`,
        [JSON.stringify(calls), JSON.stringify(deltas), JSON.stringify(refused)],
      );
      return rows.map((r) => ({
        grantId: r.grant_id,
        period: r.period,
        startsAt: Number(r.starts_ms),
        calls: r.calls,
      }));
    },

    /** The stored counts of a grant's usage windows starting at these moments (ms); absent windows have none. */
    async usageWindows(grantId: number, starts: { day: number; minute: number }): Promise<UsageDelta[]> {
      const rows = await database.query<{ period: 'day' | 'minute'; starts_ms: number; calls: number }>(
        `select period, (extract(epoch from starts_at) * 1000)::float8 as starts_ms, calls from sharing.usage
         where grant_id = $1 and ((period = 'day' and starts_at = to_timestamp($2::float8 / 1000.0))
           or (period = 'minute' and starts_at = to_timestamp($3::float8 / 1000.0)))`,
        [grantId, starts.day, starts.minute],
      );
      return rows.map((r) => ({ grantId, period: r.period, startsAt: Number(r.starts_ms), calls: r.calls }));
    },

    /**
     * What identifies this database for every process on it and is never shown to consumers: the cluster's random
     * system identifier (replicas share it) and the database name. Change-feed cursors are encrypted with a key from it.
     */
    async databaseIdentity(): Promise<string> {
      const [row] = await queryRows<{ id: string }>(
        database.db,
        sql`select system_identifier::text || '/' || current_database() as id from pg_control_system()`,
      );
      return row!.id;
    },

    /**
     * The latest moment a change feed may read up to: the start of the oldest transaction still running in another
     * session (its rows carry that time and are not committed yet), or now. PGlite runs one transaction at a time.
     */
    async feedHorizon(): Promise<string> {
      const [row] = await queryRows<{ h: string }>(
        database.db,
        sql`select to_char(least(clock_timestamp(), (select min(xact_start) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'
             and xact_start is not null)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as h`,
      );
      return row!.h;
    },
  };
}

export type ShareRepository = ReturnType<typeof createShareRepository>;
