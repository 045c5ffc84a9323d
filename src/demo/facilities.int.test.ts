import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../test/databases.ts';
import { systemCtx } from '../core/context.ts';
import { loadDemoFacilities } from './facilities.ts';
import { DEMO_SEED } from './generate.ts';
import { loadDistrict } from './places.ts';
import { createRandom } from './random.ts';
import { demoScales } from './scales.ts';
import { generateSchools, placeName } from './schools.ts';

describe.each(databaseKinds)("the demo's schools, shelters and hospitals on %s", (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const demo = { seed: DEMO_SEED, sizes: demoScales.small };
  beforeAll(async () => {
    p = await startTestPlatform(kind);
  });
  afterAll(() => p?.close());

  it('places every school in its own subdistrict, three shelters and a clinic in each, and loads them once', async () => {
    const first = await loadDemoFacilities(p.modules, demo);
    const district = await loadDistrict();
    const subdistricts = district.subdistricts.length;
    const schools = generateSchools(createRandom(DEMO_SEED, 'schools'), district, demo.sizes.schools);
    expect(first).toEqual({
      created: schools.length + 3 * subdistricts + 2 + subdistricts,
      updated: 0,
      unchanged: 0,
    });

    const all = await p.modules.ioc.facilities.list(systemCtx('test'));
    const codeOf = new Map(district.subdistricts.map((s) => [s.name, s.code]));
    const byName = new Map(all.map((f) => [f.name, f]));
    for (const school of schools)
      expect(byName.get(school.name), school.name).toMatchObject({
        kind: 'school',
        subdistrictCode: codeOf.get(school.subdistrict),
        capacity: school.students,
      });
    for (const s of district.subdistricts) {
      const shelters = all.filter((f) => f.kind === 'shelter' && f.subdistrictCode === s.code);
      expect(shelters.map((f) => f.name).sort(), s.name).toEqual(
        [
          `${placeName(s.name)}中心公园应急避难场所`,
          `${placeName(s.name)}文化广场应急避难场所`,
          `${s.name}中心小学操场应急避难场所`,
        ].sort(),
      );
      for (const shelter of shelters) expect(shelter.capacity).toBeGreaterThan(0);
    }
    const hospitals = all.filter((f) => f.kind === 'hospital').map((f) => f.name);
    expect(hospitals).toEqual(
      expect.arrayContaining(['长沙市望城区人民医院', '长沙市望城区中医医院', '靖港镇卫生院']),
    );

    // The same seed gives the same places: loading again changes nothing.
    expect(await loadDemoFacilities(p.modules, demo)).toEqual({
      created: 0,
      updated: 0,
      unchanged: first.created,
    });
  });
});
