/**
 * The in-memory place index: every division's area (uploaded or approximate), and the gazetteer's terms
 * (division names in full and short forms, roads, landmarks, compounds and learned addresses). Built once from
 * the org tables and rebuilt after an upload or a learn; `locate` and `resolveAddress` then need no database
 * and take microseconds.
 */
import type { PlaceCell } from './cells.ts';
import { type Area, bboxOf, distance2, insideArea, type LngLat } from './geometry.ts';
import { addressCore, normalizeText, shortName } from './normalize.ts';

/** A learned gazetteer entry: a compound or an address with its subdistrict, community and, if known, point. */
export type GazetteerEntry = {
  kind: 'address' | 'compound';
  /**
   * The normalized text: for an address its key (`addressKey`: up to the house number, without division names),
   * for a compound its name.
   */
  key: string;
  subdistrictCode: string;
  communityCode: string | null;
  lng: number | null;
  lat: number | null;
};

/** A term the address scanner recognizes. */
export type Term =
  | { kind: 'subdistrict'; code: string }
  | { kind: 'community'; code: string }
  | { kind: 'road'; name: string; subdistrictCode: string }
  | {
      kind: 'landmark' | 'compound';
      name: string;
      subdistrictCode: string;
      communityCode: string | null;
      point: LngLat | null;
    };

/** A division's place with its bounding box, for fast rejection in point-in-polygon. */
export type IndexedCell = PlaceCell & { box: [number, number, number, number] };

/** Everything the resolver reads. */
export type PlaceIndex = {
  outline: Area;
  subdistricts: IndexedCell[];
  byCode: Map<string, IndexedCell>;
  communitiesOf: Map<string, IndexedCell[]>;
  terms: Map<string, Term[]>;
  longestTerm: number;
  /** Learned addresses by key; one key may be known in several subdistricts (雷锋大道1号). */
  addresses: Map<string, GazetteerEntry[]>;
};

/** Builds the index from the cells, the road and landmark lists (by subdistrict name) and the learned entries. */
export function buildPlaceIndex(input: {
  outline: Area;
  cells: PlaceCell[];
  roads: Record<string, string[]>;
  landmarks: Record<string, string[]>;
  learned: GazetteerEntry[];
}): PlaceIndex {
  const indexed = input.cells.map((c) => ({ ...c, box: bboxOf(c.area) }));
  const byCode = new Map(indexed.map((c) => [c.code, c]));
  const subdistricts = indexed.filter((c) => c.level === 'subdistrict');
  const communitiesOf = new Map<string, IndexedCell[]>();
  for (const c of indexed)
    if (c.level === 'community' && c.parentCode) {
      const list = communitiesOf.get(c.parentCode) ?? [];
      list.push(c);
      communitiesOf.set(c.parentCode, list);
    }

  const terms = new Map<string, Term[]>();
  const add = (text: string | null, term: Term) => {
    if (!text || text.length < 2) return;
    const list = terms.get(text) ?? [];
    list.push(term);
    terms.set(text, list);
  };
  const subByName = new Map(subdistricts.map((s) => [s.name, s]));
  for (const s of subdistricts) {
    add(s.name, { kind: 'subdistrict', code: s.code });
    add(shortName(s.name), { kind: 'subdistrict', code: s.code });
  }
  for (const c of indexed)
    if (c.level === 'community') {
      // 西塘街社区居委会 → 西塘街社区; a bare 郭亮 is not a term (郭亮中路 is a road).
      add(normalizeText(c.name), { kind: 'community', code: c.code });
    }
  for (const [name, roads] of Object.entries(input.roads)) {
    const s = subByName.get(name);
    if (s) for (const road of roads) add(road, { kind: 'road', name: road, subdistrictCode: s.code });
  }
  for (const [name, landmarks] of Object.entries(input.landmarks)) {
    const s = subByName.get(name);
    if (s)
      for (const l of landmarks)
        add(l, { kind: 'landmark', name: l, subdistrictCode: s.code, communityCode: null, point: null });
  }
  const addresses = new Map<string, GazetteerEntry[]>();
  for (const e of input.learned) {
    if (e.kind === 'address') addresses.set(e.key, [...(addresses.get(e.key) ?? []), e]);
    else
      add(e.key, {
        kind: 'compound',
        name: e.key,
        subdistrictCode: e.subdistrictCode,
        communityCode: e.communityCode,
        point: e.lng !== null && e.lat !== null ? [e.lng, e.lat] : null,
      });
  }
  let longestTerm = 2;
  for (const text of terms.keys()) longestTerm = Math.max(longestTerm, text.length);
  return { outline: input.outline, subdistricts, byCode, communitiesOf, terms, longestTerm, addresses };
}

/** True when the point is inside the cell (bounding box first). */
export function inCell(p: LngLat, c: IndexedCell): boolean {
  const [x0, y0, x1, y1] = c.box;
  return p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1 && insideArea(p, c.area);
}

/**
 * The cell a point falls in among `cells`: an uploaded boundary containing it first, then an approximate cell
 * containing it, then the nearest centre (a point on a cell's edge, or between uploaded boundaries).
 */
export function cellAt(p: LngLat, cells: IndexedCell[]): IndexedCell | undefined {
  const real = cells.find((c) => !c.approximate && inCell(p, c));
  if (real) return real;
  const approximate = cells.find((c) => c.approximate && inCell(p, c));
  if (approximate) return approximate;
  let best: IndexedCell | undefined;
  let bestD = Infinity;
  for (const c of cells) {
    const d = distance2(p, c.centre);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

/**
 * The key of a normalized address in the learned gazetteer: up to its house number, without the subdistrict and
 * community names (望城区高塘岭街道望府路8号201室 and 望府路8号 are one address). Null when what is left names
 * no place of its own (a bare 5组).
 */
export function addressKey(index: PlaceIndex, normalized: string): string | null {
  let out = '';
  const text = addressCore(normalized);
  for (let i = 0; i < text.length; ) {
    let skip = 0;
    for (let len = Math.min(index.longestTerm, text.length - i); len >= 2 && !skip; len--) {
      const terms = index.terms.get(text.slice(i, i + len));
      if (
        terms?.some(
          (t) =>
            t.kind === 'community' ||
            (t.kind === 'subdistrict' && /(街道|镇|乡)$/.test(text.slice(i, i + len))),
        )
      )
        skip = len;
      else if (terms) break; // a road or compound starts here: keep it whole
    }
    if (skip) i += skip;
    else out += text[i++];
  }
  return (out.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2 ? out : null;
}
