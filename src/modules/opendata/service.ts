import type { Readable } from 'node:stream';
import type { Ctx } from '../../core/context.ts';
import { DomainError, NotFoundError } from '../../core/errors.ts';
import { todayInShanghai } from '../../core/local-date.ts';
import { createMinuteTally } from '../../core/minute-tally.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService, ResourceView } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { OrgService } from '../org/index.ts';
import type {
  DownloadFormat,
  OpenDataset,
  OpenOverview,
  OpenPage,
  OpenPreview,
  OpenProvider,
  OpenQuery,
} from './contract.ts';
import { downloadFormats } from './contract.ts';
import { openDcatCatalog } from './dcat.ts';
import { contentTypes, csvStream, headersOf, jsonStream, xlsxStream } from './download-writers.ts';
import { applyFilters, facetCounts } from './facets.ts';
import { type OpenLicenseId, openLicenses, termsOfUse } from './licenses.ts';
import './messages.ts';
import {
  codeOfPublicName,
  linksOf,
  openItems,
  type Published,
  publicName,
  publicResource,
  sortPublished,
  toSummary,
} from './published.ts';

export type OpenDataService = ReturnType<typeof createOpenDataService>;

/** The filters the catalog applies itself; the update cycle is applied here. */
export type PublishedFilters = Pick<OpenQuery, 'q' | 'classification' | 'departmentId' | 'updateCycle'>;

const PREVIEW_ROWS = 20;
/** How many of the newest datasets the landing page names. */
const RECENT = 5;

/**
 * Open data (数据开放): which resources are published (open in the catalog, with loaded data), their public
 * description, preview and downloads. Personal items are never published, whatever the catalog says.
 */
export function createOpenDataService(deps: {
  catalog: CatalogService;
  ingest: IngestService;
  audit: AuditService;
  org: OrgService;
  /** The license of every published dataset (setting ONECITY_OPEN_DATA_LICENSE). */
  license?: OpenLicenseId;
  now?: () => Date;
}) {
  const { catalog, audit, org } = deps;
  const { euUri, ...license } = openLicenses[deps.license ?? 'CC-BY-4.0'];
  const terms = termsOfUse(license);
  const rights = { license, euUri, terms };
  const reads = deps.ingest.openReads;
  const now = deps.now ?? (() => new Date());
  // Anonymous downloads, per address, dataset, format and minute: one client cannot write unbounded audit rows.
  const anonymous = createMinuteTally<{ address: string; code: string; format: DownloadFormat }>();

  /** Writes one audit entry per address, dataset, format and minute of anonymous downloads (minutes ended, or all). */
  async function flushDownloads(t: number, all = false) {
    for (const d of anonymous.take(t, all))
      await audit.recordNow(
        { actor: null, ip: d.key.address || null, requestId: 'open-downloads' },
        {
          action: 'opendata.download',
          targetType: `download.${d.key.format}`,
          targetId: d.key.code,
          detail: { format: d.key.format, count: d.count, minute: new Date(d.minute).toISOString() },
        },
      );
  }

  const notFound = (name: string) =>
    new DomainError(404, 'open_dataset_not_found', `Open dataset ${name} not found`, { name });

  /**
   * Adds the data's size and age and the provider to open resources; those with no rows, or nothing left to show
   * once personal items are taken out, are left out.
   */
  async function publish(resources: ResourceView[]): Promise<Published[]> {
    if (!resources.length) return [];
    const [stats, departments] = await Promise.all([
      reads.stats(resources.map((r) => r.id)),
      org.departmentDirectory(),
    ]);
    return resources.flatMap((r) => {
      const s = stats.get(r.id);
      const resource = publicResource(r);
      if (!s?.rows || !resource.items.length) return [];
      return [
        {
          resource,
          name: publicName(r),
          rows: s.rows,
          dataUpdatedAt: s.updatedAt,
          provider: departments.byId.get(r.providerDepartmentId),
          license,
        },
      ];
    });
  }

  /** Every published dataset matching the filters, in no particular order. */
  async function published(ctx: Ctx, filters: PublishedFilters = {}): Promise<Published[]> {
    const { updateCycle, ...catalogFilters } = filters;
    const open = await catalog.listAll(ctx, { ...catalogFilters, openType: 'open' });
    return publish(open.filter((r) => !updateCycle || r.updateCycle === updateCycle));
  }

  /** One published dataset by public name, alias or code; a resource that is not published is not found. */
  async function find(ctx: Ctx, name: string): Promise<Published> {
    const missing = (error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    };
    const code = codeOfPublicName(name);
    const resource =
      (await catalog.get(ctx, name).catch(missing)) ??
      (code ? await catalog.get(ctx, code).catch(missing) : undefined);
    if (resource?.openType !== 'open') throw notFound(name);
    const [found] = await publish([resource]);
    if (!found) throw notFound(name);
    return found;
  }

  /** Downloads of a dataset so far, per format: the audit log's, and the anonymous ones not yet written there. */
  async function downloadCounts(_ctx: Ctx, code: string) {
    const counts = await Promise.all(
      downloadFormats.map(
        async (format) =>
          (await audit.countEvents('opendata.download', `download.${format}`, code)) +
          anonymous.pending((k) => k.code === code && k.format === format),
      ),
    );
    return { csv: counts[0]!, xlsx: counts[1]!, json: counts[2]! };
  }

  return {
    published,
    find,
    /** The license, its EU authority URI (for DCAT) and the terms of use every published dataset carries. */
    rights,

    /** Logs the tallies of anonymous downloads: the minutes that ended, or all of them (at shutdown). */
    flushDownloads: (all = false) => flushDownloads(now().getTime(), all),

    /**
     * The portal's list: published datasets searched (pinyin initials too), filtered, sorted and paged, with the
     * counts beside each filter for this search.
     */
    async list(ctx: Ctx, q: OpenQuery): Promise<OpenPage> {
      const found = await published(ctx, { q: q.q });
      const all = sortPublished(applyFilters(found, q), q.sort);
      const start = (q.page - 1) * q.pageSize;
      return {
        items: all.slice(start, start + q.pageSize).map(toSummary),
        total: all.length,
        facets: facetCounts(found, q),
      };
    },

    /** The landing page's figures: datasets, providers, rows and downloads, the newest data, license and terms. */
    async overview(ctx: Ctx): Promise<OpenOverview> {
      const all = await published(ctx);
      const downloads = await audit.countEventsByTarget('opendata.download');
      const codes = new Set(all.map((p) => p.resource.code));
      const pending = anonymous.pending((k) => codes.has(k.code));
      return {
        datasets: all.length,
        departments: new Set(all.map((p) => p.resource.providerDepartmentId)).size,
        rows: all.reduce((sum, p) => sum + p.rows, 0),
        downloads: all.reduce((sum, p) => sum + (downloads.get(p.resource.code) ?? 0), pending),
        recent: sortPublished(all, 'updated').slice(0, RECENT).map(toSummary),
        license,
        terms,
      };
    },

    /** The departments that publish open datasets, with how many each, for the portal's filter. */
    async providers(ctx: Ctx): Promise<OpenProvider[]> {
      const counts = new Map<number, OpenProvider>();
      for (const { resource: r } of await published(ctx)) {
        const entry = counts.get(r.providerDepartmentId) ?? {
          id: r.providerDepartmentId,
          name: r.providerDepartmentName,
          count: 0,
        };
        entry.count++;
        counts.set(r.providerDepartmentId, entry);
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
    },

    /** One dataset: its description, public items, download counts and links. */
    async get(ctx: Ctx, name: string): Promise<OpenDataset> {
      const p = await find(ctx, name);
      return {
        ...toSummary(p),
        items: openItems(p.resource),
        openCondition: p.resource.openCondition,
        license,
        terms,
        downloads: await downloadCounts(ctx, p.resource.code),
        links: linksOf(p.name),
      };
    },

    /** The open catalog as DCAT-AP JSON-LD, datasets in name order; `baseUrl` is where this server is reached. */
    async catalogJsonld(ctx: Ctx, baseUrl: string) {
      const [datasets, departments] = await Promise.all([published(ctx), org.departmentDirectory()]);
      return openDcatCatalog(sortPublished(datasets, 'name'), departments.all, baseUrl, rights);
    },

    /** The first rows of a dataset in key order, public items only. */
    async preview(ctx: Ctx, name: string): Promise<OpenPreview> {
      const { resource, rows: total } = await find(ctx, name);
      const codes = resource.items.map((i) => i.code);
      const rows: OpenPreview['rows'] = [];
      for await (const page of reads.rows(resource, codes, { limit: PREVIEW_ROWS }))
        for (const row of page) rows.push(Object.fromEntries(codes.map((c, i) => [c, row[i] ?? null])));
      return { columns: resource.items.map(({ code, name }) => ({ code, name })), rows, total };
    },

    /**
     * The whole dataset as a file, streamed; the download is recorded in the audit log (action opendata.download,
     * target `download.<format>` and the resource code) before the first byte, so aborted downloads count too:
     * a signed-in user's as its own entry, anonymous ones tallied per address and minute (flushDownloads).
     * `bodyless` (HTTP HEAD, as link checkers and harvesters send) gives the file's name and type only, uncounted.
     */
    async download(
      ctx: Ctx,
      name: string,
      format: DownloadFormat,
      opts: { bodyless?: boolean } = {},
    ): Promise<{ fileName: string; asciiName: string; contentType: string; body: Readable | null }> {
      const p = await find(ctx, name);
      const { resource } = p;
      const day = todayInShanghai().replaceAll('-', '');
      const file = {
        fileName: `${resource.name}-${day}.${format}`,
        asciiName: `${p.name}-${day}.${format}`,
        contentType: contentTypes[format],
      };
      if (opts.bodyless) return { ...file, body: null };
      if (ctx.actor)
        await audit.recordNow(ctx, {
          action: 'opendata.download',
          targetType: `download.${format}`,
          targetId: resource.code,
          detail: { name: p.name, format, rows: p.rows },
        });
      else {
        const t = now().getTime();
        await flushDownloads(t);
        anonymous.add({ address: ctx.ip ?? '', code: resource.code, format }, t);
      }
      const codes = resource.items.map((i) => i.code);
      const pages = reads.rows(resource, codes);
      const body =
        format === 'csv'
          ? csvStream(headersOf(resource.items), pages)
          : format === 'json'
            ? jsonStream(codes, pages)
            : xlsxStream(resource.name, resource.items, pages);
      return { ...file, body };
    },
  };
}
