import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Config } from './config.ts';

/** A Drizzle database or transaction; repositories take this so they work inside or outside a transaction. */
export type Db = PgDatabase<any, any>;

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database with what the rest of the app needs to know about it. */
export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Applies pending migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  /** Applied and known migrations. */
  migrationLevel(): Promise<{ applied: number; known: number; latest: string | null }>;
  /** A transaction on the driver itself, for bulk loading with COPY (used by aggregation). */
  rawTransaction<T>(work: (tx: RawTx) => Promise<T>): Promise<T>;
  /** One SQL statement with $n parameters on the driver, outside any transaction (one round trip). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` (from any process on the database), and
   * `onListening` each time listening (re)starts: notifications sent while the connection was down are lost, so
   * whoever caches on the strength of them must drop the cache then. Resolves to a function that stops listening.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListening: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * Runs `work` holding the database-wide lock `name`: a process asking for it while another holds it waits. For
   * one-time work that several processes starting together on one database must not each do (the demo's first load).
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** The driver-level operations a bulk load needs, the same on PGlite and PostgreSQL. */
export type RawTx = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Streams CSV text (FORMAT csv, unquoted empty = NULL) into `table (columns)`. Each chunk must end at
   * the end of a row: PGlite copies chunk by chunk.
   */
  copyIn(table: string, columns: string[], csvChunks: AsyncIterable<string | Uint8Array>): Promise<void>;
};

const copySql = (table: string, columns: string[], from: string) =>
  `copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from ${from} with (format csv)`;

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

/** Thrown when the embedded data directory is already open in another process. */
export class DatabaseBusyError extends Error {}

// Any fixed number: the advisory lock key that serializes migrations across processes.
const MIGRATION_LOCK = 4301120001;

/** Opens PGlite under `dataDir` or the PostgreSQL server at `databaseUrl`. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(path.join(dataDir, 'pgdata'));
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite({ client });
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    migrationLevel: () => migrationLevel(db),
    query: async (text, params) => (await client.query<any>(text, params)).rows,
    async listen(channel, onNotify, onListening) {
      const stop = await client.listen(channel, onNotify);
      onListening();
      return stop;
    },
    // One process holds the data directory (lockDataDir), so there is no other process to wait for.
    exclusive: (_name, work) => work(),
    rawTransaction: (work) =>
      client.transaction((tx) =>
        work({
          query: async (text, params) => (await tx.query<any>(text, params)).rows,
          async copyIn(table, columns, csvChunks) {
            // PGlite copies from an in-memory blob; sending it in slices keeps memory flat.
            let parts: (string | Uint8Array)[] = [];
            let size = 0;
            const flush = async () => {
              if (size === 0) return;
              await tx.query(copySql(table, columns, "'/dev/blob'"), [], {
                blob: new Blob(parts as BlobPart[]),
              });
              parts = [];
              size = 0;
            };
            for await (const chunk of csvChunks) {
              parts.push(chunk);
              size += chunk.length;
              if (size > 8 << 20) await flush();
            }
            await flush();
          },
        }),
      ),
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * Opens the driver's TCP connections with Nagle's algorithm off. postgres.js leaves it on, and it sends a COPY's data
 * and its CopyDone (and some statements' messages) in separate writes: the second small write then waits for the
 * server's delayed ACK, about 40 ms on Linux, on every such statement. A Unix socket path is opened as usual.
 */
function connectNoDelay(o: { host: string[]; port: number[]; path?: string }): Promise<net.Socket> {
  const connect = (options: net.NetConnectOpts) =>
    new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect(options);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  if (o.path) return connect({ path: o.path });
  // A URL may list several hosts (failover): the first that answers, in order, as postgres.js itself does.
  return o.host.reduce<Promise<net.Socket>>(
    (tried, host, i) =>
      tried.catch(() => connect({ host, port: o.port[i] ?? o.port[0] ?? 5432, noDelay: true })),
    Promise.reject(new Error('no PostgreSQL host')),
  );
}

async function openPostgres(url: string): Promise<Database> {
  // `socket` (a factory of connected sockets) is a postgres.js option its types leave out.
  const socketOption: object = { socket: connectNoDelay };
  const client = postgres(url, { max: 10, onnotice: () => {}, ...socketOption });
  const db = drizzlePostgres({ client });
  await client`select 1`;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // One connection holds the advisory lock for the whole run, so a second process waits, then finds nothing to do.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await single.end();
      }
    },
    migrationLevel: () => migrationLevel(db),
    // Prepared (per connection, by text): statements run often, such as the sharing API's lookups, skip parsing
    // and planning, which for a point lookup is half its time. Callers build texts from a bounded set of shapes.
    query: async (text, params) => (await client.unsafe(text, params as any[], { prepare: true })) as any,
    async listen(channel, onNotify, onListening) {
      // postgres.js listens on a connection of its own and reconnects it, calling onListening each time.
      const { unlisten } = await client.listen(channel, onNotify, onListening);
      return unlisten;
    },
    async exclusive(name, work) {
      // A session-level advisory lock on a connection kept for the whole work; a process that dies releases it.
      const held = await client.reserve();
      try {
        await held`select pg_advisory_lock(hashtext(${name}))`;
        try {
          return await work();
        } finally {
          await held`select pg_advisory_unlock(hashtext(${name}))`;
        }
      } finally {
        held.release();
      }
    },
    rawTransaction: <T>(work: (tx: RawTx) => Promise<T>) =>
      client.begin((tx) =>
        work({
          query: async (text, params) => (await tx.unsafe(text, params as any[])) as any,
          async copyIn(table, columns, csvChunks) {
            const query = tx.unsafe(copySql(table, columns, 'stdin'));
            // postgres.js (3.4) settles the COPY's query with the stream as soon as the server accepts the COPY.
            // A refusal that arrives after the last chunk was sent (a constraint checked on the last rows) then
            // goes only to the query's reject, a no-op on a settled promise, and the stream never finishes: the
            // COPY would wait forever. So the query's reject is listened to as well as the stream's error.
            const refused = new Promise<never>((_, fail) => {
              const settled = query as unknown as { reject(error: unknown): void };
              const reject = settled.reject;
              settled.reject = (error) => {
                fail(error);
                reject(error);
              };
            });
            const stream = await query.writable();
            // A refusal while data is still being sent (e.g. a NUL character) arrives as the stream's error.
            const failure = Promise.race([
              refused,
              new Promise<never>((_, fail) => stream.once('error', fail)),
            ]);
            failure.catch(() => {});
            try {
              for await (const chunk of csvChunks) {
                if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failure]);
              }
              stream.end();
              await Promise.race([finished(stream), failure]);
            } catch (error) {
              // Aborts the COPY, so that the transaction can roll back and this error is the one reported.
              if (!stream.destroyed) stream.destroy(error as Error);
              throw error;
            }
          },
        }),
      ) as Promise<T>,
    close: () => client.end({ timeout: 5 }),
  };
}

/** Runs a raw SQL query and returns its rows on either driver. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: any = await db.execute(query);
  return (Array.isArray(result) ? result : result.rows) as T[];
}

async function migrationLevel(db: Db) {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  ).catch(() => [{ n: 0 }]);
  const applied = rows[0]?.n ?? 0;
  return { applied, known: journal.entries.length, latest: journal.entries[applied - 1]?.tag ?? null };
}

/**
 * PGlite is one process's database: a second process opening the same files would corrupt them.
 * A pid file claims the directory; a stale one (its process gone) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'onecity.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error: any) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseBusyError(
          `The embedded database in ${dataDir} is in use by process ${owner}. ` +
            'Stop that process first, or run OneCity on PostgreSQL (DATABASE_URL) to share one database.',
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseBusyError(`Could not claim ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: any) {
    return error.code === 'EPERM';
  }
}

/** True when the error (or the driver error inside it) is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Which page of a list is wanted: 1-based page number and rows per page. */
export type Paging = { page: number; pageSize: number };

/** One page of a list and how many rows the whole list has. */
export type Page<Row> = { items: Row[]; total: number };

/**
 * Runs one page of `query` (filtered and ordered, without limit/offset) beside `total`, the count of the same
 * filter (e.g. `db.$count(table, filter)`), so lists everywhere page the same way.
 */
export async function pageOf<Row>(
  query: { limit(limit: number): { offset(offset: number): PromiseLike<Row[]> } },
  total: PromiseLike<number>,
  { page, pageSize }: Paging,
): Promise<Page<Row>> {
  const [items, n] = await Promise.all([query.limit(pageSize).offset((page - 1) * pageSize), total]);
  return { items, total: n };
}

/** Escapes % and _ so user text is matched literally by LIKE. */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
