import { type SQL, sql } from 'drizzle-orm';
import { maskName } from '../../../core/masking.ts';
import type { EntityLinks } from '../contract.ts';
import { refOf } from './refs.ts';
import type { RegistryName } from '../feeds.ts';
import type { Visibility } from '../visibility.ts';

type Rows = <T>(query: SQL) => Promise<T[]>;
/** An entity as links need it: `id` (as text) makes a person's ref. */
type Found = { id: string; key: string; values: Record<string, string> };

/** The columns of a Found, on registry.entities. */
const foundColumns = sql`id::text as id, key, values`;

/** Licenses held by a person (ID number) or an organization (credit code). */
async function licensesOf(rows: Rows, holderId: string) {
  const held = await rows<Found>(sql`
    select ${foundColumns} from registry.entities
    where registry = 'license' and values ->> 'holder_id' = ${holderId} order by key`);
  return held.map((l) => ({
    ref: refOf('license', l),
    key: l.key,
    typeName: l.values.type_name ?? null,
    status: l.values.status ?? null,
  }));
}

/** One entity of a registry by key, or undefined. */
async function entityOf(rows: Rows, registry: RegistryName, key: string) {
  const [entity] = await rows<Found>(
    sql`select ${foundColumns} from registry.entities where registry = ${registry} and key = ${key}`,
  );
  return entity;
}

/**
 * The entities related to one: a person's companies (as legal representative) and licenses; a company's legal
 * representative and licenses; a license's holder. People's names are masked unless the answer is raw (the
 * caller saw this registry's personal items raw, which covers the names it links to).
 */
export async function linksOf(
  rows: Rows,
  shown: Visibility,
  registry: RegistryName,
  key: string,
  values: Record<string, string>,
): Promise<EntityLinks> {
  const personName = (name: string | undefined) =>
    name === undefined ? null : shown.raw ? name : maskName(name);
  if (registry === 'population') {
    const companies = await rows<Found>(sql`
      select ${foundColumns} from registry.entities
      where registry = 'legal_person' and values ->> 'legal_rep_id_number' = ${key} order by key`);
    return {
      companies: companies.map((c) => ({
        ref: refOf('legal_person', c),
        key: c.key,
        name: c.values.name ?? null,
        status: c.values.status ?? null,
        role: 'legal_rep' as const,
      })),
      licenses: await licensesOf(rows, key),
    };
  }
  if (registry === 'legal_person') {
    const repId = values.legal_rep_id_number;
    const rep = repId ? await entityOf(rows, 'population', repId) : undefined;
    return {
      legalRep: rep ? { ref: refOf('population', rep), name: personName(rep.values.name) } : null,
      licenses: await licensesOf(rows, key),
    };
  }
  if (registry === 'license') {
    const holderRegistry: RegistryName = values.holder_id_type === '001' ? 'legal_person' : 'population';
    const holder = values.holder_id ? await entityOf(rows, holderRegistry, values.holder_id) : undefined;
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
