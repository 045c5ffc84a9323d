import { lookupCtx } from '../core/context.ts';
import type { UsersService } from '../modules/accounts/index.ts';
import type { AuditService } from '../modules/audit/index.ts';
import type { CatalogService } from '../modules/catalog/index.ts';
import type { OrgService } from '../modules/org/index.ts';

/**
 * Lets the audit page name its targets: users (display name and username), departments and resources (by their
 * code, which the catalog's entries and open-data downloads record). Other targets keep their kind and id.
 */
export function nameAuditTargets(services: {
  audit: AuditService;
  users: UsersService;
  org: OrgService;
  catalog: CatalogService;
}) {
  const { audit, users, org, catalog } = services;
  audit.nameTargets('user', async (ids) => {
    const names = new Map<string, string>();
    for (const id of ids) {
      const user = await users.get(lookupCtx, Number(id)).catch(() => undefined);
      if (user) names.set(id, `${user.displayName}（${user.username}）`);
    }
    return names;
  });
  audit.nameTargets('department', async (ids) => {
    const { byId } = await org.departmentDirectory();
    return new Map(ids.flatMap((id) => (byId.has(Number(id)) ? [[id, byId.get(Number(id))!.name]] : [])));
  });
  const resources = async (codes: string[]) => {
    const all = await catalog.listAll(lookupCtx, {});
    const byCode = new Map(all.map((r) => [r.code, r.name]));
    return new Map(codes.flatMap((code) => (byCode.has(code) ? [[code, byCode.get(code)!]] : [])));
  };
  audit.nameTargets('resource', resources);
  audit.nameTargets('download', resources);
}
