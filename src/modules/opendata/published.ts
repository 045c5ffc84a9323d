import { type DataItem, isPersonalItem, type ResourceView } from '../catalog/index.ts';
import type { Department } from '../org/index.ts';
import type { OpenItem, OpenLicense, OpenSummary } from './contract.ts';

/** An open dataset as everything public sees it: the resource with its public items, its data's size and age. */
export type Published = {
  /** The resource with personal items (and keys on them) taken out. */
  resource: ResourceView;
  /** Its public identifier in URLs and for CKAN (see publicName). */
  name: string;
  rows: number;
  dataUpdatedAt: string | null;
  provider: Department | undefined;
  /** The license it is published under (one for the whole portal: the catalog has no license per resource). */
  license: OpenLicense;
};

/** A resource's public identifier: its alias, or its code with - for / (so it fits a URL segment and CKAN names). */
export function publicName(r: { alias: string | null; code: string }) {
  return r.alias ?? r.code.replace('/', '-');
}

/** The code a public name made from a code stands for (103001-000001 → 103001/000001), else undefined. */
export function codeOfPublicName(name: string) {
  const m = /^(\d{6,12})-(\d{6})$/.exec(name);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/**
 * The items that may be published. The catalog refuses personal items in open resources already; this is the
 * second line, for rows that got past it (an older rule, a direct database edit). An item of a personal kind
 * (an ID number, a phone, a person's name or home address) stays out even when its flag says it is not personal.
 */
export function publicItems(items: DataItem[]): DataItem[] {
  return items.filter((i) => !isPersonalItem(i));
}

/** The resource as published: public items only, and only the key items among them. */
export function publicResource(r: ResourceView): ResourceView {
  const items = publicItems(r.items);
  const codes = new Set(items.map((i) => i.code));
  return { ...r, items, keyItems: r.keyItems.filter((k) => codes.has(k)) };
}

/** The items as the portal lists them. */
export function openItems(r: ResourceView): OpenItem[] {
  return r.items.map((i) => ({
    code: i.code,
    name: i.name,
    type: i.type,
    description: i.description,
    key: r.keyItems.includes(i.code),
  }));
}

/** A published dataset as the portal lists it. */
export function toSummary(p: Published): OpenSummary {
  const r = p.resource;
  return {
    name: p.name,
    code: r.code,
    title: r.name,
    summary: r.summary,
    classification: r.classification,
    classCode: r.classCode,
    format: r.format,
    provider: { id: r.providerDepartmentId, name: r.providerDepartmentName },
    updateCycle: r.updateCycle,
    publishDate: r.publishDate,
    keywords: r.keywords,
    itemCount: r.items.length,
    rowCount: p.rows,
    dataUpdatedAt: p.dataUpdatedAt,
    metadataModified: r.updatedAt,
  };
}

const collator = new Intl.Collator('zh-Hans-CN');
const newestFirst = (a: string | null, b: string | null) => (b ?? '').localeCompare(a ?? '');

/** Orders datasets for the portal: by data change, name (pinyin order), publish date or size; ties by name. */
export function sortPublished(list: Published[], sort: 'updated' | 'name' | 'published' | 'rows') {
  const byName = (a: Published, b: Published) =>
    collator.compare(a.resource.name, b.resource.name) || a.resource.code.localeCompare(b.resource.code);
  const compare: Record<typeof sort, (a: Published, b: Published) => number> = {
    updated: (a, b) => newestFirst(a.dataUpdatedAt, b.dataUpdatedAt) || byName(a, b),
    name: byName,
    published: (a, b) => newestFirst(a.resource.publishDate, b.resource.publishDate) || byName(a, b),
    rows: (a, b) => b.rows - a.rows || byName(a, b),
  };
  return list.toSorted(compare[sort]);
}

/** Where a dataset's downloads and descriptions are, relative to the server. */
export function linksOf(name: string) {
  const data = `/api/open/resources/${encodeURIComponent(name)}/data`;
  return {
    csv: `${data}.csv`,
    xlsx: `${data}.xlsx`,
    json: `${data}.json`,
    ckan: `/open/api/3/action/package_show?id=${encodeURIComponent(name)}`,
    dcat: '/open/catalog.jsonld',
  };
}
