import { lookupCtx } from '../../core/context.ts';
import type { CatalogService } from '../catalog/index.ts';
import { feeds, type RegistryName } from './feeds.ts';

/** The resources that feed a registry (feeds.ts), by alias, in their listed order. */
export const feedingAliases = (registry: RegistryName) =>
  Object.entries(feeds)
    .filter(([, target]) => target === registry)
    .map(([alias]) => alias);

/** Name and provider department of each source resource (by alias); a source no longer catalogued has none. */
export async function sourcesInfo(catalog: CatalogService, aliases: string[]) {
  const info = new Map<string, { name: string; department: string | null }>();
  for (const alias of new Set(aliases)) {
    const resource = await catalog.get(lookupCtx, alias).catch(() => null);
    if (resource) info.set(alias, { name: resource.name, department: resource.providerDepartmentName });
  }
  return info;
}
