/**
 * Address text made comparable: full-width characters folded (NFKC: ３ → 3), spacing and punctuation dropped,
 * committee names reduced to the place (郭亮社区居委会 → 郭亮社区, 胜利村委会 → 胜利村), and the region prefix
 * (湖南省长沙市望城区) removed. An address naming another province, city or Changsha district is foreign.
 */

const provinces = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
];
const provinceSuffix = /^(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)/;
/** Changsha's other districts and counties: an address in one of them is not ours. */
const otherChangshaDistricts = [
  '芙蓉区',
  '天心区',
  '岳麓区',
  '开福区',
  '雨花区',
  '长沙县',
  '浏阳市',
  '宁乡市',
  '宁乡县',
];
/** Our own prefixes, longest first. */
const ownPrefixes = ['湘江新区', '望城经开区', '望城区', '望城县', '望城'];

/** Folds width, drops spacing and punctuation, and names committees by their place. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s,，。.、;；:：'"“”‘’()（）[\]【】<>《》]/g, '')
    .replace(/社区居民委员会|社区居委会/g, '社区')
    .replace(/村民委员会|村委会/g, '村')
    .replace(/居民委员会|居委会/g, '社区')
    .replace(/街道办事处/g, '街道')
    .replace(/^中华人民共和国|^中国/, '');
}

/**
 * The address without its region prefix, or null when the prefix names somewhere else (another province, city,
 * or another of Changsha's districts).
 */
export function stripRegion(text: string): string | null {
  let rest = text;
  for (let changed = true; changed && rest; ) {
    changed = false;
    const province = provinces.find((p) => rest.startsWith(p));
    if (province) {
      const after = rest.slice(province.length);
      const suffix = provinceSuffix.exec(after)?.[0] ?? '';
      // 北京市, 湖北省: another province (or municipality) named. 湖南 is ours, with or without 省; a bare
      // 北京 may be a road's or a shop's name (北京路), so it stays.
      if (province === '湖南' || suffix) {
        if (province !== '湖南') return null;
        rest = after.slice(suffix.length);
        changed = true;
        continue;
      }
    }
    if (rest.startsWith('长沙')) {
      rest = rest.slice(rest.startsWith('长沙市') ? 3 : 2);
      changed = true;
      continue;
    }
    if (otherChangshaDistricts.some((d) => rest.startsWith(d))) return null;
    const own = ownPrefixes.find((p) => rest.startsWith(p));
    if (own) {
      rest = rest.slice(own.length);
      changed = true;
      continue;
    }
    // Another prefecture-level city (株洲市, 岳阳市...): two or three characters then 市, not 市场.
    const city = /^[\u4e00-\u9fff]{2,3}市(?!场)/.exec(rest);
    if (city && !rest.startsWith('市')) return null;
  }
  return rest;
}

/** The region-free, normalized form of an address; null when empty or foreign. */
export function normalizeAddress(text: string): string | null {
  const rest = stripRegion(normalizeText(text));
  return rest ? rest : null;
}

/** The address up to its house number (郭亮中路123号3栋2单元 → 郭亮中路123号): what two records of one place share. */
export function addressCore(normalized: string): string {
  const m = /^(.*?\d+(-\d+)?号)/.exec(normalized);
  return m ? m[1]! : normalized;
}

/** A division's short form: 高塘岭街道 → 高塘岭, 乔口镇 → 乔口; null when too short to be safe. */
export function shortName(name: string): string | null {
  const short = name.replace(/(街道|镇|乡)$/, '');
  return short !== name && short.length >= 2 ? short : null;
}
