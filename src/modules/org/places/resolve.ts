/**
 * Point → place and address → point and place, on the in-memory index. An address is scanned left to right for
 * the longest known term at each position (subdistricts, communities, roads, landmarks, compounds); the most
 * precise consistent reading wins: a learned address, then a compound or landmark, a road (or the crossing of
 * two), a community, a subdistrict. Points of roads and compounds whose position is not known are seeded inside
 * their community's or subdistrict's area, so the same text always gives the same point.
 */
import { randomPointsInside } from './cells.ts';
import { insideArea, type LngLat, round6 } from './geometry.ts';
import { normalizeAddress } from './normalize.ts';
import {
  addressKey,
  cellAt,
  type GazetteerEntry,
  type IndexedCell,
  type PlaceIndex,
  type Term,
} from './place-index.ts';

/** Where a point lies: its subdistrict and community, and whether that comes from approximate cells. */
export type Located = {
  subdistrictCode: string;
  subdistrictName: string;
  communityCode: string | null;
  communityName: string | null;
  approximate: boolean;
};

/** How precisely an address was placed, most precise first. */
export const precisions = ['address', 'compound', 'road', 'community', 'subdistrict'] as const;
export type Precision = (typeof precisions)[number];

/** An address resolved: its point, subdistrict and community, how precise, and whether the point is derived. */
export type ResolvedAddress = Located & { lng: number; lat: number; precision: Precision };

/** The subdistrict and community of a point; null outside the district. */
export function locate(index: PlaceIndex, lng: number, lat: number): Located | null {
  const p: LngLat = [lng, lat];
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  const inUploaded = index.subdistricts.find((s) => !s.approximate && insideArea(p, s.area));
  if (!inUploaded && !insideArea(p, index.outline)) return null;
  const sub = inUploaded ?? cellAt(p, index.subdistricts);
  if (!sub) return null;
  return placeIn(index, sub, p, null);
}

/** The place of a point known to be in `sub`; `community` when the text named it. */
function placeIn(index: PlaceIndex, sub: IndexedCell, p: LngLat, community: IndexedCell | null): Located {
  const c = community ?? cellAt(p, index.communitiesOf.get(sub.code) ?? []) ?? null;
  return {
    subdistrictCode: sub.code,
    subdistrictName: sub.name,
    communityCode: c?.code ?? null,
    communityName: c?.name ?? null,
    approximate: sub.approximate || (!community && !!c?.approximate),
  };
}

/** The known terms of the text in order, longest match at each position. */
function scan(index: PlaceIndex, text: string): Term[][] {
  const found: Term[][] = [];
  for (let i = 0; i < text.length; ) {
    let matched = 0;
    for (let len = Math.min(index.longestTerm, text.length - i); len >= 2; len--) {
      const terms = index.terms.get(text.slice(i, i + len));
      if (terms) {
        found.push(terms);
        matched = len;
        break;
      }
    }
    i += matched || 1;
  }
  return found;
}

/** Resolves an address of the district to a point and place; null when it names no place of the district. */
export function resolveAddress(index: PlaceIndex, text: string): ResolvedAddress | null {
  const norm = normalizeAddress(text);
  if (!norm) return null;
  const terms = scan(index, norm);
  const pick = <T extends Term>(kind: T['kind'], ok: (t: T) => boolean) => {
    for (const group of terms) {
      const t = group.filter((x) => x.kind === kind) as T[];
      const hit = t.find(ok) ?? (t.length === 1 ? t[0] : undefined);
      if (hit) return hit;
    }
    return undefined;
  };
  const subTerm = pick<Extract<Term, { kind: 'subdistrict' }>>('subdistrict', () => true);
  let sub = subTerm ? index.byCode.get(subTerm.code) : undefined;
  const key = addressKey(index, norm);
  const known = key ? index.addresses.get(key) : undefined;
  const learned = known?.find((e) => !sub || e.subdistrictCode === sub.code);
  if (learned) return learnedAddress(index, learned);
  const parentOf = (code: string) => index.byCode.get(code)?.parentCode;
  const communityTerm = pick<Extract<Term, { kind: 'community' }>>(
    'community',
    (t) => !!sub && parentOf(t.code) === sub.code,
  );
  let community = communityTerm ? index.byCode.get(communityTerm.code) : undefined;
  if (community && sub && community.parentCode !== sub.code) community = undefined; // names that disagree
  if (community && !sub) sub = index.byCode.get(community.parentCode!);

  type Placed = Extract<Term, { kind: 'landmark' | 'compound' }>;
  const inSub = (code: string) => !sub || code === sub.code;
  const compound =
    pick<Placed>('compound', (t) => inSub(t.subdistrictCode)) ??
    pick<Placed>('landmark', (t) => inSub(t.subdistrictCode));
  const roads: Extract<Term, { kind: 'road' }>[] = [];
  for (const group of terms) {
    const r = group.filter((x) => x.kind === 'road') as Extract<Term, { kind: 'road' }>[];
    const hit = r.find((t) => inSub(t.subdistrictCode)) ?? (sub ? undefined : r[0]);
    if (hit && !roads.some((x) => x.name === hit.name)) roads.push(hit);
  }

  let precision: Precision;
  let point: LngLat;
  let surveyed = false;
  if (compound && inSub(compound.subdistrictCode)) {
    sub ??= index.byCode.get(compound.subdistrictCode);
    if (!community && compound.communityCode) community = index.byCode.get(compound.communityCode);
    precision = 'compound';
    surveyed = !!compound.point;
    point = compound.point ?? seededPoint(index, community ?? sub!, `place:${compound.name}`);
  } else if (roads.length > 0) {
    sub ??= index.byCode.get(roads[0]!.subdistrictCode);
    const area = community ?? sub!;
    const [a, b] = roads.map((r) => seededPoint(index, area, `road:${r.name}`));
    // Two roads named (…与…交叉口): halfway between their points, a stand-in for the crossing.
    const mid: LngLat | null = b ? [round6((a![0] + b[0]) / 2), round6((a![1] + b[1]) / 2)] : null;
    point = mid && insideArea(mid, area.area) ? mid : a!;
    precision = 'road';
  } else if (community) {
    point = community.centre;
    precision = 'community';
  } else if (sub) {
    point = sub.centre;
    precision = 'subdistrict';
  } else return null;
  if (!sub) return null;
  const place = placeIn(index, sub, point, community ?? null);
  return { ...place, lng: point[0], lat: point[1], precision, approximate: !surveyed };
}

/** A learned address's point and place (its own point when a source gave one). */
function learnedAddress(index: PlaceIndex, learned: GazetteerEntry): ResolvedAddress | null {
  const sub = index.byCode.get(learned.subdistrictCode);
  if (!sub) return null;
  const community = (learned.communityCode && index.byCode.get(learned.communityCode)) || null;
  const known = learned.lng !== null && learned.lat !== null;
  const point: LngLat = known
    ? [learned.lng!, learned.lat!]
    : seededPoint(index, community ?? sub, `address:${learned.key}`);
  const place = placeIn(index, sub, point, community);
  return { ...place, lng: point[0], lat: point[1], precision: 'address', approximate: !known };
}

/** Seeded points already worked out, per index (rejection sampling in a detailed cell costs tens of microseconds). */
const seededPoints = new WeakMap<PlaceIndex, Map<string, LngLat>>();

/** A deterministic point inside a division's area for a named thing whose position is unknown. */
function seededPoint(index: PlaceIndex, cell: IndexedCell, seed: string): LngLat {
  const key = `${cell.code}:${seed}`;
  let cache = seededPoints.get(index);
  if (!cache) {
    cache = new Map();
    seededPoints.set(index, cache);
  }
  const known = cache.get(key);
  if (known) return known;
  const [p] = randomPointsInside(cell.area, 1, key, cell.centre);
  const point: LngLat = [round6(p![0]), round6(p![1])];
  cache.set(key, point);
  return point;
}
