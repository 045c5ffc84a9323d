/**
 * Character lists for the demo district's names. Surnames follow their rough frequency in Hunan (刘, 李, 陈, 王
 * lead; 彭, 罗, 唐, 谭, 曾 are commoner there than nationally). Given names are built from a first and a second
 * character typical of the person's generation and sex, since 建国 and 梓涵 belong to different decades. Every
 * character is in GBK, because 公安's file is written in it.
 */
import { type Random, weightedTable } from './random.ts';

const surnames = weightedTable<string>([
  ['刘', 75],
  ['李', 70],
  ['陈', 60],
  ['王', 55],
  ['张', 50],
  ['周', 40],
  ['黄', 38],
  ['杨', 36],
  ['彭', 30],
  ['罗', 30],
  ['唐', 28],
  ['谭', 25],
  ['胡', 23],
  ['邓', 22],
  ['曾', 21],
  ['易', 15],
  ['肖', 15],
  ['吴', 15],
  ['何', 14],
  ['袁', 12],
  ['谢', 12],
  ['龙', 10],
  ['朱', 10],
  ['廖', 10],
  ['邹', 9],
  ['蒋', 9],
  ['姚', 8],
  ['贺', 8],
  ['戴', 7],
  ['汤', 7],
  ['文', 6],
  ['毛', 6],
  ['许', 6],
  ['郭', 6],
  ['熊', 6],
  ['蔡', 6],
  ['高', 6],
  ['欧阳', 5],
  ['夏', 5],
  ['钟', 5],
  ['卢', 5],
  ['江', 5],
  ['赵', 5],
  ['范', 4],
  ['孙', 4],
  ['徐', 4],
  ['雷', 4],
  ['颜', 4],
  ['黎', 4],
  ['伍', 4],
  ['喻', 3],
  ['聂', 3],
  ['段', 3],
  ['秦', 3],
  ['陶', 3],
  ['向', 3],
  ['田', 3],
  ['石', 3],
  ['符', 2],
  ['左', 2],
]);

type Era = 'before1960' | 'before1980' | 'before2000' | 'since2000';

/** First and second characters of given names by generation and sex. */
const givenChars: Record<Era, Record<'男' | '女', [string, string]>> = {
  before1960: {
    男: ['国建志德玉春长福新桂金正光庆树振炳有', '华民林生明才山成发清荣田胜贵富松兴安'],
    女: ['秀桂玉淑凤春冬翠金素美月菊兰爱', '英兰珍芳华梅娥莲凤香云贞秀娟花'],
  },
  before1980: {
    男: ['建国志卫红伟小海文立永新爱向跃光学', '军华平明强刚伟东林辉斌勇峰波涛杰忠'],
    女: ['红丽小晓海春秀雪艳玉美桂素彩燕', '梅英霞琴芳萍华红燕玲娟丽艳敏莉'],
  },
  before2000: {
    男: ['俊志海家鹏晓文嘉子振旭宏浩明勇伟建', '杰鹏辉超磊涛斌峰强亮宇龙飞凯勇林'],
    女: ['婷晓丽雅静佳思慧倩欣梦玉雪文美', '婷丽娟敏静琳洁颖雯倩芳丹霞艳璐'],
  },
  since2000: {
    男: ['梓子浩宇俊睿一家博思皓铭天泽明嘉', '轩涵然宇豪杰睿泽铭凯航辰瑞阳博'],
    女: ['梓欣子雨诗思可若语一梦佳紫雅依', '涵怡萱琪彤琳悦然菲晴妍馨璐瑶琪'],
  },
};

function eraOf(year: number): Era {
  if (year < 1960) return 'before1960';
  if (year < 1980) return 'before1980';
  if (year < 2000) return 'before2000';
  return 'since2000';
}

/** A surname, picked by its frequency. */
export function pickSurname(random: Random): string {
  return surnames.pick(random);
}

/** A given name for someone of this sex born in this year: usually two characters, sometimes one. */
export function pickGivenName(random: Random, sex: '男' | '女', birthYear: number): string {
  const [first, second] = givenChars[eraOf(birthYear)][sex];
  const single = random.chance(birthYear < 1980 ? 0.18 : 0.08);
  const last = second[random.below(second.length)]!;
  return single ? last : first[random.below(first.length)]! + last;
}

/** Every character a generated name can hold (for the GBK check in the tests). */
export const nameCharacters = [
  ...surnames.values,
  ...Object.values(givenChars).flatMap((bySex) => Object.values(bySex).flat()),
].join('');
