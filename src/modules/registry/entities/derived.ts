import { idNumberBirthDate, upgradeIdNumber } from '../../../core/cn-codes.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { Birthplace, DerivedValues } from '../contract.ts';
import type { RegistryName } from '../feeds.ts';
import { divisionName } from './historical-divisions.ts';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The birth date an ID number carries (18 digits, or 15 of the 19xx century); null when it is not a real date. */
export function birthDateFromId(id: string): string | null {
  if (/^\d{15}$/.test(id)) return idNumberBirthDate(upgradeIdNumber(id));
  return /^\d{17}[\dX]$/i.test(id) ? idNumberBirthDate(id) : null;
}

/** Full years from a birth date (YYYY-MM-DD) to `today` (YYYY-MM-DD); null for a date that is not one or is later. */
export function ageOn(birthDate: string, today: string): number | null {
  const b = isoDate.exec(birthDate);
  const t = isoDate.exec(today);
  if (!b || !t) return null;
  const [, by, bm, bd] = b.map(Number) as [number, number, number, number];
  const [, ty, tm, td] = t.map(Number) as [number, number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

/** Where an ID number was issued: its first six digits, including codes withdrawn from use (430122 望城县). */
export function birthplaceOf(id: string): Birthplace | null {
  const code = id.slice(0, 6);
  return /^\d{6}$/.test(code) ? divisionName(code) : null;
}

/**
 * GB 32100-2015 credit codes: the first character is the registering authority, the second the kind of
 * organization it registers.
 */
const orgTypes: Record<string, string> = {
  '11': '机关',
  '12': '事业单位',
  '13': '中央编办直接管理机构编制的群众团体',
  '19': '其他（机构编制）',
  '21': '外国常驻新闻机构',
  '29': '其他（外交）',
  '31': '律师执业机构',
  '32': '公证处',
  '33': '基层法律服务所',
  '34': '司法鉴定机构',
  '35': '仲裁委员会',
  '39': '其他（司法行政）',
  '41': '外国在华文化中心',
  '49': '其他（文化）',
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '其他（民政）',
  '61': '外国旅游部门常驻代表机构',
  '62': '港澳台地区旅游部门常驻内地（大陆）代表机构',
  '69': '其他（旅游）',
  '71': '宗教活动场所',
  '72': '宗教院校',
  '79': '其他（宗教）',
  '81': '基层工会',
  '89': '其他（工会）',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
  A1: '军队事业单位',
  A9: '其他（军队）',
  N1: '组级集体经济组织',
  N2: '村级集体经济组织',
  N3: '乡镇级集体经济组织',
  N9: '其他（农业）',
  Y1: '其他',
};

/** The kind of organization a credit code's first two characters say (企业 for 91, 机关 for 11); null if unknown. */
export function orgTypeOf(creditCode: string): string | null {
  return orgTypes[creditCode.slice(0, 2).toUpperCase()] ?? null;
}

/**
 * Values worked out from an entity's key and values: a person's age (from the birth date, else the ID number,
 * on today's date in Asia/Shanghai) and birthplace; a legal person's kind of organization. Others: none.
 */
export function deriveValues(
  registry: RegistryName,
  key: string,
  values: Record<string, string>,
  today = todayInShanghai(),
): DerivedValues {
  if (registry === 'population') {
    const birthDate =
      values.birth_date && isoDate.test(values.birth_date) ? values.birth_date : birthDateFromId(key);
    return { age: birthDate ? ageOn(birthDate, today) : null, birthplace: birthplaceOf(key) };
  }
  if (registry === 'legal_person') return { orgType: orgTypeOf(key) };
  return {};
}
