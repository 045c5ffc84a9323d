import type { Resource } from '../catalog/index.ts';

// The names of a resource's loaded data, for the repositories that read and write it (batches/load-repository.ts,
// records/). Item codes become column names only here, checked.

/** The table holding a resource's loaded data: one text column per data item, keyed by the resource's key. */
export function dataTableName(resourceId: number) {
  return `data.r_${resourceId}`;
}

/** A column name quoted for SQL; only for names already known to be columns (items' codes, `_key` …). */
export const quoteColumn = (code: string) => `"${code}"`;

// The catalog's pattern for item codes (catalog/contract.ts), checked again where a code becomes a column name.
const ITEM_CODE = /^[a-z][a-z0-9_]{0,62}$/;

/** The quoted column of one of the resource's items; anything else is refused, so no name reaches SQL unchecked. */
export function itemColumn(resource: Resource, code: string): string {
  if (!ITEM_CODE.test(code) || !resource.items.some((i) => i.code === code))
    throw new Error(`${code} is not an item of ${resource.code}`);
  return quoteColumn(code);
}
