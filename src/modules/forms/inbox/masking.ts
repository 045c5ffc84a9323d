import { type MaskKind, maskAs, maskIdNumber, maskName } from '../../../core/masking.ts';
import type { Binding, FieldType, FormAudience } from '../fields.ts';

// How a submission shows to someone who is not its addressee (the center's staff, and every list): personal
// answers masked by the core policy, as the registries' items are.

/** How each bound registry item is masked; items of a company that are public (its name, code …) are not. */
const bindingMasks: Partial<Record<Binding, MaskKind>> = {
  'person.name': 'name',
  'person.id_number': 'id_number',
  'person.sex': 'sex',
  'person.birth_date': 'birth_date',
  'person.ethnicity': 'other',
  'person.address': 'address',
  'person.phone': 'phone',
  'person.household_id': 'other',
  'person.marital_status': 'other',
  'company.legal_rep_name': 'name',
  'company.legal_rep_id_number': 'id_number',
};

/** How free answers are masked by their type: anything a person wrote or picked about themselves is hidden. */
const typeMasks: Partial<Record<FieldType, MaskKind>> = {
  text: 'other',
  textarea: 'other',
  date: 'birth_date',
  phone: 'phone',
  id_number: 'id_number',
};

/** How an answer to a field is masked, or null when it is shown as it is (numbers, choices, a company's codes). */
export function answerMask(field: { binding?: Binding | null; type: FieldType | null }): MaskKind | null {
  if (field.binding) return bindingMasks[field.binding] ?? null;
  if (!field.type) return 'other';
  return typeMasks[field.type] ?? null;
}

/** An answer as shown masked. */
export function maskAnswer(
  field: { binding?: Binding | null; type: FieldType | null },
  value: string,
): string {
  const kind = answerMask(field);
  return kind ? maskAs(value, kind) : value;
}

/** A submission's subject as shown masked: a person's name and ID number; a company's are public. */
export function maskSubject(kind: FormAudience, name: string, key: string) {
  return kind === 'person' ? { name: maskName(name), key: maskIdNumber(key) } : { name, key };
}
