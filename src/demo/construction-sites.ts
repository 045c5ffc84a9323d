/**
 * 住建局's construction sites (在建工地) as its smart-site platform (智慧工地) exports them: housing, resettlement
 * estates, roads, schools, factories and public works across the district, each built by one of the
 * district's construction companies (from 市场监管's entities, so the builder's credit code is a legal person
 * of the registry). Project codes take the form of construction permit numbers: division, permit date, serial.
 */
import { dateOfDay, dayNumber } from './days.ts';
import { type District, pointNear, type Subdistrict } from './places.ts';
import { type Random, weightedTable } from './random.ts';
import { placeName } from './schools.ts';

export type SiteStatus = '在建' | '停工' | '主体完工' | '竣工验收中';

/** A builder: a construction company of the district. */
export type Builder = { name: string; creditCode: string };

/** One construction site. */
export type ConstructionSite = {
  code: string;
  name: string;
  builder: Builder;
  address: string;
  subdistrict: string;
  startedOn: string;
  status: SiteStatus;
  lng: string;
  lat: string;
};

const statuses = weightedTable<SiteStatus>([
  ['在建', 72],
  ['主体完工', 12],
  ['竣工验收中', 9],
  ['停工', 7],
]);

const estates =
  '滨江府 湘江壹号 御景园 雅苑 翰林府 星城花园 悦府 江山樾 公馆 新城 学府 澜岸 云著 书香苑 春晓'.split(' ');
const brands = '金茂 碧桂 保利 恒达 中南 华润 湘江 宏泰 盛世 嘉和 旺城 鑫远'.split(' ');
const phases = ['一期', '二期', '三期'];
const factories = ['智能装备', '食品加工', '新材料', '电子信息', '生物医药', '物流仓储'];
const publicWorks = [
  '社区综合服务中心新建工程',
  '卫生院门诊楼改扩建工程',
  '污水处理厂提标改造工程',
  '农贸市场提质改造工程',
];

/** The kinds of project and how to name one in a subdistrict (a community picked in it given). */
const kinds = weightedTable<(random: Random, s: Subdistrict, place: string) => string>([
  [(r) => `${r.pick(brands)}·${r.pick(estates)}${r.pick(phases)}项目`, 30],
  [(r, s, place) => `${placeName(s.name)}${place}安置小区${r.pick(phases)}工程`, 12],
  [(r, s) => `${r.pick(s.roads)}提质改造工程`, 14],
  [(_, s) => `${placeName(s.name)}第二小学新建工程`, 4],
  [(_, __, place) => `${place}幼儿园新建工程`, 4],
  [(r, s) => `${placeName(s.name)}${r.pick(factories)}产业园标准厂房${r.pick(phases)}项目`, 14],
  [(r, s) => `${placeName(s.name)}${r.pick(publicWorks)}`, 12],
  [(_, s) => `${placeName(s.name)}段防洪堤加固工程`, 3],
  [(r, _s, place) => `${place}${r.pick(['美丽屋场', '农村公路', '村级活动中心'])}建设工程`, 7],
]);

/**
 * Generates `count` sites started before `asOf`, built by `builders` (one company may build several).
 * Names are unique: a name drawn again is drawn anew.
 */
export function generateConstructionSites(
  random: Random,
  district: District,
  builders: readonly Builder[],
  asOf: string,
  count: number,
): ConstructionSite[] {
  if (count > 0 && builders.length === 0)
    throw new Error('No construction company to build the sites: raise sizes.companies');
  const today = dayNumber(asOf);
  const names = new Set<string>();
  const permits = new Map<string, number>();
  const sites: ConstructionSite[] = [];
  for (let tries = 0; sites.length < count && tries < count * 20; tries++) {
    const s = district.pickSubdistrict(random);
    const community = random.pick(s.communities);
    const name = kinds.pick(random)(random, s, placeName(community.name));
    if (names.has(name)) continue;
    names.add(name);
    // Most sites opened within the last year or two; the permit came some weeks before.
    const started = today - 20 - Math.floor(Math.abs(random.normal()) * 300);
    const permitDate = dateOfDay(started - random.between(7, 60)).replaceAll('-', '');
    const serial = (permits.get(permitDate) ?? 0) + 1;
    permits.set(permitDate, serial);
    const [lng, lat] = pointNear(random, district, s.centre);
    const road = random.pick(s.roads);
    const other = random.pick(s.roads);
    sites.push({
      code: `430112${permitDate}${String(serial).padStart(2, '0')}01`,
      name,
      builder: random.pick(builders),
      address: community.village
        ? `长沙市望城区${s.name}${community.name}`
        : other === road
          ? `长沙市望城区${s.name}${road}${random.between(1, 599)}号`
          : `长沙市望城区${s.name}${road}与${other}交汇处`,
      subdistrict: s.name,
      startedOn: dateOfDay(started),
      status: statuses.pick(random),
      lng: lng.toFixed(6),
      lat: lat.toFixed(6),
    });
  }
  return sites;
}
