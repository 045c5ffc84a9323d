// Deterministic synthetic population files for benchmarks and tests (no real people).

import { once } from 'node:events';
import fs from 'node:fs';
import { idNumberCheck } from '../src/core/cn-codes.ts';

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国文博宇浩然子涵梓轩欣怡雨桐思远';
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

/** A small, fast deterministic generator (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const populationHeader =
  '公民身份号码,姓名,性别,出生日期,民族,住址,联系电话,所属街道,所属社区,婚姻状况,户号';

/** Writes N population rows (valid ID numbers, unique by sequence) as UTF-8 CSV. */
export async function writePopulationCsv(file: string, rows: number, seed = 1) {
  const rnd = random(seed);
  const out = fs.createWriteStream(file);
  out.write(`${populationHeader}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    // Row i gets birth date 1940-01-01 + (i / 1000) * 29 days and sequence i % 1000: every number is unique.
    const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(i / 1000) * 29 * 86_400_000);
    const id17 = `430112${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
    const id = id17 + idNumberCheck(id17);
    const name = surnames[Math.floor(rnd() * surnames.length)]! + given[Math.floor(rnd() * given.length)]!;
    const sd = subdistricts[Math.floor(rnd() * subdistricts.length)]!;
    const phone = `1${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
    chunk += `${id},${name},${Number(id[16]) % 2 ? '男' : '女'},${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)},汉族,望城区${sd}${1 + (i % 300)}号,${phone},${sd},${sd.slice(0, 2)}社区,${rnd() < 0.6 ? '已婚' : '未婚'},H${String(Math.floor(i / 3)).padStart(8, '0')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
