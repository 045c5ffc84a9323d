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

/**
 * Items whose value another item gives away (派生项): an ID number carries the birth date (its digits 7–14, the
 * very digits its mask hides), and with it the age, and the sex (digit 17); an address carries its house number.
 * Served unmasked beside a masked ID number, a birth date rebuilds the number, so each is masked with its source.
 */
export type DerivedKind = 'birth_date' | 'sex' | 'age' | 'house_number';

/** Every way a value is masked: by its own kind of personal data, or as derived from a masked item. */
export type MaskKind = Parameters<typeof maskValue>[1] | DerivedKind;

type ItemLike = { type: string; code: string; name: string };

/** The derived kind of an item, from its code and name (出生日期, 性别, 年龄, 门牌号); null for any other item. */
export function derivedKindOf(item: ItemLike): DerivedKind | null {
  if (/birth_?(date|day)|^dob$/i.test(item.code) || /出生日期|出生年月|生日/.test(item.name))
    return 'birth_date';
  if (/^(sex|gender)$/i.test(item.code) || item.name.includes('性别')) return 'sex';
  if (/^age$/i.test(item.code) || item.name.includes('年龄')) return 'age';
  if (/house_?(no|number)|door_?(no|number)/i.test(item.code) || item.name.includes('门牌'))
    return 'house_number';
  return null;
}

/**
 * Which items derive from which, among the items of one record or entity: derived item code → the code of the
 * item it derives from (birth date, sex and age from the ID number; the house number from the address). An item
 * whose source is not among the items derives from nothing.
 */
export function derivedFrom(items: readonly ItemLike[]): Map<string, string> {
  const idItem = items.find((i) => maskKindOf(i) === 'id_number');
  const addressItem = items.find((i) => maskKindOf(i) === 'address');
  const from = new Map<string, string>();
  for (const item of items) {
    const kind = derivedKindOf(item);
    const source = kind === 'house_number' ? addressItem : kind ? idItem : undefined;
    if (source && source.code !== item.code) from.set(item.code, source.code);
  }
  return from;
}

/**
 * The items of a record to mask and how: each item `masksItself` says (its own personal data the caller sees
 * masked), and each item derived from one of those. The one rule every read path applies.
 */
export function maskPlan<T extends ItemLike>(
  items: readonly T[],
  masksItself: (item: T) => boolean,
): Map<string, MaskKind> {
  const plan = new Map<string, MaskKind>();
  for (const item of items)
    if (masksItself(item)) plan.set(item.code, derivedKindOf(item) ?? maskKindOf(item));
  for (const [code, source] of derivedFrom(items))
    if (plan.has(source) && !plan.has(code)) {
      const item = items.find((i) => i.code === code)!;
      plan.set(code, derivedKindOf(item)!);
    }
  return plan;
}

/** 1990-01-01, 19900101 or 1990年1月1日 → 1990-**-**: the year tells people apart, the day stays hidden. */
export function maskBirthDate(value: string): string {
  const year = /^\s*(\d{4})/.exec(value);
  return year ? `${year[1]}-**-**` : '****-**-**';
}

/** 34 → 30-39: a ten-year band, so age and birth year together do not narrow the birth date. */
export function maskAge(value: string): string {
  const age = Number(value.trim());
  if (!/^\d{1,3}$/.test(value.trim()) || !Number.isInteger(age)) return '**';
  const band = Math.floor(age / 10) * 10;
  return `${band}-${band + 9}`;
}

/** Masks one value by a mask plan's kind (see maskPlan); an empty value stays empty. */
export function maskAs(value: string, kind: MaskKind): string {
  if (value === '') return value;
  switch (kind) {
    case 'birth_date':
      return maskBirthDate(value);
    case 'age':
      return maskAge(value);
    case 'sex':
      return '*';
    case 'house_number':
      return '**';
    default:
      return maskValue(value, kind);
  }
}

/** A record's values with a mask plan applied (null and missing values stay as they are). */
export function applyMaskPlan<V extends string | null | undefined>(
  plan: ReadonlyMap<string, MaskKind>,
  values: Record<string, V>,
): Record<string, V> {
  if (!plan.size) return values;
  const shown: Record<string, V> = {};
  for (const [code, value] of Object.entries(values)) {
    const kind = plan.get(code);
    shown[code] = (kind && typeof value === 'string' ? maskAs(value, kind) : value) as V;
  }
  return shown;
}
