/**
 * The demo district's market entities (市场主体) as 市场监管 registers them: enterprises, individual businesses
 * and farmers' cooperatives, with GB 32100 credit codes issued in Wangcheng (registration authority 9 =
 * market regulation, division 430112) and legal representatives who are people of the district.
 */
import { CREDIT_CHARS, creditCodeCheck, organizationCodeCheck } from '../core/cn-codes.ts';
import type { District } from './places.ts';
import { type Random, weightedTable } from './random.ts';

export type CompanyStatus = '存续' | '在业' | '吊销' | '注销' | '迁出';

/** One market entity. `capital` is in 万元. */
export type Company = {
  creditCode: string;
  name: string;
  kind: '有限责任公司' | '股份有限公司' | '个体工商户' | '农民专业合作社';
  legalRepName: string;
  legalRepId: string;
  establishedOn: string;
  capital: string;
  status: CompanyStatus;
  address: string;
  subdistrict: string;
  industry: string;
};

/** A legal representative: a person of the district. */
export type Representative = { name: string; id: string };

// Industry sections of GB/T 4754 with the words enterprise names use for them.
const industries = weightedTable<readonly [string, readonly string[]]>([
  [['农、林、牧、渔业', ['农业科技', '生态农业', '水产养殖', '苗木花卉']], 8],
  [['制造业', ['食品', '机械制造', '电子科技', '新材料', '包装材料', '建材', '服饰']], 14],
  [['建筑业', ['建筑工程', '建设工程', '装饰工程', '园林工程']], 12],
  [['批发和零售业', ['商贸', '贸易', '医药', '农资']], 22],
  [['交通运输、仓储和邮政业', ['物流', '运输', '仓储']], 6],
  [['住宿和餐饮业', ['餐饮管理', '酒店管理', '农庄']], 8],
  [['信息传输、软件和信息技术服务业', ['信息技术', '网络科技', '软件']], 6],
  [['房地产业', ['房地产开发', '物业管理', '置业']], 4],
  [['租赁和商务服务业', ['企业管理咨询', '广告传媒', '人力资源']], 8],
  [['科学研究和技术服务业', ['检测技术', '工程设计', '生物科技']], 4],
  [['居民服务、修理和其他服务业', ['家政服务', '汽车服务', '美容美发']], 5],
  [['文化、体育和娱乐业', ['文化传媒', '体育发展', '旅游开发']], 3],
]);

// Shops of individual businesses (个体工商户), with their industry.
const shops: readonly (readonly [string, string])[] = [
  ['五金店', '批发和零售业'],
  ['便利店', '批发和零售业'],
  ['副食店', '批发和零售业'],
  ['农资店', '批发和零售业'],
  ['服装店', '批发和零售业'],
  ['水果店', '批发和零售业'],
  ['餐馆', '住宿和餐饮业'],
  ['快餐店', '住宿和餐饮业'],
  ['米粉店', '住宿和餐饮业'],
  ['理发店', '居民服务、修理和其他服务业'],
  ['汽车修理店', '居民服务、修理和其他服务业'],
  ['家电维修部', '居民服务、修理和其他服务业'],
];

const cooperatives = ['蔬菜种植', '水稻种植', '生猪养殖', '水产养殖', '葡萄种植', '茶叶'];

// 字号: the distinctive part of a name, two of these characters.
const tradeChars = '鑫盛华兴恒泰源达宏瑞嘉和顺丰凯新茂鸿祥富安康宇辉金长远德隆信昌永裕佳汇联诚天明科星湘望麓';

const kinds = weightedTable<Company['kind']>([
  ['有限责任公司', 70],
  ['股份有限公司', 2],
  ['个体工商户', 24],
  ['农民专业合作社', 4],
]);
const statuses = weightedTable<CompanyStatus>([
  ['存续', 62],
  ['在业', 20],
  ['吊销', 5],
  ['注销', 10],
  ['迁出', 3],
]);
const capitals = {
  company: weightedTable<number>([
    [3, 4],
    [10, 10],
    [30, 8],
    [50, 12],
    [100, 16],
    [200, 10],
    [300, 7],
    [500, 10],
    [1000, 8],
    [2000, 3],
    [5000, 2],
    [10000, 1],
  ]),
  individual: weightedTable<number>([
    [1, 3],
    [2, 3],
    [3, 3],
    [5, 4],
    [10, 3],
    [20, 1],
    [50, 1],
  ]),
  cooperative: weightedTable<number>([
    [10, 2],
    [50, 3],
    [100, 3],
    [200, 2],
    [500, 1],
  ]),
};

/** Creates the generator; `asOf` (YYYY-MM-DD) is the demo's today. */
export function createCompanyGenerator(random: Random, district: District, asOf: string) {
  const asOfYear = Number(asOf.slice(0, 4));
  const used = new Set<string>();

  /** A credit code issued in the district: 9, the entity type, 430112, an organization code, the check. */
  function creditCode(kind: Company['kind'], year: number): string {
    const type = kind === '个体工商户' ? '2' : kind === '农民专业合作社' ? '3' : '1';
    for (;;) {
      // Since 2015 market regulation assigns MA-prefixed organization codes; older ones were numeric.
      let body = year >= 2015 ? 'MA4' : String(random.between(1, 7));
      while (body.length < 8)
        body += year >= 2015 ? CREDIT_CHARS[random.below(CREDIT_CHARS.length)] : String(random.below(10));
      const first17 = `9${type}430112${body}${organizationCodeCheck(body)}`;
      const code = first17 + creditCodeCheck(first17);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  }

  function tradeName(): string {
    const a = tradeChars[random.below(tradeChars.length)]!;
    let b = tradeChars[random.below(tradeChars.length)]!;
    while (b === a) b = tradeChars[random.below(tradeChars.length)]!;
    return a + b;
  }

  return {
    /** The next entity, represented by `rep`. */
    next(rep: Representative): Company {
      const kind = kinds.pick(random);
      // Most entities are young: registrations grew fast after the 2014 reform.
      const year = Math.max(1993, asOfYear - Math.floor(Math.abs(random.normal()) * 9));
      const day = new Date(Date.UTC(year, 0, 1) + random.below(365) * 86_400_000).toISOString().slice(0, 10);
      const establishedOn = day > asOf ? asOf : day;
      const subdistrict = district.pickSubdistrict(random);
      const community = random.pick(subdistrict.communities);
      const address = community.village
        ? `长沙市望城区${subdistrict.name}${community.name}${random.between(1, 16)}组`
        : `长沙市望城区${subdistrict.name}${random.pick(subdistrict.roads)}${random.between(1, 599)}号`;
      let name: string;
      let industry: string;
      let capital: number;
      if (kind === '个体工商户') {
        const [shop, shopIndustry] = random.pick(shops);
        name = `望城区${random.chance(0.5) ? `${rep.name[0]}记` : tradeName()}${shop}`;
        industry = shopIndustry;
        capital = capitals.individual.pick(random);
      } else if (kind === '农民专业合作社') {
        name = `长沙市望城区${community.name.replace(/(社区|村)$/, '')}${random.pick(cooperatives)}专业合作社`;
        industry = '农、林、牧、渔业';
        capital = capitals.cooperative.pick(random);
      } else {
        const [section, words] = industries.pick(random);
        const region = random.pick(['长沙', '长沙', '湖南', '长沙市望城区']);
        const suffix = kind === '股份有限公司' ? '股份有限公司' : '有限公司';
        name = `${region}${tradeName()}${random.pick(words)}${suffix}`;
        industry = section;
        capital = capitals.company.pick(random);
      }
      return {
        creditCode: creditCode(kind, year),
        name,
        kind,
        legalRepName: rep.name,
        legalRepId: rep.id,
        establishedOn,
        capital: String(capital),
        status: statuses.pick(random),
        address,
        subdistrict: subdistrict.name,
        industry,
      };
    },
  };
}
