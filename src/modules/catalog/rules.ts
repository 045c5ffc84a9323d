import { type FieldError, InputError } from '../../core/errors.ts';
import { classificationDigit, type ResourceInput } from './contract.ts';

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
    if (input.openType !== 'closed' && item.personal)
      add(`items.${i}.personal`, 'open_with_personal_item', { code: item.code });
  });
  input.keyItems.forEach((key, i) => {
    const item = input.items.find((it) => it.code === key);
    if (!item) add(`keyItems.${i}`, 'unknown_key_item', { code: key });
    else if (!item.required) add(`keyItems.${i}`, 'key_item_not_required', { code: key });
  });
  if (fields.length) throw new InputError('invalid_resource', 'The resource breaks catalog rules', fields);
}
