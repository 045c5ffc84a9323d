import { z } from 'zod';
import { classifications, dataItem, formats, updateCycles } from '../catalog/contract.ts';

/** The download formats of an open dataset. */
export const downloadFormats = ['csv', 'xlsx', 'json'] as const;
export type DownloadFormat = (typeof downloadFormats)[number];

/** The portal list's filters, sort and page. `q` matches names, items, codes and pinyin (initials too). */
export const openQuery = z.object({
  q: z.string().trim().max(100).optional(),
  classification: z.enum(classifications).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  updateCycle: z.enum(updateCycles).optional(),
  sort: z.enum(['updated', 'name', 'published', 'rows']).default('updated'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type OpenQuery = z.infer<typeof openQuery>;

/** An open dataset as the portal lists it. `name` is its public identifier (alias, or the code with - for /). */
export const openSummary = z.object({
  name: z.string(),
  code: z.string(),
  title: z.string(),
  summary: z.string(),
  classification: z.enum(classifications),
  classCode: z.string(),
  format: z.enum(formats),
  provider: z.object({ id: z.number(), name: z.string() }),
  updateCycle: z.enum(updateCycles),
  publishDate: z.string().nullable(),
  keywords: z.array(z.string()),
  itemCount: z.number(),
  rowCount: z.number(),
  dataUpdatedAt: z.string().nullable(),
  metadataModified: z.string(),
});
export type OpenSummary = z.infer<typeof openSummary>;

/** How many datasets of the current search have a filter's value: `label` names a department. */
export const openFacetCount = z.object({
  value: z.string(),
  label: z.string().optional(),
  count: z.number(),
});
export type OpenFacetCount = z.infer<typeof openFacetCount>;

/**
 * Counts beside the portal's filters, for the current search: each filter's counts apply the search text and the
 * other filters (not its own), so they say how many a pick would show.
 */
export const openFacets = z.object({
  classification: z.array(openFacetCount),
  departmentId: z.array(openFacetCount),
  updateCycle: z.array(openFacetCount),
});
export type OpenFacets = z.infer<typeof openFacets>;

export const openPage = z.object({ items: z.array(openSummary), total: z.number(), facets: openFacets });
export type OpenPage = z.infer<typeof openPage>;

/** An item as published: personal items are never listed, so the flag is left out. */
export const openItem = dataItem.pick({ code: true, name: true, type: true, description: true }).extend({
  key: z.boolean(),
});
export type OpenItem = z.infer<typeof openItem>;

/** Where a dataset's downloads and machine-readable descriptions are, relative to the server. */
export const openLinks = z.object({
  csv: z.string(),
  xlsx: z.string(),
  json: z.string(),
  ckan: z.string(),
  dcat: z.string(),
});

/** The license every open dataset is published under (setting ONECITY_OPEN_DATA_LICENSE). */
export const openLicense = z.object({
  /** SPDX identifier. */
  id: z.string(),
  /** The id in CKAN's license list. */
  ckanId: z.string(),
  title: z.string(),
  titleZh: z.string(),
  url: z.string(),
});
export type OpenLicense = z.infer<typeof openLicense>;

/** The terms of use (使用条款), one sentence a line, in each language. */
export const openTerms = z.object({ 'zh-CN': z.array(z.string()), en: z.array(z.string()) });
export type OpenTerms = z.infer<typeof openTerms>;

/** The portal's landing figures, the newest data and the license and terms all datasets share. */
export const openOverview = z.object({
  datasets: z.number(),
  departments: z.number(),
  rows: z.number(),
  downloads: z.number(),
  recent: z.array(openSummary),
  license: openLicense,
  terms: openTerms,
});
export type OpenOverview = z.infer<typeof openOverview>;

/** One open dataset with its public items, download counts and links. */
export const openDataset = openSummary.extend({
  items: z.array(openItem),
  license: openLicense,
  terms: openTerms,
  openCondition: z.string().nullable(),
  downloads: z.object({ csv: z.number(), xlsx: z.number(), json: z.number() }),
  links: openLinks,
});
export type OpenDataset = z.infer<typeof openDataset>;

/** The first rows of a dataset, in key order, public items only. */
export const openPreview = z.object({
  columns: z.array(z.object({ code: z.string(), name: z.string() })),
  rows: z.array(z.record(z.string(), z.string().nullable())),
  total: z.number(),
});
export type OpenPreview = z.infer<typeof openPreview>;

/** A provider department with how many open datasets it publishes, for the portal's filter. */
export const openProvider = z.object({ id: z.number(), name: z.string(), count: z.number() });
export type OpenProvider = z.infer<typeof openProvider>;

export const nameParam = z.object({ name: z.string().min(1).max(60) });
