/**
 * The district's schools as 教育局's 学校名录 lists them: the numbered senior high schools, a central primary
 * school, kindergarten and junior high school in every subdistrict and town, and the village and community
 * schools and private kindergartens around them. Names follow the district's usage (望城区第一中学,
 * 高塘岭街道中心小学, 双桥小学); 学校标识码 are 10 digits in the demo's own layout (2, the division 430112, a serial).
 */
import type { Community, District, Subdistrict } from './places.ts';
import { type Random, weightedTable } from './random.ts';

export type SchoolLevel = '幼儿园' | '小学' | '初中' | '高中' | '九年一贯制' | '完全中学';

/** One school. */
export type School = {
  code: string;
  name: string;
  level: SchoolLevel;
  /** 办学性质: public or private. */
  ownership: '公办' | '民办';
  address: string;
  subdistrict: string;
  students: number;
};

// The district's numbered secondary schools and where they stand.
const numbered: readonly (readonly [string, SchoolLevel, string])[] = [
  ['望城区第一中学', '高中', '高塘岭街道'],
  ['望城区第二中学', '完全中学', '靖港镇'],
  ['望城区第三中学', '完全中学', '铜官街道'],
  ['望城区第五中学', '高中', '月亮岛街道'],
  ['望城区第六中学', '完全中学', '雷锋街道'],
];

// The kinds of the schools beyond each subdistrict's own three.
const otherLevels = weightedTable<SchoolLevel>([
  ['幼儿园', 50],
  ['小学', 35],
  ['九年一贯制', 8],
  ['初中', 7],
]);

// Private kindergartens' names.
const kindergartenNames = (
  '金色摇篮 小天鹅 蓝天 阳光宝贝 启航 童之梦 七色花 小太阳 博才 爱弥尔 星星 育才 贝乐 红黄蓝 小哈佛 ' +
  '童心 蒙特梭利 新蕾 春苗 格林 彩虹 小橄榄 未来星 小精灵 金太阳 明德 好孩子 快乐岛 百灵鸟 东方之星'
).split(' ');

// Enrolment by kind: [smallest, largest] of a village or community school; central ones are larger.
const enrolment: Record<SchoolLevel, readonly [number, number]> = {
  幼儿园: [60, 360],
  小学: [150, 1800],
  初中: [300, 1500],
  九年一贯制: [600, 2400],
  高中: [1800, 3600],
  完全中学: [1500, 3200],
};

/** `高塘岭街道` → `高塘岭`, `双桥村` → `双桥`: the place name as a school's name uses it. */
export function placeName(name: string): string {
  return name.replace(/(街道|镇|社区|村)$/, '');
}

/** Generates `count` schools (at least every subdistrict's own three and the numbered ones). */
export function generateSchools(random: Random, district: District, count: number): School[] {
  const schools: School[] = [];
  const names = new Set<string>();
  const byName = new Map(district.subdistricts.map((s) => [s.name, s]));

  /** An address in the community the school is named after, or in any of the subdistrict's. */
  function address(s: Subdistrict, community = random.pick(s.communities)): string {
    return community.village
      ? `长沙市望城区${s.name}${community.name}${random.between(1, 16)}组`
      : `长沙市望城区${s.name}${random.pick(s.roads)}${random.between(1, 399)}号`;
  }
  function add(
    name: string,
    level: SchoolLevel,
    s: Subdistrict,
    central: boolean,
    ownership: School['ownership'] = '公办',
    community?: Community,
  ) {
    names.add(name);
    const [least, most] = enrolment[level];
    // Central schools draw from the whole subdistrict: the upper half of the range.
    const low = central ? Math.round((least + most) / 2) : least;
    schools.push({
      code: `2430112${String(schools.length + 1).padStart(3, '0')}`,
      name,
      level,
      ownership,
      address: address(s, community),
      subdistrict: s.name,
      students: random.between(low, most),
    });
  }

  for (const [name, level, where] of numbered) {
    const s = byName.get(where);
    if (s) add(name, level, s, true);
  }
  for (const s of district.subdistricts) {
    add(`${s.name}中心小学`, '小学', s, true);
    add(`${s.name}中心幼儿园`, '幼儿园', s, true);
    add(`${placeName(s.name)}中学`, '初中', s, true);
  }
  // Bounded: when the names run out (a count far beyond the district's), fewer schools are made.
  for (let tries = 0; schools.length < count && tries < count * 20; tries++) {
    const s = district.pickSubdistrict(random);
    const community = random.pick(s.communities);
    const place = placeName(community.name);
    const level = otherLevels.pick(random);
    const privateKindergarten = level === '幼儿园' && random.chance(0.6);
    const name = privateKindergarten
      ? `望城区${random.pick(kindergartenNames)}幼儿园`
      : level === '小学'
        ? `${place}小学`
        : level === '初中'
          ? `${place}中学`
          : level === '九年一贯制'
            ? `望城区${place}实验学校`
            : `${place}幼儿园`;
    // A second school of a name already taken is "…第二…" only for public schools; private names are picked again.
    const unique = names.has(name)
      ? privateKindergarten
        ? null
        : name.replace(/(小学|中学|学校|幼儿园)$/, '第二$1')
      : name;
    if (unique === null || names.has(unique)) continue;
    add(
      unique,
      level,
      s,
      false,
      privateKindergarten || (level === '九年一贯制' && random.chance(0.3)) ? '民办' : '公办',
      privateKindergarten ? undefined : community,
    );
  }
  return schools;
}
