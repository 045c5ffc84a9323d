/**
 * The district's place resolver as a service: point → place, address → point and place, the learned gazetteer
 * and uploaded boundaries. The index lives in memory, built on first use and rebuilt after a learn or an
 * upload, so the case intake's call per request costs microseconds, not a query.
 */
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { DivisionRecord, Outline } from '../divisions-source.ts';
import * as orgRepo from '../repository.ts';
import { buildCells, type PlaceCell } from './cells.ts';
import type { BoundaryCollection, BoundaryUploadResult, LearnEntry } from './contract.ts';
import { parseBoundaries } from './geojson.ts';
import { type Area, bboxOf } from './geometry.ts';
import { compoundOf } from './learn.ts';
import { normalizeAddress, normalizeText, shortName } from './normalize.ts';
import { addressKey, buildPlaceIndex, type GazetteerEntry, type PlaceIndex } from './place-index.ts';
import * as repo from './repository.ts';
import { type Located, locate, type ResolvedAddress, resolveAddress } from './resolve.ts';
import { landmarksBySubdistrict, roadsBySubdistrict } from './roads.ts';

export type PlacesService = ReturnType<typeof createPlacesService>;

/** Places of the district: resolving, learning, boundaries. */
export function createPlacesService(deps: { db: Db; audit: AuditService; outline: () => Outline }) {
  const { db, audit } = deps;
  let divisions: DivisionRecord[] | undefined;
  let cells: PlaceCell[] | undefined;
  let index: PlaceIndex | undefined;
  let building: Promise<PlaceIndex> | undefined;

  async function build(): Promise<PlaceIndex> {
    divisions ??= (await orgRepo.findDivisions(db, {})) as DivisionRecord[];
    const outline: Area = [deps.outline().geometry.coordinates];
    if (!cells) {
      const real = new Map(
        (await repo.findBoundaries(db)).map((b) => [b.divisionCode, b.coordinates as Area]),
      );
      cells = buildCells(outline[0]![0]!, divisions, real);
    }
    const learned = await repo.findGazetteer(db);
    return buildPlaceIndex({
      outline,
      cells,
      roads: roadsBySubdistrict,
      landmarks: landmarksBySubdistrict,
      learned,
    });
  }

  /** The index, built once; concurrent first calls share one build. */
  async function current(): Promise<PlaceIndex> {
    if (index) return index;
    const mine = generation;
    building ??= build()
      .then((built) => {
        // A refresh started meanwhile has the newer word.
        if (mine === generation || !index) index = built;
        return index;
      })
      .finally(() => {
        building = undefined;
      });
    return building;
  }

  let generation = 0;
  /**
   * Rebuilds the index from the tables (the cells too after an upload) and swaps it in; callers meanwhile keep
   * reading the previous one, so a case intake never waits for a rebuild. The latest rebuild started wins.
   */
  async function refresh(what: 'gazetteer' | 'boundaries') {
    if (what === 'boundaries') cells = undefined;
    const mine = ++generation;
    const built = await build();
    if (mine === generation) index = built;
  }

  /** The subdistrict named by code, full or short name. */
  function subdistrictOf(idx: PlaceIndex, ref: string | null | undefined) {
    if (!ref) return undefined;
    const text = normalizeText(ref);
    return idx.subdistricts.find((s) => s.code === ref || s.name === text || shortName(s.name) === text);
  }

  return {
    /** The in-memory index for callers that resolve in a loop (see `resolveAddress` and `locate` in index.ts). */
    index: current,

    /** The subdistrict and community of a WGS-84 point; null outside the district. */
    async locate(lng: number, lat: number): Promise<Located | null> {
      return locate(await current(), lng, lat);
    },

    /** An address of the district resolved to a point, subdistrict and community; null when it is not one. */
    async resolveAddress(text: string): Promise<ResolvedAddress | null> {
      return resolveAddress(await current(), text);
    },

    /** Many addresses at once (each distinct text resolved once), for bulk work such as a registry merge. */
    async resolveAddresses(texts: Iterable<string>): Promise<Map<string, ResolvedAddress | null>> {
      const idx = await current();
      const out = new Map<string, ResolvedAddress | null>();
      for (const text of texts) if (!out.has(text)) out.set(text, resolveAddress(idx, text));
      return out;
    },

    /**
     * Learns addresses the registries know with their subdistrict (and community, and point): each address
     * (up to its house number) and the compound it names become gazetteer entries. Entries without a known
     * subdistrict of the district are skipped. Returns how many entries were stored.
     */
    async learn(entries: LearnEntry[], source: string | null = null): Promise<{ learned: number }> {
      const idx = await current();
      const rows = new Map<string, GazetteerEntry & { source: string | null }>();
      for (const e of entries) {
        const norm = normalizeAddress(e.address);
        const sub = subdistrictOf(idx, e.subdistrict);
        if (!norm || !sub) continue;
        const communityText = e.community ? normalizeText(e.community) : null;
        const community = (idx.communitiesOf.get(sub.code) ?? []).find(
          (c) => c.code === e.community || normalizeText(c.name) === communityText,
        );
        const point =
          typeof e.lng === 'number' && typeof e.lat === 'number' ? { lng: e.lng, lat: e.lat } : null;
        const base = {
          subdistrictCode: sub.code,
          communityCode: community?.code ?? null,
          source,
          lng: point?.lng ?? null,
          lat: point?.lat ?? null,
        };
        const key = addressKey(idx, norm);
        if (key) rows.set(`${sub.code}|${key}`, { kind: 'address', key, ...base });
        const compound = compoundOf(norm);
        if (compound && !rows.has(`${sub.code}|${compound}`))
          rows.set(`${sub.code}|${compound}`, { kind: 'compound', key: compound, ...base });
      }
      await repo.upsertGazetteer(db, [...rows.values()]);
      if (rows.size) await refresh('gazetteer');
      return { learned: rows.size };
    },

    /** Stores uploaded boundaries (admins); every feature is checked first and a bad file stores nothing. */
    async uploadBoundaries(ctx: Ctx, body: unknown): Promise<BoundaryUploadResult> {
      divisions ??= (await orgRepo.findDivisions(db, {})) as DivisionRecord[];
      const box = bboxOf([deps.outline().geometry.coordinates]);
      const { boundaries, errors } = parseBoundaries(body, divisions, box);
      if (errors.length)
        throw new InputError(
          'invalid_boundaries',
          `${errors.length} problem(s) in the boundary file`,
          errors,
          {
            count: errors.length,
          },
        );
      const codes = boundaries.map((b) => b.divisionCode);
      await db.transaction(async (tx) => {
        await repo.upsertBoundaries(
          tx,
          boundaries.map((b) => ({ divisionCode: b.divisionCode, level: b.level, coordinates: b.area })),
          ctx.actor?.username ?? null,
        );
        await audit.record(tx, ctx, {
          action: 'boundaries.upload',
          targetType: 'division',
          targetId: codes.length === 1 ? codes[0]! : `${codes.length}`,
          detail: { codes },
        });
      });
      await refresh('boundaries');
      const count = (level: string) => boundaries.filter((b) => b.level === level).length;
      return { subdistricts: count('subdistrict'), communities: count('community'), codes };
    },

    /** Removes uploaded boundaries (these codes, or a level's, or all): those divisions fall back to approximate cells. */
    async removeBoundaries(ctx: Ctx, filter: { level?: 'subdistrict' | 'community'; code?: string }) {
      const codes = filter.code
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const removed = await db.transaction(async (tx) => {
        const gone = await repo.deleteBoundaries(tx, { codes, level: filter.level });
        await audit.record(tx, ctx, {
          action: 'boundaries.remove',
          targetType: 'division',
          targetId: gone.length === 1 ? gone[0]! : `${gone.length}`,
          detail: { codes: gone },
        });
        return gone;
      });
      await refresh('boundaries');
      return { removed };
    },

    /** The boundaries of one level for maps, uploaded or approximate (each feature says which). */
    async boundaries(
      _ctx: Ctx,
      q: { level: 'subdistrict' | 'community'; parent?: string },
    ): Promise<BoundaryCollection> {
      const idx = await current();
      const list =
        q.level === 'subdistrict'
          ? idx.subdistricts
          : q.parent
            ? (idx.communitiesOf.get(q.parent) ?? [])
            : [...idx.communitiesOf.values()].flat();
      return {
        type: 'FeatureCollection',
        features: list.map((c) => ({
          type: 'Feature',
          properties: {
            code: c.code,
            name: c.name,
            level: c.level,
            parentCode: c.parentCode,
            approximate: c.approximate,
            centre: c.centre,
          },
          geometry: { type: 'MultiPolygon', coordinates: c.area },
        })),
      };
    },
  };
}
