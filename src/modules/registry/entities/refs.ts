import type { Db } from '../../../core/db.ts';
import type { RegistryName } from '../feeds.ts';
import * as repo from './repository.ts';

// An entity's `ref` names it in URLs and lists. A person's key is their ID number, which people without a grant
// see masked, so a person's ref is the entity's surrogate id (`registry.entities.id`), never the ID number in any
// encoding; turning it back into the key is a lookup on the server. The other registries' keys (credit codes,
// license identifiers, component codes) are not personal and are their own refs.

/** Whether a registry's refs are surrogate ids rather than keys. */
const bySurrogate = (registry: RegistryName) => registry === 'population';

/** A surrogate id as a ref: decimal digits, no leading zero, short enough to be exact in JavaScript. */
const surrogateRef = /^[1-9]\d{0,14}$/;

/** The ref of an entity, from its key and id (select `id::text` with the key). */
export function refOf(registry: RegistryName, entity: { key: string; id: string | number }): string {
  return bySurrogate(registry) ? String(entity.id) : entity.key;
}

/** The key a ref stands for; undefined when it is malformed or no entity of the registry has it. */
export async function keyOfRef(db: Db, registry: RegistryName, ref: string): Promise<string | undefined> {
  if (!bySurrogate(registry)) return ref;
  if (!surrogateRef.test(ref)) return undefined;
  return repo.keyOfId(db, registry, ref);
}

/** The refs of the entities with these keys (for rows kept elsewhere: conflicts, objections, quality samples). */
export async function refsOf(db: Db, registry: RegistryName, keys: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(keys)];
  if (!bySurrogate(registry)) return new Map(unique.map((k) => [k, k]));
  if (!unique.length) return new Map();
  const found = await repo.idsOfKeys(db, registry, unique);
  return new Map(found.map((e) => [e.key, refOf(registry, e)]));
}
