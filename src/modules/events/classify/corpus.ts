/**
 * The training corpus, built by the project from a seed (no network): appeal texts for every case category
 * in the ways they reach the center: a 12345 operator's written record, a caller's own words, a WeChat
 * message, a grid inspector's terse note. Places of Wangcheng, times, feelings and irrelevant filler surround
 * the category's own phrases (lexicon.ts), so the model learns that those are what matter.
 */
import { seedCategories } from '../categories/seed.ts';
import { lexicon } from './lexicon.ts';
import { createRandom, type Random } from './random.ts';
import { expand, type Macros } from './template.ts';

/** One labelled text. */
export type Sample = { text: string; category: string };

// Real road and subdistrict names of the district (as in src/demo/places.ts, which a module may not import),
// and compound names of the kind its communities have.
const roads = [
  '郭亮中路',
  '郭亮北路',
  '望府路',
  '高裕路',
  '旺旺中路',
  '雷锋北大道',
  '丁字湾路',
  '书堂山路',
  '丁书路',
  '大泽湖路',
  '腾飞路',
  '银杉路',
  '普瑞大道',
  '月亮岛路',
  '潇湘北路',
  '滨江路',
  '金星北路',
  '马桥河路',
  '银星路',
  '同心路',
  '金山桥路',
  '黄桥大道',
  '旺旺西路',
  '金桥路',
  '黄金园路',
  '普瑞西路',
  '黄金大道',
  '雷锋大道',
  '东马路',
  '乌山路',
  '铜官大道',
  '书堂路',
  '陶都路',
  '雷锋东路',
  '长望路',
  '嘉顺路',
  '白马路',
  '白马大道',
  '桥驿路',
  '茶亭路',
  '靖港路',
  '保健路',
  '乔口路',
  '白箬路',
  '人民路',
];
const subdistricts = [
  '高塘岭街道',
  '丁字湾街道',
  '大泽湖街道',
  '月亮岛街道',
  '白沙洲街道',
  '金山桥街道',
  '黄金园街道',
  '乌山街道',
  '铜官街道',
  '雷锋街道',
  '白马街道',
  '桥驿镇',
  '茶亭镇',
  '靖港镇',
  '乔口镇',
  '白箬铺镇',
];

/** Place and domain words for the segmenter, so that a road or a compound stays one word. */
export const placeWords = [...roads, ...subdistricts, '望城区', '望城', '长沙市'];

const macros: Macros = {
  road: roads,
  sub: subdistricts,
  n: ['{1|2|3|4|5|6|7|8|9}', '{1|2|3}{0|1|2|5|6|8}', '{1|2}{0|3|5}{0|6|8}'],
  cmty: [
    '{金|银|华|望|雷锋|月亮|湘|滨江|郭亮|丁字|书香|阳光|碧桂|万科|恒大|保利|中建|佳和|富丽|新城|和谐}{花园|小区|家园|苑|公馆|雅苑|华府|新村|安置小区|佳园|城}',
    '{$sub}{一|二|三|}{社区|村}',
    '{谷山|黄金|乌山|新康|光明|双河|团山|铜官|高塘|马桥河|茶亭|靖港}{社区|村|安置区}',
  ],
  mark: [
    '{菜市场|农贸市场|学校|小学|幼儿园|加油站|公交站|医院|卫生院|超市|垃圾站|垃圾回收站|派出所|工地|停车场|物业办公室|社保局|养老院|饭店|KTV|网吧|药店|银行|菜场|公厕|河堤|桥洞|地下通道|小区大门|社区服务中心|敬老院|健身房|酒店}',
  ],
  where: [
    '$road{$n号|$n号附近|与$road交叉口|路口|往北$n0米|中段|靠近$mark那段|}',
    '{$road|$cmty|$sub}$mark{旁边|附近|门口|对面|往东$n0米|后面}',
    '$sub$cmty{$n栋|$n栋$n单元|门口|附近|东门|后门|}',
    '$cmty{$n栋|$n栋$n单元|$n号楼|大门|南门|}',
    '望城区$sub{$cmty|$road}',
    '$cmty{对面|旁边|后面|附近}',
  ],
  time: [
    '{今天|昨天|前天|今早|今天早上|昨晚|昨天晚上|刚才|上午|下午|凌晨}',
    '{最近|这几天|近一个月|近期|这段时间|从上周开始|一直以来|长期|每天|每天晚上|最近半年}',
    '{$n月$n日|$n号}{上午|下午|晚上|}',
  ],
};

// Openers, asks, feelings and filler by the way the text reached the center.
const callOpeners = [
  '市民来电反映：',
  '市民来电反映，',
  '来电人反映：',
  '来电人称',
  '来电人反映其',
  '市民通过12345热线反映：',
  '市民反映：',
  '群众来电反映',
  '来电市民称，',
  '{张|李|王|刘|陈|杨|赵|黄|周|吴}{先生|女士|师傅|阿姨|大爷}来电反映：',
  '市民来电{投诉|咨询|求助|举报}：',
  '{12345|热线|政务服务便民热线}{转办|工单}：',
  '关于',
  '{咨询|投诉|举报|建议|求助}：',
  '来话人反映',
  '市民来信反映：',
  '{市民|群众|网友}{在|通过}{网上|微信公众号|市长信箱|小程序}{留言|反映}：',
  '',
];
const callAsks = [
  '请相关部门尽快处理。',
  '请相关部门核实处理。',
  '望相关部门尽快解决。',
  '希望有关部门尽快处理。',
  '请尽快处理并回复。',
  '来电人要求尽快解决。',
  '要求相关部门给予答复。',
  '请职能部门核实并处理。',
  '市民诉求：尽快处理。',
  '问题仍未得到解决，请处理。',
  '来电人对此不满。',
  '（信息保密，无需回复）',
  '市民信息需要保密，请相关部门核实处理。',
  '请核实处理并回复来电人。',
  '诉求：{解决|处理|整改|查处|维修|清理|取缔}。',
  '此前已反映过，未处理好。',
  '',
];
const talkOpeners = [
  '你好，',
  '您好，',
  '喂，',
  '我想反映个问题，',
  '我要投诉，',
  '请问一下，',
  '有没有人管管啊，',
  '我是$cmty的住户，',
  '你好我是住在$where的，',
  '打扰了，',
  '@网格员 ',
  '各位领导，',
  '',
];
const talkAsks = [
  '麻烦你们处理一下',
  '谢谢！',
  '能不能管管啊',
  '到底有没有人管？',
  '希望尽快解决，谢谢',
  '求求你们快点处理吧',
  '请帮忙解决一下',
  '这个事情到底谁管',
  '你们快来看看吧',
  '',
];
const feelings = [
  '太气人了！',
  '真的受不了了。',
  '已经反映过好几次了，一直没解决。',
  '大家意见都很大。',
  '我都打了三次电话了。',
  '这都什么事啊！',
  '请重视！！',
  '急！',
  '居民苦不堪言。',
  '实在没办法才打的电话。',
  '',
];
const filler = [
  '我是这里的老住户了。',
  '我家就住在附近。',
  '我每天上班都从这里过。',
  '之前打过一次电话。',
  '我这边有照片可以提供。',
  '麻烦你们了。',
  '我姓{张|李|王|刘|陈}，电话1{3|5|8}$n$n$n$n。',
  '具体位置在$where。',
  '不知道该找哪个部门。',
  '听邻居说也反映过。',
  '',
];
const gridOpeners = [
  '网格员巡查发现：',
  '网格员巡查：',
  '巡查发现，',
  '网格上报：',
  '今日巡查发现',
  '{网格员|网格长|巡查员}上报：',
  '【网格事件】',
  '日常巡查中发现',
  '',
];
const gridEnds = [
  '已拍照上报。',
  '已现场劝导。',
  '已告知相关责任人。',
  '请相关部门处置。',
  '已设置临时警示。',
  '建议职能部门处理。',
  '已拍照取证。',
  '需协调处理。',
  '',
];

type Style = 'call' | 'talk' | 'grid' | 'short';

/** One text of `category` in `style`. */
function compose(random: Random, category: string, style: Style): string {
  const words = lexicon[category];
  if (!words) throw new Error(`no lexicon for ${category}`);
  const say = () => expand(random.pick(words.say), random, macros);
  const more = () => expand(random.pick(words.more), random, macros);
  const x = (list: readonly string[]) => expand(random.pick(list), random, macros);
  const maybe = (p: number, part: () => string) => (random.chance(p) ? part() : '');
  const parts: string[] = [];
  if (style === 'short') {
    parts.push(
      maybe(0.3, () => x(macros.where!)),
      say(),
      maybe(0.3, more),
    );
    return parts.filter(Boolean).join(random.chance(0.5) ? '，' : ' ');
  }
  if (style === 'grid') {
    parts.push(
      x(gridOpeners),
      maybe(0.7, () => x(macros.where!)),
      say(),
    );
    if (random.chance(0.3)) parts.push(`，${more()}`);
    parts.push('，', x(gridEnds));
    return parts.join('');
  }
  const opener = style === 'call' ? x(callOpeners) : x(talkOpeners);
  const clauses = [maybe(0.5, () => x(macros.time!)) + maybe(0.6, () => x(macros.where!)) + say()];
  const details = random.below(3);
  for (let i = 0; i < details; i++) clauses.push(random.chance(0.75) ? more() : say());
  if (random.chance(0.3)) clauses.push(x(feelings));
  if (random.chance(0.25)) clauses.splice(random.below(clauses.length + 1), 0, x(filler));
  const ask = style === 'call' ? x(callAsks) : x(talkAsks);
  const sep = style === 'call' ? '，' : random.pick(['，', ' ', '，', '。', '…']);
  // A clause's own closing mark gives way to the separator ("…了。，" reads as nobody writes).
  const body = clauses
    .map((c) => c.replace(/[。！!？?，]+$/, ''))
    .filter(Boolean)
    .join(sep);
  return `${opener}${body}${ask ? (style === 'call' ? '，' : sep) + ask : ''}`;
}

/** `perCategory` texts for each seeded category, the same for the same seed. */
export function buildCorpus(seed = 12345, perCategory = 2000): Sample[] {
  const random = createRandom(seed);
  const styles: Style[] = ['call', 'call', 'talk', 'talk', 'grid', 'short'];
  const samples: Sample[] = [];
  const seen = new Set<string>();
  for (const { code } of seedCategories) {
    let made = 0;
    for (let tries = 0; made < perCategory && tries < perCategory * 5; tries++) {
      const text = compose(random, code, random.pick(styles));
      if (seen.has(text)) continue;
      seen.add(text);
      samples.push({ text, category: code });
      made++;
    }
  }
  return samples;
}

/** The corpus split for evaluation: every tenth text is held out of training. */
export function splitCorpus(samples: readonly Sample[]): { train: Sample[]; heldOut: Sample[] } {
  return {
    train: samples.filter((_, i) => i % 10 !== 0),
    heldOut: samples.filter((_, i) => i % 10 === 0),
  };
}
