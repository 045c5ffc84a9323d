import { frequencyCodes } from '../catalog/index.ts';
import { downloadFormats } from './contract.ts';
import { linksOf, type Published } from './published.ts';

// The CKAN Action API's package dictionaries and the parts of Solr's query syntax that CKAN clients and harvesters
// send (ckanext-harvest's CKAN harvester: fq=metadata_modified:[<since> TO *], organization:<name>).

/** A CKAN API error: its `__type`, HTTP status and either a message or CKAN's per-field lists. */
export class CkanError extends Error {
  readonly status: number;
  readonly type: string;
  readonly fields: Record<string, string[]>;
  constructor(status: number, type: string, message: string, fields: Record<string, string[]> = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.fields = fields;
  }

  /** The `error` member of CKAN's envelope. */
  get body(): Record<string, unknown> {
    return Object.keys(this.fields).length
      ? { __type: this.type, ...this.fields }
      : { __type: this.type, message: this.message };
  }
}

/** 404 as CKAN says it. */
export const ckanNotFound = () => new CkanError(404, 'Not Found Error', 'Not found');
/** 409 Validation Error naming the bad parameter, as CKAN's validators do. */
export const ckanInvalid = (field: string, message: string) =>
  new CkanError(409, 'Validation Error', message, { [field]: [message] });
/** 400 Search Query Error for a query or sort this subset does not understand. */
export const ckanBadQuery = (message: string) =>
  new CkanError(400, 'Search Query Error', `Search Query is invalid: ${message}`);

/** CKAN's timestamps: UTC without a zone designator. */
const ckanTime = (iso: string) => new Date(iso).toISOString().slice(0, -1);

const mimeTypes = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
} as const;

/** The CKAN organization name of a provider: its department code in lower case (CKAN names are lower case). */
export function organizationName(p: Published) {
  return (p.provider?.code ?? `department-${p.resource.providerDepartmentId}`).toLowerCase();
}

/** A published dataset as CKAN's package_show returns it; `baseUrl` makes the resource URLs absolute. */
export function packageDict(p: Published, baseUrl: string) {
  const r = p.resource;
  const links = linksOf(p.name);
  const org = organizationName(p);
  const created = ckanTime(r.createdAt);
  const extras: Record<string, string> = {
    resource_code: r.code,
    classification: r.classification,
    class_code: r.classCode,
    update_cycle: r.updateCycle,
    frequency: `http://publications.europa.eu/resource/authority/frequency/${frequencyCodes[r.updateCycle]}`,
    publish_date: r.publishDate ?? '',
    row_count: String(p.rows),
    data_modified: p.dataUpdatedAt ? ckanTime(p.dataUpdatedAt) : '',
    key_items: r.keyItems.join(','),
    items: JSON.stringify(r.items.map(({ code, name, type }) => ({ code, name, type }))),
  };
  return {
    id: r.code,
    name: p.name,
    title: r.name,
    notes: r.summary,
    url: `${baseUrl}/open/${encodeURIComponent(p.name)}`,
    type: 'dataset',
    state: 'active',
    private: false,
    version: String(r.version),
    author: r.providerDepartmentName,
    author_email: null,
    maintainer: r.providerDepartmentName,
    maintainer_email: null,
    license_id: 'notspecified',
    license_title: 'License not specified',
    metadata_created: created,
    metadata_modified: ckanTime(r.updatedAt),
    owner_org: org,
    organization: {
      id: org,
      name: org,
      title: r.providerDepartmentName,
      type: 'organization',
      description: '',
      image_url: '',
      is_organization: true,
      state: 'active',
      approval_status: 'approved',
      created,
    },
    num_resources: downloadFormats.length,
    resources: downloadFormats.map((format, position) => ({
      id: `${p.name}.${format}`,
      package_id: r.code,
      name: `${r.name}（${format.toUpperCase()}）`,
      description: '',
      format: format.toUpperCase(),
      mimetype: mimeTypes[format],
      url: `${baseUrl}${links[format]}`,
      url_type: null,
      position,
      state: 'active',
      created,
      last_modified: p.dataUpdatedAt ? ckanTime(p.dataUpdatedAt) : null,
      datastore_active: false,
    })),
    num_tags: r.keywords.length,
    tags: r.keywords.map((k) => ({ name: k, display_name: k, state: 'active', vocabulary_id: null })),
    groups: [],
    extras: Object.entries(extras).map(([key, value]) => ({ key, value })),
  };
}

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

/** A moment of a range bound: `*` is open; otherwise an ISO date or date-time (Solr's trailing Z optional). */
function bound(text: string, field: string): number | null {
  if (text === '*') return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw ckanBadQuery(`${field} bound ${text}`);
  return ms;
}

/** What each field a clause may name reads of a dataset. */
const fieldValues: Record<string, (p: Published) => string[]> = {
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
  license_id: () => ['notspecified'],
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
      const time = timeFields[c.field];
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
    const values = fieldValues[c.field];
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
    const value = sortFields[field!];
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
