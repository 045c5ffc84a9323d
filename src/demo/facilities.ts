/**
 * The places the operations screen shows near an incident (src/modules/ioc facilities): the district's schools (the
 * same list as 教育局's 学校名录, each at a point of its subdistrict), its emergency shelters (应急避难场所: a park, a
 * square and the central primary school's playground in every subdistrict and town, with the people each holds),
 * and its hospitals (区人民医院, 中医医院, each town's 卫生院 and each subdistrict's 社区卫生服务中心, with beds).
 * Same seed, same places.
 */
import { systemCtx } from '../core/context.ts';
import type { FacilityInput } from '../modules/ioc/index.ts';
import { locate } from '../modules/org/index.ts';
import type { Modules } from '../server/modules.ts';
import type { GeneratedDemo } from './generate.ts';
import { type District, loadDistrict, pointNear, type Subdistrict } from './places.ts';
import { createRandom, type Random } from './random.ts';
import { generateSchools, placeName } from './schools.ts';

/** The subdistrict code of a point (as the org module places it), or null outside the district. */
export type PlaceOf = (lng: number, lat: number) => string | null;

// The open spaces of each subdistrict that serve as shelters, and how many hundred people each holds.
const openSpaces = [
  ['中心公园', 30, 150],
  ['文化广场', 10, 60],
] as const;

// The district's own hospitals and where they stand.
const districtHospitals = [
  { name: '长沙市望城区人民医院', where: '高塘岭街道', beds: 1200 },
  { name: '长沙市望城区中医医院', where: '高塘岭街道', beds: 600 },
] as const;

/** Plans the demo's facilities; `placeOf` keeps each one inside its own subdistrict. */
export function planDemoFacilities(args: {
  seed: number;
  district: District;
  /** How many schools 教育局's file lists (the demo's `sizes.schools`). */
  schools: number;
  placeOf: PlaceOf;
}): FacilityInput[] {
  const { district, placeOf } = args;
  const random = createRandom(args.seed, 'facilities');
  const byName = new Map(district.subdistricts.map((s) => [s.name, s]));

  /** A point near the subdistrict's centre that lies in the subdistrict (its centre after 30 misses). */
  const pointIn = (s: Subdistrict): [number, number] => {
    for (let tries = 0; tries < 30; tries++) {
      const p = pointNear(random, district, s.centre);
      if (placeOf(p[0], p[1]) === s.code) return p;
    }
    return s.centre;
  };
  const street = (r: Random, s: Subdistrict) =>
    `长沙市望城区${s.name}${r.pick(s.roads)}${r.between(1, 399)}号`;
  const facilities: FacilityInput[] = [];
  const add = (f: Omit<FacilityInput, 'lng' | 'lat'>, [lng, lat]: [number, number]) =>
    facilities.push({ ...f, lng: round6(lng), lat: round6(lat) });

  const schoolPoints = new Map<string, [number, number]>();
  for (const school of generateSchools(createRandom(args.seed, 'schools'), district, args.schools)) {
    const s = byName.get(school.subdistrict);
    if (!s) continue;
    const point = pointIn(s);
    schoolPoints.set(school.name, point);
    add({ kind: 'school', name: school.name, address: school.address, capacity: school.students }, point);
  }

  for (const s of district.subdistricts) {
    const place = placeName(s.name);
    for (const [what, least, most] of openSpaces)
      add(
        {
          kind: 'shelter',
          name: `${place}${what}应急避难场所`,
          address: street(random, s),
          capacity: random.between(least, most) * 100,
        },
        pointIn(s),
      );
    // The playground of the subdistrict's central primary school (every subdistrict has one, see schools.ts).
    const school = `${s.name}中心小学`;
    add(
      {
        kind: 'shelter',
        name: `${school}操场应急避难场所`,
        address: null,
        capacity: random.between(8, 30) * 100,
      },
      schoolPoints.get(school) ?? pointIn(s),
    );
  }

  for (const h of districtHospitals) {
    const s = byName.get(h.where) ?? district.subdistricts[0]!;
    add({ kind: 'hospital', name: h.name, address: street(random, s), capacity: h.beds }, pointIn(s));
  }
  for (const s of district.subdistricts) {
    const town = s.name.endsWith('镇');
    add(
      {
        kind: 'hospital',
        name: town ? `${s.name}卫生院` : `${s.name}社区卫生服务中心`,
        address: street(random, s),
        capacity: town ? random.between(30, 120) : random.between(10, 40),
      },
      pointIn(s),
    );
  }
  return facilities;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Adds the demo's facilities, or updates those that differ (loading again changes nothing). */
export async function loadDemoFacilities(modules: Modules, generated: Pick<GeneratedDemo, 'seed' | 'sizes'>) {
  const [district, index] = await Promise.all([loadDistrict(), modules.org.service.places.index()]);
  const facilities = planDemoFacilities({
    seed: generated.seed,
    district,
    schools: generated.sizes.schools,
    placeOf: (lng, lat) => locate(index, lng, lat)?.subdistrictCode ?? null,
  });
  return modules.ioc.facilities.upsertMany(systemCtx('demo'), facilities);
}
