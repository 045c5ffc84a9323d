import type { Published } from '../published.ts';
import { ckanBadQuery, ckanInvalid } from './errors.ts';
import { fieldValues, intParam } from './query.ts';

// package_search's facets as CKAN returns them: `facet.field` is a JSON list of fields (or a list, in a JSON body);
// counts are over all the datasets the search found, most first, `facet.limit` per field (default 50, -1 for
// all), values under `facet.mincount` (default 1) left out.

/** The fields asked for: a JSON list of strings, as CKAN's validators read it; absent, none. */
export function facetFields(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw ckanInvalid('facet.field', 'Could not parse as valid JSON');
    }
  }
  if (!Array.isArray(list) || !list.every((f) => typeof f === 'string'))
    throw ckanInvalid('facet.field', 'Not a list of strings');
  if (list.length > 20) throw ckanInvalid('facet.field', 'Too many fields');
  for (const field of list)
    if (!Object.hasOwn(fieldValues, field)) throw ckanBadQuery(`undefined field ${field}`);
  return list;
}

/** CKAN's `facets` ({field: {value: count}}) and `search_facets` ({field: {title, items}}) for the matches. */
export function ckanFacets(matches: Published[], params: Record<string, unknown>) {
  const fields = facetFields(params['facet.field']);
  const limitParam = params['facet.limit'];
  const limit =
    limitParam === '-1' || limitParam === -1 ? Infinity : intParam(limitParam, 'facet.limit', 50, 1000);
  const mincount = intParam(params['facet.mincount'], 'facet.mincount', 1, Number.MAX_SAFE_INTEGER);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  > = {};
  for (const field of fields) {
    const counts = new Map<string, { count: number; display: string }>();
    for (const p of matches)
      for (const value of new Set(fieldValues[field]!(p))) {
        const entry = counts.get(value) ?? {
          count: 0,
          // An organization shows its title (the provider's name), as CKAN does.
          display:
            field === 'organization' || field === 'owner_org' ? p.resource.providerDepartmentName : value,
        };
        entry.count++;
        counts.set(value, entry);
      }
    const items = [...counts]
      .filter(([, c]) => c.count >= mincount)
      .sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b))
      .slice(0, limit)
      .map(([name, c]) => ({ name, display_name: c.display, count: c.count }));
    facets[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
    searchFacets[field] = { title: field, items };
  }
  return { facets, search_facets: searchFacets };
}
