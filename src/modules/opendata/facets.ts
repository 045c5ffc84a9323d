import type { OpenFacetCount, OpenFacets, OpenQuery } from './contract.ts';
import type { Published } from './published.ts';

// The portal's filters, applied to the datasets its search text found, and the counts shown beside them.

type Filters = Pick<OpenQuery, 'classification' | 'departmentId' | 'updateCycle'>;
type Dimension = keyof Filters;

/** What each filter reads of a dataset, as the text the query string carries. */
const filterValue: Record<Dimension, (p: Published) => string> = {
  classification: (p) => p.resource.classification,
  departmentId: (p) => String(p.resource.providerDepartmentId),
  updateCycle: (p) => p.resource.updateCycle,
};
const dimensions = Object.keys(filterValue) as Dimension[];

/** Whether a dataset passes every filter set, except `skip`'s. */
function passes(p: Published, filters: Filters, skip?: Dimension) {
  return dimensions.every(
    (d) => d === skip || filters[d] === undefined || filterValue[d](p) === String(filters[d]),
  );
}

/** The datasets that pass every filter. */
export function applyFilters(list: Published[], filters: Filters): Published[] {
  return list.filter((p) => passes(p, filters));
}

/**
 * Counts per filter value: each filter's counts apply the other filters, not its own, so a count says how many
 * datasets picking that value would show. Values with no dataset are left out; most first, ties by value.
 */
export function facetCounts(list: Published[], filters: Filters): OpenFacets {
  const count = (d: Dimension): OpenFacetCount[] => {
    const counts = new Map<string, OpenFacetCount>();
    for (const p of list) {
      if (!passes(p, filters, d)) continue;
      const value = filterValue[d](p);
      const entry = counts.get(value) ?? {
        value,
        ...(d === 'departmentId' ? { label: p.resource.providerDepartmentName } : {}),
        count: 0,
      };
      entry.count++;
      counts.set(value, entry);
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  return {
    classification: count('classification'),
    departmentId: count('departmentId'),
    updateCycle: count('updateCycle'),
  };
}
