/**
 * The map's layers, each read from its module's service and kept in the cache under its own key, so that a change
 * of alarms reads alarms again and not 800,000 people. The subdistricts' figures join the registries' counts (kept
 * until a merge) with the live ones (devices, alarms, open cases).
 */
import type { Ctx } from '../../../core/context.ts';
import type { Division } from '../../org/contract.ts';
import type { MapLayerName, ScreenMap } from '../contract.ts';
import type { createFacilityService } from '../facilities/service.ts';
import type { IocSources } from '../ports.ts';
import type { FigureCache } from './cache.ts';
import { figureKeys as keys } from './topics.ts';

type Layers = { [L in MapLayerName]: () => Promise<ScreenMap[L]> };

/** An attribute as a number (set in the console it is a number, sent by a device it may be text), else null. */
function numberOr(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** How each layer is read (through the cache); `district` is the context that sees the whole district. */
export function mapLayers(deps: {
  sources: IocSources;
  facilities: ReturnType<typeof createFacilityService>;
  cache: FigureCache;
  district: Ctx;
  divisions: () => Promise<Division[]>;
}): Layers {
  const { sources, cache, district } = deps;
  const { iot, events, registry } = sources;

  /** People and legal persons per subdistrict code (the registries name subdistricts, the map codes them). */
  const registryCounts = () =>
    cache.get(keys.subdistrictsRegistry, async () => {
      const [subdistricts, people, legalPersons] = await Promise.all([
        deps.divisions(),
        registry.service.countsBySubdistrict('population'),
        registry.service.countsBySubdistrict('legal_person'),
      ]);
      const codeOf = new Map(subdistricts.map((s) => [s.name, s.code]));
      const counts = new Map<string, { people: number; legalPersons: number }>();
      const add = (
        rows: { subdistrict: string | null; count: number }[],
        field: 'people' | 'legalPersons',
      ) => {
        for (const row of rows) {
          const code =
            row.subdistrict === null ? undefined : (codeOf.get(row.subdistrict) ?? row.subdistrict);
          if (!code) continue;
          const known = counts.get(code) ?? { people: 0, legalPersons: 0 };
          known[field] += row.count;
          counts.set(code, known);
        }
      };
      add(people, 'people');
      add(legalPersons, 'legalPersons');
      return counts;
    });

  const liveCounts = () =>
    cache.get(keys.subdistrictsLive, async () => {
      const [devices, cases] = await Promise.all([
        iot.devices.bySubdistrict(district),
        events.stats.openFigures(district),
      ]);
      return {
        devices: new Map(devices.map((d) => [d.subdistrictCode, d])),
        cases: new Map(cases.bySubdistrict.map((c) => [c.subdistrictCode, c.open])),
      };
    });

  return {
    async subdistricts() {
      const [subdistricts, registries, live] = await Promise.all([
        deps.divisions(),
        registryCounts(),
        liveCounts(),
      ]);
      return subdistricts.map((s) => ({
        code: s.code,
        name: s.name,
        people: registries.get(s.code)?.people ?? 0,
        legalPersons: registries.get(s.code)?.legalPersons ?? 0,
        devices: live.devices.get(s.code)?.devices ?? 0,
        openCases: live.cases.get(s.code) ?? 0,
        activeAlarms: live.devices.get(s.code)?.activeAlarms ?? 0,
      }));
    },

    devices: () =>
      cache.get(keys.devices, async () => {
        const { items } = await iot.devices.map(district, {});
        return items
          .filter((d) => d.status !== 'retired')
          .map((d) => ({
            code: d.code,
            name: d.name,
            profile: d.profileCode,
            status: d.status,
            lng: d.lng,
            lat: d.lat,
          }));
      }),

    alarms: () =>
      cache.get(keys.alarms, async () =>
        (await iot.alarms.activeOnMap(district)).map((a) => ({
          id: a.id,
          deviceCode: a.deviceCode,
          deviceName: a.deviceName,
          severity: a.severity,
          startedAt: a.startedAt.toISOString(),
          lng: a.lng,
          lat: a.lat,
        })),
      ),

    cases: () =>
      cache.get(keys.cases, async () => {
        const map = await events.stats.openMap(district);
        return { points: map.points, heat: map.heat };
      }),

    constructionSites: () =>
      cache.get(keys.constructionSites, async () =>
        (await iot.devices.latestOfProfile(district, 'dust', ['pm10'])).map((d) => ({
          code: d.code,
          name: d.name,
          status: d.status,
          pm10: d.values.pm10 ?? null,
          lng: d.lng,
          lat: d.lat,
        })),
      ),

    waterStations: () =>
      cache.get(keys.waterStations, async () =>
        (await iot.devices.latestOfProfile(district, 'water_level', ['level'])).map((d) => ({
          code: d.code,
          name: d.name,
          status: d.status,
          level: d.values.level ?? null,
          warningLevel: numberOr(d.attributes.warning_level),
          lng: d.lng,
          lat: d.lat,
        })),
      ),

    facilities: () =>
      cache.get(keys.facilities, async () =>
        (await deps.facilities.list(district)).map((f) => ({
          id: f.id,
          kind: f.kind,
          name: f.name,
          capacity: f.capacity,
          lng: f.lng,
          lat: f.lat,
        })),
      ),
  };
}
