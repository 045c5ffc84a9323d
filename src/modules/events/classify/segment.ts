/**
 * Word segmentation of appeal texts with jieba (the dictionary that ships with @node-rs/jieba), plus the
 * district's place names and the words of city management that the general dictionary splits wrongly.
 * One segmenter per process, made on first use: loading the dictionary takes a few hundred milliseconds.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { placeWords } from './corpus.ts';

// Words of the trade that should stay whole ("窨井盖", not "窨/井盖"; "占道经营", not "占道/经营").
const domainWords = [
  '窨井盖',
  '井盖',
  '雨水篦子',
  '占道经营',
  '出店经营',
  '流动摊贩',
  '违章搭建',
  '违法建设',
  '牛皮癣',
  '小广告',
  '夜间施工',
  '渣土车',
  '泥头车',
  '打桩机',
  '违停',
  '僵尸车',
  '消防通道',
  '飞线充电',
  '液化气罐',
  '煤气罐',
  '社保卡',
  '医保卡',
  '异地就医',
  '低保',
  '特困供养',
  '高龄津贴',
  '欠薪',
  '讨薪',
  '拖欠工资',
  '物业费',
  '业委会',
  '返水',
  '内涝',
  '停水',
  '电信诈骗',
  '杀猪盘',
  '刷单',
  '广场舞',
];

let jieba: Jieba | undefined;

/** The shared segmenter (created on first call). */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    const extra = [...placeWords, ...domainWords].map((w) => `${w} 2000 n`).join('\n');
    jieba.loadDict(Buffer.from(`${extra}\n`));
  }
  return jieba;
}

/**
 * The words of `text` in jieba's search mode: long words and also their dictionary parts ("窨井盖" gives
 * "井盖" too), so that a caller's shorter or longer wording still meets the corpus's.
 */
export function segment(text: string): string[] {
  return segmenter().cutForSearch(text, true);
}
