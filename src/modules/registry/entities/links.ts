import type { Db } from '../../../core/db.ts';
import { maskName } from '../../../core/masking.ts';
import type { EntityLinks } from '../contract.ts';
import type { RegistryName } from '../feeds.ts';
import type { Visibility } from '../visibility.ts';
import { refOf } from './refs.ts';
import * as repo from './repository.ts';

/** Licenses held by a person (ID number) or an organization (credit code). */
async function licensesOf(db: Db, holderId: string) {
  const held = await repo.entitiesWithValue(db, 'license', 'holder_id', holderId);
  return held.map((l) => ({
    ref: refOf('license', l),
    key: l.key,
    typeName: l.values.type_name ?? null,
    status: l.values.status ?? null,
  }));
}

/**
 * The entities related to one: a person's companies (as legal representative) and licenses; a company's legal
 * representative and licenses; a license's holder. People's names are masked unless the answer is raw (the
 * caller saw this registry's personal items raw, which covers the names it links to).
 */
export async function linksOf(
  db: Db,
  shown: Visibility,
  registry: RegistryName,
  key: string,
  values: Record<string, string>,
): Promise<EntityLinks> {
  const personName = (name: string | undefined) =>
    name === undefined ? null : shown.raw ? name : maskName(name);
  if (registry === 'population') {
    const companies = await repo.entitiesWithValue(db, 'legal_person', 'legal_rep_id_number', key);
    return {
      companies: companies.map((c) => ({
        ref: refOf('legal_person', c),
        key: c.key,
        name: c.values.name ?? null,
        status: c.values.status ?? null,
        role: 'legal_rep' as const,
      })),
      licenses: await licensesOf(db, key),
    };
  }
  if (registry === 'legal_person') {
    const repId = values.legal_rep_id_number;
    const rep = repId ? await repo.findEntity(db, 'population', repId) : undefined;
    return {
      legalRep: rep ? { ref: refOf('population', rep), name: personName(rep.values.name) } : null,
      licenses: await licensesOf(db, key),
    };
  }
  if (registry === 'license') {
    const holderRegistry: RegistryName = values.holder_id_type === '001' ? 'legal_person' : 'population';
    const holder = values.holder_id ? await repo.findEntity(db, holderRegistry, values.holder_id) : undefined;
    if (!holder) return { holder: null };
    const name = holder.values.name;
    return {
      holder: {
        registry: holderRegistry,
        ref: refOf(holderRegistry, holder),
        name: holderRegistry === 'population' ? personName(name) : (name ?? null),
      },
    };
  }
  return {};
}
