import type { Db } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import { itemColumn } from '../data-table.ts';
import * as repo from './repository.ts';

// Reads of loaded data for publishing (open data): only the item columns the caller names, in key order, so a
// whole dataset can be streamed page by page without holding it and without reading the columns left out.

/** How much of a resource's data is loaded: row count and when a row last changed (null: nothing loaded). */
export type DataStats = { rows: number; updatedAt: string | null };

/** Reads of loaded data for publication; see the comment at the top of the file. */
export function createOpenReads(db: Db) {
  return {
    /** Row count and last change of each resource's loaded data, by resource id. */
    async stats(resourceIds: number[]): Promise<Map<number, DataStats>> {
      const stats = new Map<number, DataStats>(resourceIds.map((id) => [id, { rows: 0, updatedAt: null }]));
      const loaded = [...(await repo.findLoadedResources(db, resourceIds))];
      for (const r of await repo.countLoadedRows(db, loaded))
        stats.set(Number(r.id), {
          rows: Number(r.rows),
          updatedAt: r.updated_at === null ? null : new Date(r.updated_at).toISOString(),
        });
      return stats;
    },

    /**
     * The resource's rows in key order, `pageSize` at a time, with the values of `itemCodes` only (as stored),
     * at most `limit` rows. Pages are found by key (not offset), so reading a million rows stays linear.
     */
    async *rows(
      resource: Resource,
      itemCodes: string[],
      opts: { pageSize?: number; limit?: number } = {},
    ): AsyncGenerator<(string | null)[][]> {
      // A code that is no item of the resource is refused whether or not anything was loaded.
      for (const code of itemCodes) itemColumn(resource, code);
      if (!(await repo.findLoadedResources(db, [resource.id])).size) return;
      const pageSize = opts.pageSize ?? 1000;
      let left = opts.limit ?? Number.POSITIVE_INFINITY;
      let after: string | null = null;
      while (left > 0) {
        const take = Math.min(pageSize, left);
        const page = await repo.findRecordsAfterKey(db, resource, itemCodes, after, take);
        if (!page.length) return;
        yield page.map((row) => itemCodes.map((code) => row[code] ?? null));
        if (page.length < take) return;
        after = page.at(-1)!._key!;
        left -= page.length;
      }
    },
  };
}

export type OpenReads = ReturnType<typeof createOpenReads>;
