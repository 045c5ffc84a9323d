import { downloadFormats } from '../contract.ts';
import type { Published } from '../published.ts';
import { ckanBadQuery, ckanInvalid } from './errors.ts';
import { organizationName } from './package.ts';

// The parts of Solr's query syntax that CKAN clients and harvesters send (ckanext-harvest's CKAN harvester:
// fq=metadata_modified:[<since> TO *], organization:<name>), and CKAN's integer parameters.

/** One `field:value` clause of a Solr filter query. */
type Clause = { field: string; value: string } | { field: string; from: string; to: string };

/** Splits `a:b +c:"d e" AND f:[x TO *]` into clauses; anything else (OR, negation, groups) is refused. */
export function parseClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  const term =
    /\s*(?:AND\s+)?\+?([a-z_]+):(?:"((?:[^"\\]|\\.)*)"|\[(\S+)\s+TO\s+(\S+)\]|([^\s"[\]()]+))\s*/iy;
  let at = 0;
  while (at < text.length) {
    term.lastIndex = at;
    const m = term.exec(text);
    if (!m) throw ckanBadQuery(text.slice(at, at + 40));
    const [, field, quoted, from, to, bare] = m;
    if (from !== undefined) clauses.push({ field: field!, from, to: to! });
    else clauses.push({ field: field!, value: (quoted ?? bare!).replace(/\\(.)/g, '$1') });
    at = term.lastIndex;
  }
  return clauses;
}

/** The table's own entry for a name the caller sent: `constructor` or `__proto__` is no field. */
function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** A moment of a range bound: `*` is open; otherwise an ISO date or date-time (Solr's trailing Z optional). */
function bound(text: string, field: string): number | null {
  if (text === '*') return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw ckanBadQuery(`${field} bound ${text}`);
  return ms;
}

/** What each field a clause may name reads of a dataset. */
export const fieldValues: Record<string, (p: Published) => string[]> = {
  id: (p) => [p.resource.code],
  name: (p) => [p.name],
  title: (p) => [p.resource.name],
  organization: (p) => [organizationName(p)],
  owner_org: (p) => [organizationName(p)],
  tags: (p) => p.resource.keywords,
  res_format: () => downloadFormats.map((f) => f.toUpperCase()),
  dataset_type: () => ['dataset'],
  type: () => ['dataset'],
  state: () => ['active'],
  capacity: () => ['public'],
  groups: () => [],
  license_id: (p) => [p.license.ckanId],
  extras_update_cycle: (p) => [p.resource.updateCycle],
  extras_classification: (p) => [p.resource.classification],
  extras_class_code: (p) => [p.resource.classCode],
  extras_resource_code: (p) => [p.resource.code],
};
const timeFields: Record<string, (p: Published) => string | null> = {
  metadata_modified: (p) => p.resource.updatedAt,
  metadata_created: (p) => p.resource.createdAt,
  data_modified: (p) => p.dataUpdatedAt,
};

/** A test of datasets for the clauses (all must hold); an unknown field is a query error, as in Solr. */
export function matcher(clauses: Clause[]): (p: Published) => boolean {
  const tests = clauses.map((c): ((p: Published) => boolean) => {
    if ('from' in c) {
      const time = own(timeFields, c.field);
      if (!time) throw ckanBadQuery(`no range on ${c.field}`);
      const from = bound(c.from, c.field);
      const to = bound(c.to, c.field);
      return (p) => {
        const value = time(p);
        if (!value) return false;
        const ms = Date.parse(value);
        return (from === null || ms >= from) && (to === null || ms <= to);
      };
    }
    const values = own(fieldValues, c.field);
    if (!values) throw ckanBadQuery(`undefined field ${c.field}`);
    if (c.value === '*') return (p) => values(p).length > 0;
    // Formats are upper case in CKAN yet matched in any case by clients; names and codes are exact.
    const wanted = c.field === 'res_format' ? c.value.toUpperCase() : c.value;
    return (p) => values(p).includes(wanted);
  });
  return (p) => tests.every((t) => t(p));
}

const sortFields: Record<string, (p: Published) => string> = {
  metadata_modified: (p) => p.resource.updatedAt,
  metadata_created: (p) => p.resource.createdAt,
  name: (p) => p.name,
  title_string: (p) => p.resource.name,
};

/** A comparator for CKAN's `sort` (e.g. `score desc, metadata_modified desc`, the default); score is ignored. */
export function sorter(sort: string): (a: Published, b: Published) => number {
  const keys = sort
    .split(',')
    .map((s) => s.trim().split(/\s+/))
    .filter(([field]) => field && field !== 'score');
  const compares = keys.map(([field, direction = 'asc']) => {
    const value = own(sortFields, field!);
    if (!value || !['asc', 'desc'].includes(direction)) throw ckanBadQuery(`sort ${field} ${direction}`);
    const sign = direction === 'desc' ? -1 : 1;
    return (a: Published, b: Published) => sign * value(a).localeCompare(value(b));
  });
  return (a, b) => {
    for (const compare of compares) {
      const result = compare(a, b);
      if (result) return result;
    }
    return a.name.localeCompare(b.name);
  };
}

/** A non-negative integer parameter (rows, start, limit, offset), as CKAN's int validators read it. */
export function intParam(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isInteger(n)) throw ckanInvalid(field, 'Invalid integer');
  if (n < 0) throw ckanInvalid(field, 'Must be a natural number');
  return Math.min(n, max);
}
