import { type FieldError, InputError } from '../../core/errors.ts';
import { classificationDigit, type DataItem, type ResourceInput } from './contract.ts';

// Item types that only ever hold a person's data: an ID number, a phone number.
const personalTypes: ReadonlySet<string> = new Set(['id_number', 'phone']);
// Labels that name a person's name (姓名), home address (住址, 户籍地址, 居住地址) or ID number kept as text
// (身份证). Names and addresses have no type of their own, and the code alone cannot tell: `name` is a school's
// name (名称) and `address` a building site's address (地址) in open resources, so the label decides.
const personalLabel = /姓名|住址|户籍地址|居住地址|身份证/;

/** True when an item holds personal data by its kind (type or label), whatever its `personal` flag says. */
export function isPersonalByKind(item: Pick<DataItem, 'type' | 'name'>): boolean {
  return personalTypes.has(item.type) || personalLabel.test(item.name);
}

/** True when an item is personal: flagged so, or personal by its kind. */
export function isPersonalItem(item: Pick<DataItem, 'type' | 'name' | 'personal'>): boolean {
  return !!item.personal || isPersonalByKind(item);
}

/**
 * The resource with every item of a personal kind flagged personal. The catalog sets the flag rather than
 * refusing a false one, so existing clients, workbooks and drafts that left it out keep saving (and an open
 * resource with such an item is then refused by the open_with_personal_item rule, naming the item).
 */
export function withPersonalFlags<T extends { items: DataItem[] }>(input: T): T {
  return { ...input, items: input.items.map((i) => (isPersonalByKind(i) ? { ...i, personal: true } : i)) };
}

/**
 * The catalog's rules beyond field formats (编制指南): conditions and bases that must be given,
 * keys that must exist, and open data that cannot carry personal items.
 */
export function checkResourceRules(input: ResourceInput) {
  const fields: FieldError[] = [];
  const add = (field: string, reason: string, params?: Record<string, unknown>) =>
    fields.push({ field, reason, params });

  if (input.classCode[0] !== classificationDigit[input.classification]) {
    add('classCode', 'class_code_mismatch', { digit: classificationDigit[input.classification] });
  }
  if (input.shareType === 'conditional' && !input.shareCondition)
    add('shareCondition', 'share_condition_required');
  if (input.shareType === 'none' && !input.shareBasis) add('shareBasis', 'share_basis_required');
  if (input.openType === 'conditional' && !input.openCondition)
    add('openCondition', 'open_condition_required');
  if (input.openType !== 'closed' && input.shareType === 'none') add('openType', 'open_but_not_shared');

  const codes = new Set<string>();
  input.items.forEach((item, i) => {
    if (codes.has(item.code)) add(`items.${i}.code`, 'duplicate_item_code', { code: item.code });
    codes.add(item.code);
    if (item.type === 'enum' && !item.validator?.enum?.length)
      add(`items.${i}.validator.enum`, 'enum_values_required');
    if (item.validator?.pattern) {
      try {
        new RegExp(item.validator.pattern);
      } catch {
        add(`items.${i}.validator.pattern`, 'invalid_pattern');
      }
    }
    if (input.openType !== 'closed' && isPersonalItem(item))
      add(`items.${i}.personal`, 'open_with_personal_item', { code: item.code });
  });
  input.keyItems.forEach((key, i) => {
    const item = input.items.find((it) => it.code === key);
    if (!item) add(`keyItems.${i}`, 'unknown_key_item', { code: key });
    else if (!item.required) add(`keyItems.${i}`, 'key_item_not_required', { code: key });
  });
  if (fields.length) throw new InputError('invalid_resource', 'The resource breaks catalog rules', fields);
}
