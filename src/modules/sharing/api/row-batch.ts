import type { Resource } from '../../catalog/index.ts';

/** A row as a data source hands it to the sharing API, before projection and masking. */
export type SourceRow = { key: string; values: Record<string, string | null>; at: string };

/** Equality conditions on item values ([item, value] pairs), all of which must hold. */
export type Conditions = [item: string, value: string][];

type Waiter = { key: string; done: (row: SourceRow | undefined) => void; failed: (error: unknown) => void };
type Group = { resource: Resource; where: Conditions; waiters: Waiter[] };

// Keys per query: bounds one statement's parameter array; a larger group is read in several queries.
const MAX_KEYS = 1000;

/**
 * Point lookups (GET /api/share/v1/:resource/:key) asked during one turn of the event loop are read together:
 * one query per resource and condition set for all their keys. Under load the round trips to the database, not
 * the lookups, are what cost; a lone call waits only for the end of the current turn.
 */
export function createRowBatch(
  readRows: (resource: Resource, keys: string[], where: Conditions) => Promise<SourceRow[]>,
) {
  const groups = new Map<string, Group>();
  let scheduled = false;

  function read(group: Group, waiters: Waiter[]) {
    const keys = [...new Set(waiters.map((w) => w.key))];
    readRows(group.resource, keys, group.where).then(
      (rows) => {
        const byKey = new Map(rows.map((row) => [row.key, row]));
        for (const w of waiters) w.done(byKey.get(w.key));
      },
      (error: unknown) => {
        for (const w of waiters) w.failed(error);
      },
    );
  }

  function dispatch() {
    scheduled = false;
    const ready = [...groups.values()];
    groups.clear();
    for (const group of ready)
      for (let i = 0; i < group.waiters.length; i += MAX_KEYS)
        read(group, group.waiters.slice(i, i + MAX_KEYS));
  }

  return {
    /** The row with this key meeting the conditions, or undefined; read with the other lookups of this turn. */
    row(resource: Resource, key: string, where: Conditions): Promise<SourceRow | undefined> {
      const id = `${resource.id}\u0000${JSON.stringify(where)}`;
      let group = groups.get(id);
      if (!group) {
        group = { resource, where, waiters: [] };
        groups.set(id, group);
      }
      const waiters = group.waiters;
      const found = new Promise<SourceRow | undefined>((done, failed) => waiters.push({ key, done, failed }));
      if (!scheduled) {
        scheduled = true;
        setImmediate(dispatch);
      }
      return found;
    },
  };
}
