import path from 'node:path';
import { announceChange } from '../../../core/changes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import { autoMap, headerMatcher, openFile } from '../../ingest/index.ts';
import type { Place, PlaceResolver } from '../cases/ports.ts';
import type { CategoryService } from '../categories/service.ts';
import { type ImportColumn, importColumns } from './columns.ts';
import { copyLine, type ImportCase } from './copy-rows.ts';
import * as repo from './repository.ts';
import { caseOfRow, categoryLookup, type ImportReject, isReject, type RowContext } from './rows.ts';

/** What an import did: rows read, cases loaded, rows rejected (with why), rows already there, time taken. */
export type ImportSummary = {
  file: string;
  total: number;
  loaded: number;
  rejected: number;
  skipped: number;
  /** The rejected rows, in file order (at most MAX_KEPT_REJECTS of them; `rejected` counts all). */
  rejects: ImportReject[];
  seconds: number;
};

/** Cases per transaction: big enough for COPY to pay, small enough that a crash loses little work. */
export const IMPORT_BATCH = 20_000;
const MAX_KEPT_REJECTS = 100_000;
const REQUIRED: ImportColumn[] = ['number', 'received_at', 'content'];

/**
 * The import of a former system's cases (历史工单导入): a CSV (UTF-8 or GBK, any delimiter), XLSX or JSONL export
 * read by aggregation's readers, its headers mapped as aggregation maps them, each row checked (bad rows set aside
 * with their reasons) and the good ones bulk-loaded in batches, each batch one transaction; numbers already loaded
 * are skipped, so running the same file again adds nothing and completes a load cut short.
 */
export function createImportService(deps: {
  database: Database;
  audit: AuditService;
  categories: CategoryService;
  places: PlaceResolver;
  now: () => Date;
}) {
  const { database, audit, categories } = deps;

  /**
   * Places the cases that have an address but no point or subdistrict, by the district's gazetteer; a history file
   * repeats its addresses, so each distinct one is resolved once (up to a bound on what is remembered).
   */
  async function placeAll(batch: ImportCase[], seen: Map<string, Place | null>) {
    for (const c of batch) {
      if (!c.address || c.subdistrictCode || c.lng !== null) continue;
      let place = seen.get(c.address);
      if (place === undefined) {
        if (seen.size >= 200_000) seen.clear();
        place = await deps.places.resolveAddress(c.address);
        seen.set(c.address, place);
      }
      if (!place) continue;
      c.lng = place.lng;
      c.lat = place.lat;
      c.subdistrictCode = place.subdistrictCode;
      c.communityCode = place.communityCode;
    }
  }

  /** Loads one batch of cases in its own transaction; returns how many were new. */
  async function loadBatch(batch: ImportCase[], actorName: string, source: string): Promise<number> {
    if (!batch.length) return 0;
    return repo.inImportTransaction(database, async (tx) => {
      await repo.stageCases(tx, csvChunks(batch));
      const inserted = await repo.insertStaged(
        tx,
        actorName,
        source,
        batch.some((c) => c.steps),
      );
      if (batch.some((c) => c.mergedInto)) await repo.linkMerged(tx);
      await repo.advanceSequences(tx);
      if (inserted) await announceChange(tx, 'cases');
      return inserted;
    });
  }

  async function rowContext(): Promise<RowContext> {
    const list = await categories.list();
    const departments = new Map<string, number>();
    for (const c of list) departments.set(c.code, await categories.route(c.code, null));
    return {
      categories: categoryLookup(list),
      departmentOf: (c) => departments.get(c.code) ?? c.departmentId,
      now: deps.now(),
    };
  }

  return {
    /**
     * Imports the cases of `file` (CSV, XLSX or JSONL). `onProgress` hears the rows read so far after each batch.
     * A file without the number, received time and content columns is refused whole.
     */
    async importFile(
      ctx: Ctx,
      file: string,
      options: { batchSize?: number; onProgress?: (rows: number) => void } = {},
    ): Promise<ImportSummary> {
      const started = performance.now();
      const batchSize = options.batchSize ?? IMPORT_BATCH;
      const source = await openFile(file, { layout: { known: headerMatcher(importColumns) } });
      const mapping = autoMap(source.headers, importColumns);
      const index = new Map<string, number>();
      source.headers.forEach((h, i) => {
        const code = mapping[h];
        if (code) index.set(code, i);
      });
      const missing = REQUIRED.filter((c) => !index.has(c));
      if (missing.length)
        throw new InputError(
          'import_columns_missing',
          `The file has no column for ${missing.join(', ')}`,
          missing.map((field) => ({ field, reason: 'required' })),
          { columns: missing.join(', '), headers: source.headers.join(', ') },
        );
      // Rows are numbered as in the file: the header's rows first (none in JSONL).
      const firstRow = (source.layout?.().headerRows.at(-1) ?? 0) + 1;
      const rowCtx = await rowContext();
      const actorName = ctx.actor?.displayName ?? 'import';
      const fileName = path.basename(file);
      const seen = new Set<string>();
      const rejects: ImportReject[] = [];
      let total = 0;
      let rejected = 0;
      let loaded = 0;
      let skipped = 0;
      let batch: ImportCase[] = [];
      const places = new Map<string, Place | null>();
      // The batch being loaded while the next is read: reading and loading overlap, one transaction at a time.
      let loading: Promise<void> = Promise.resolve();
      const flush = async () => {
        await loading;
        const full = batch;
        const read = total;
        batch = [];
        loading = placeAll(full, places).then(async () => {
          const inserted = await loadBatch(full, actorName, fileName);
          loaded += inserted;
          skipped += full.length - inserted;
          options.onProgress?.(read);
        });
        // Until awaited, a failure is held for the next flush (and the last one's await) to throw.
        loading.catch(() => {});
      };
      for await (const rows of source.batches) {
        for (const cells of rows) {
          const rowNumber = firstRow + total;
          total++;
          const cell = (column: ImportColumn) => {
            const i = index.get(column);
            return i === undefined ? '' : (cells[i] ?? '');
          };
          let outcome = caseOfRow(cell, rowNumber, rowCtx);
          if (!isReject(outcome) && seen.has(outcome.number))
            outcome = { row: rowNumber, field: 'number', reason: 'duplicate_number', value: outcome.number };
          if (isReject(outcome)) {
            rejected++;
            if (rejects.length < MAX_KEPT_REJECTS) rejects.push(outcome);
            continue;
          }
          seen.add(outcome.number);
          batch.push(outcome);
          if (batch.length >= batchSize) await flush();
        }
      }
      await flush();
      await loading;
      const summary = {
        file: fileName,
        total,
        loaded,
        rejected,
        skipped,
        rejects,
        seconds: (performance.now() - started) / 1000,
      };
      await audit.recordNow(ctx, {
        action: 'events.cases_import',
        targetType: 'file',
        targetId: fileName,
        detail: { total, loaded, rejected, skipped },
      });
      return summary;
    },

    /**
     * Loads fully formed cases (the demo's history) by the same bulk path, in batches; numbers already there are
     * skipped. Returns how many were loaded and skipped.
     */
    async loadCases(
      ctx: Ctx,
      cases: Iterable<ImportCase> | AsyncIterable<ImportCase>,
      options: { source: string; batchSize?: number },
    ) {
      const batchSize = options.batchSize ?? IMPORT_BATCH;
      const actorName = ctx.actor?.displayName ?? 'import';
      let batch: ImportCase[] = [];
      let loaded = 0;
      let skipped = 0;
      const flush = async () => {
        const inserted = await loadBatch(batch, actorName, options.source);
        loaded += inserted;
        skipped += batch.length - inserted;
        batch = [];
      };
      for await (const c of cases) {
        batch.push(c);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      return { loaded, skipped };
    },

    /**
     * Loads past cases that have no number yet (the cases of past alarms a sensing history import opens), numbering
     * each from its received day's sequence as intake numbers a new case, in the transaction that loads them; returns
     * the numbers in the order of `cases`. Each call adds its cases: the caller loads a case once. The caller audits.
     */
    async loadNumbered(
      ctx: Ctx,
      cases: Omit<ImportCase, 'number'>[],
      options: { source: string },
    ): Promise<string[]> {
      if (!cases.length) return [];
      const actorName = ctx.actor?.displayName ?? 'import';
      return repo.inImportTransaction(database, async (tx) => {
        // Within a day, numbers in received order, as intake would have given them.
        const order = cases.map((c, i) => ({ c, i, day: chinaDay(c.receivedAt) }));
        order.sort((a, b) => a.c.receivedAt.getTime() - b.c.receivedAt.getTime() || a.i - b.i);
        const next = new Map<string, number>();
        for (const day of new Set(order.map((o) => o.day))) {
          const count = order.filter((o) => o.day === day).length;
          next.set(day, (await repo.takeNumbers(tx, day, count)) - count + 1);
        }
        const numbers: string[] = [];
        const numbered: ImportCase[] = [];
        for (const { c, i, day } of order) {
          const n = next.get(day)!;
          next.set(day, n + 1);
          numbers[i] = `${day}${String(n).padStart(5, '0')}`;
          numbered.push({ ...c, number: numbers[i]! });
        }
        await repo.stageCases(tx, csvChunks(numbered));
        await repo.insertStaged(
          tx,
          actorName,
          options.source,
          numbered.some((c) => c.steps),
        );
        return numbers;
      });
    },
  };
}

/** The China-local day of an instant, as YYYYMMDD (the day a case number is of). */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}
export type ImportService = ReturnType<typeof createImportService>;

/** A batch as COPY CSV, in chunks of about 1 MiB that each end at a row's end. */
async function* csvChunks(batch: ImportCase[]): AsyncGenerator<string> {
  let chunk = '';
  for (const c of batch) {
    chunk += copyLine(c);
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
