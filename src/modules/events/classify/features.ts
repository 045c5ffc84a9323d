/**
 * The features of a text for the classifier: its words (jieba, search mode) and the character bigrams of
 * its Chinese runs. Bigrams carry what segmentation misses: a typo ("井概"), a word the dictionary lacks, a
 * compound split differently. Each feature counts once; the vector is scaled to unit length so long and short
 * texts weigh alike.
 */
import { segment } from './segment.ts';

// Function words and the appeal's boilerplate, which every category shares.
const stopWords = new Set(
  (
    '的 了 是 在 我 我们 你 你们 他 她 它 他们 也 都 就 还 又 和 与 及 或 把 被 让 给 对 这 那 这个 那个 有 没 ' +
    '一 个 啊 吧 呢 吗 呀 哦 嗯 么 着 过 很 太 好 请 望 麻烦 谢谢 您好 你好 喂 市民 来电 反映 来电人 称 相关 部门 ' +
    '尽快 处理 核实 希望 要求 问题 情况 一下 现在 已经 目前 今天 昨天 晚上 上午 下午 每天 附近 门口 旁边 望城 望城区'
  ).split(' '),
);

const cjk = /[\u3400-\u9fff]/;
const wordLike = /[\u3400-\u9fffA-Za-z]/;

/** The distinct features of `text` (words prefixed `w:`, bigrams `b:`). */
export function featuresOf(text: string): string[] {
  const out = new Set<string>();
  for (const raw of segment(text)) {
    const word = raw.trim().toLowerCase();
    if (!word || !wordLike.test(word) || stopWords.has(word)) continue;
    out.add(`w:${word}`);
  }
  // Bigrams inside runs of Chinese characters (punctuation and digits break a run).
  let previous = '';
  for (const ch of text) {
    if (cjk.test(ch)) {
      if (previous) out.add(`b:${previous}${ch}`);
      previous = ch;
    } else previous = '';
  }
  return [...out];
}
