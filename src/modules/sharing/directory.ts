import { lookupCtx } from '../../core/context.ts';
import type { Database } from '../../core/db.ts';
import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService, ResourceView } from '../catalog/index.ts';
import type { DepartmentDirectory, OrgService } from '../org/index.ts';

/** What every service of the console API is built from. */
export type SharingDeps = {
  database: Database;
  catalog: CatalogService;
  audit: AuditService;
  org: OrgService;
  users: UsersService;
};

/** Resources by id and department names, read once per request (the catalog is small). */
export type Directory = { resources: Map<number, ResourceView>; departments: DepartmentDirectory };

/** Loads the directory the views of applications and grants need. */
export async function loadDirectory(deps: Pick<SharingDeps, 'catalog' | 'org'>): Promise<Directory> {
  const [all, departments] = await Promise.all([
    deps.catalog.listAll(lookupCtx, {}),
    deps.org.departmentDirectory(),
  ]);
  return { resources: new Map(all.map((r) => [r.id, r])), departments };
}

/** A department's name, or its id when it is gone. */
export const departmentName = (dir: Directory, id: number) =>
  dir.departments.byId.get(id)?.name ?? String(id);

/** The resource fields of a view; a resource removed since shows its id. */
export function resourceRef(dir: Directory, resourceId: number) {
  const r = dir.resources.get(resourceId);
  return {
    resourceId,
    resourceCode: r?.code ?? String(resourceId),
    resourceAlias: r?.alias ?? null,
    resourceName: r?.name ?? String(resourceId),
  };
}

/** The resource's data items, for names and personal marks in the console. */
export const itemsOf = (resource: ResourceView | undefined) =>
  (resource?.items ?? []).map((i) => ({ code: i.code, name: i.name, personal: i.personal }));
