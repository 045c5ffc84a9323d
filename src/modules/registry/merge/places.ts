/**
 * Subdistricts from addresses: registry entities whose sources give an address but no subdistrict (every legal
 * person of 市场监管's register) get the one the org module's place resolver reads in the address, so they are
 * counted and filtered by subdistrict like the rest. Sources that give both teach the resolver's gazetteer.
 *
 * The resolver's index is taken before a merge's transaction and its lessons stored after it: on PGlite the
 * transaction holds the only connection, so nothing may query the org tables inside it.
 */
import { type OrgService, resolveAddress } from '../../org/index.ts';

/** A place the source gave with an address, to teach the gazetteer. */
export type KnownPlace = { address: string; subdistrict: string; community: string | null };

/** What one merge uses of the resolver, all in memory: lookups, and lessons kept for after the transaction. */
export type MergePlaces = {
  /** The subdistrict name of each address the resolver places (absent where it cannot). */
  subdistrictsOf(addresses: Iterable<string>): Map<string, string>;
  /** Lessons for the gazetteer, stored once the merge has committed. */
  learned: KnownPlace[];
};

/** The resolver as the registry uses it. */
export type RegistryPlaces = {
  /** Takes the resolver's current index for one merge (call outside the transaction). */
  prepare(): Promise<MergePlaces>;
  /** Stores what a merge learned (call after the transaction). */
  learn(places: MergePlaces, source: string): Promise<unknown>;
};

/** Registries whose known addresses teach the gazetteer: legal persons' addresses are public, people's are not. */
export const teachingRegistries = new Set(['legal_person']);

/** True when the registry has both an address and a subdistrict to fill from it. */
export function fillsSubdistrict(registryItems: string[]): boolean {
  return registryItems.includes('address') && registryItems.includes('subdistrict');
}

/** The org module's resolver as the merge uses it. */
export function registryPlacesOf(org: Pick<OrgService, 'places'>): RegistryPlaces {
  return {
    async prepare() {
      const index = await org.places.index();
      return {
        learned: [],
        subdistrictsOf(addresses) {
          const out = new Map<string, string>();
          for (const address of addresses) {
            if (out.has(address)) continue;
            const place = resolveAddress(index, address);
            if (place) out.set(address, place.subdistrictName);
          }
          return out;
        },
      };
    },
    async learn(places, source) {
      if (places.learned.length) await org.places.learn(places.learned, source);
    },
  };
}
