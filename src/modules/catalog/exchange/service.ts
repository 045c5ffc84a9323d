import type { Ctx } from '../../../core/context.ts';
import type { OrgService } from '../../org/index.ts';
import type { ResourceQuery } from '../contract.ts';
import type { CatalogService } from '../service.ts';
import { readDcatCatalog } from './dcat-read.ts';
import { writeDcatCatalog } from './dcat-write.ts';
import type { ImportService } from './import-resources.ts';
import { readCatalogWorkbook } from './xlsx-read.ts';
import { writeCatalogWorkbook } from './xlsx-write.ts';

/** The filters of the resource list that an export honours. */
export type ExportFilters = Omit<ResourceQuery, 'page' | 'pageSize' | 'sort'>;

export type ExchangeService = ReturnType<typeof createExchangeService>;

/** Export and import of the whole catalog: the XLSX sheet departments fill in, and DCAT-AP JSON-LD. */
export function createExchangeService(deps: {
  catalog: CatalogService;
  imports: ImportService;
  org: OrgService;
}) {
  const { catalog, imports, org } = deps;
  // Files name providers by code (and, typed by hand, by name); retired departments too, as old rows do.
  const allDepartments = async () => (await org.departmentDirectory()).all;
  return {
    /** The resources matching the filters as the catalog workbook. */
    async exportXlsx(ctx: Ctx, filters: ExportFilters): Promise<Buffer> {
      const [resources, departments] = await Promise.all([catalog.listAll(ctx, filters), allDepartments()]);
      return writeCatalogWorkbook(resources, departments);
    },

    /** The empty workbook, with its guide, code table and dropdowns. */
    async template(_ctx: Ctx): Promise<Buffer> {
      return writeCatalogWorkbook([], await allDepartments());
    },

    /** The resources matching the filters as a DCAT-AP catalog; `baseUrl` is where this server is reached. */
    async exportDcat(ctx: Ctx, filters: ExportFilters, baseUrl: string) {
      const [resources, departments] = await Promise.all([catalog.listAll(ctx, filters), allDepartments()]);
      return writeDcatCatalog(resources, departments, baseUrl);
    },

    /** Imports a filled-in catalog workbook (all or nothing). */
    async importXlsx(ctx: Ctx, file: Buffer, opts: { dryRun: boolean }) {
      const batch = await readCatalogWorkbook(file, await allDepartments());
      return imports.importResources(ctx, batch, opts);
    },

    /** Imports a DCAT-AP catalog as the export writes it (all or nothing). */
    async importDcat(ctx: Ctx, doc: unknown, opts: { dryRun: boolean }) {
      const batch = readDcatCatalog(doc, await allDepartments());
      return imports.importResources(ctx, batch, opts);
    },
  };
}
