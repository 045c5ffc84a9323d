/** Masking of personal data (个人信息脱敏) as every OneCity view and API shows it without a grant. */

/** 张三 → 张*, 欧阳娜娜 → 欧阳**: the surname stays (two characters for a compound surname). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** 430112199001011234 → 430112********1234: the place of registration and the last four stay. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 13812341234 → 138****1234; a landline keeps its area code and last four. */
export function maskPhone(phone: string): string {
  const dash = phone.indexOf('-');
  if (dash > 0)
    return `${phone.slice(0, dash + 1)}${'*'.repeat(Math.max(phone.length - dash - 5, 0))}${phone.slice(-4)}`;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 望城区高塘岭街道雷锋大道18号3栋 → 望城区高塘岭街道雷锋大道**: the house number and what follows are hidden. */
export function maskAddress(address: string): string {
  const m = /\d|[一二三四五六七八九十百]+(号|栋|幢|单元|室|楼)/.exec(address);
  return m ? `${address.slice(0, m.index)}**` : address;
}

/** Masks one value by the kind of data it is; anything else personal is hidden whole. */
export function maskValue(value: string, kind: 'name' | 'id_number' | 'phone' | 'address' | 'other'): string {
  switch (kind) {
    case 'name':
      return maskName(value);
    case 'id_number':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'address':
      return maskAddress(value);
    default:
      return '***';
  }
}

/** The kind of personal data a data item holds, from its type, code and name (姓名, 住址 …), for maskValue. */
export function maskKindOf(item: {
  type: string;
  code: string;
  name: string;
}): Parameters<typeof maskValue>[1] {
  if (item.type === 'id_number') return 'id_number';
  if (item.type === 'phone') return 'phone';
  if (/name$/.test(item.code) || item.name.includes('姓名')) return 'name';
  if (/address/.test(item.code) || /地址|住址/.test(item.name)) return 'address';
  return 'other';
}
