import type { Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { catalogRoutes } from './routes.ts';
import { createCatalogService } from './service.ts';

export type { DataItem, Resource, ResourceInput } from './contract.ts';
export type { CatalogService } from './service.ts';

/** The resource catalog (政务信息资源目录). */
export function createCatalogModule(deps: { db: Db; audit: AuditService; org: OrgService }) {
  const service = createCatalogService(deps);
  return { service, routes: catalogRoutes(service) };
}
