import type { FieldError } from '../../../core/errors.ts';
import type { FormAudience, FormField } from '../fields.ts';

// The rules of a form definition that name the field they concern, as pure functions (unit-tested; the service
// adds what needs the database: the departments, and the code being free).

/** A form's code: lower-case letters, digits and hyphens, 3 to 41 characters, starting with a letter. */
export const FORM_CODE = /^[a-z][a-z0-9-]{2,40}$/;
/** A field's key and a reuse key: lower-case letters, digits and underscores, starting with a letter. */
export const FIELD_KEY = /^[a-z][a-z0-9_]*$/;

/** Field types a pattern may narrow: the free-text ones (a date, choice or yes-or-no has its own form). */
const PATTERN_TYPES: readonly FormField['type'][] = ['text', 'textarea', 'number', 'phone'];

/**
 * Which registry items a form of an audience may bind. A person's form binds the person's items. A company's form
 * binds the company's, and may bind `person.*` too: a company fills its forms through its legal representative
 * (the resident signed in, acting for the company), so `person.*` are that person's items (a contact phone, say).
 */
export function bindingAllowed(audience: FormAudience, binding: string): boolean {
  return binding.startsWith('person.') || (audience === 'company' && binding.startsWith('company.'));
}

/** What the rules read of a definition: its code, audience, fields and receiving departments. */
export type DefinitionDraft = {
  code: string;
  audience: FormAudience;
  fields: readonly FormField[];
  receivingDepartmentIds: readonly number[];
};

/**
 * The problems of a definition, each naming its field by path (`code`, `fields.2.key`, `fields.0.options.1`,
 * `receivingDepartmentIds.0`): the code's and keys' formats, keys, bindings and reuse keys used once, bindings the
 * audience allows, no reuse key or pattern on a bound field, options for a select only (at least one, each once),
 * patterns that compile and suit the type, and receiving departments that exist and are active (`departments`:
 * whether each known department is active).
 */
export function definitionProblems(
  draft: DefinitionDraft,
  departments: ReadonlyMap<number, { active: boolean }>,
): FieldError[] {
  const problems: FieldError[] = [];
  const bad = (field: string, reason: string, params?: Record<string, unknown>) =>
    problems.push({ field, reason, ...(params && { params }) });
  if (!FORM_CODE.test(draft.code)) bad('code', 'form_code_format');
  const keys = new Set<string>();
  const bindings = new Set<string>();
  const reuseKeys = new Set<string>();
  draft.fields.forEach((f, i) => {
    const at = `fields.${i}`;
    if (!FIELD_KEY.test(f.key)) bad(`${at}.key`, 'form_key_format');
    else if (keys.has(f.key)) bad(`${at}.key`, 'form_key_twice', { key: f.key });
    keys.add(f.key);
    if (f.binding) {
      if (!bindingAllowed(draft.audience, f.binding))
        bad(`${at}.binding`, `form_binding_${draft.audience}`, { binding: f.binding });
      else if (bindings.has(f.binding)) bad(`${at}.binding`, 'form_binding_twice', { binding: f.binding });
      bindings.add(f.binding);
      if (f.reuseKey) bad(`${at}.reuseKey`, 'form_reuse_bound');
      if (f.pattern) bad(`${at}.pattern`, 'form_pattern_bound');
    }
    if (f.reuseKey) {
      if (!FIELD_KEY.test(f.reuseKey)) bad(`${at}.reuseKey`, 'form_key_format');
      else if (reuseKeys.has(f.reuseKey)) bad(`${at}.reuseKey`, 'form_reuse_twice', { key: f.reuseKey });
      reuseKeys.add(f.reuseKey);
    }
    if (f.type === 'select') {
      const options = f.options ?? [];
      if (!options.length) bad(`${at}.options`, 'form_options_required');
      const seen = new Set<string>();
      options.forEach((option, j) => {
        if (!option) bad(`${at}.options.${j}`, 'required');
        else if (seen.has(option)) bad(`${at}.options.${j}`, 'form_option_twice', { option });
        seen.add(option);
      });
    } else if (f.options?.length) bad(`${at}.options`, 'form_options_select_only');
    if (f.pattern) {
      if (!PATTERN_TYPES.includes(f.type)) bad(`${at}.pattern`, 'form_pattern_type');
      else if (!compiles(f.pattern)) bad(`${at}.pattern`, 'form_pattern_invalid');
    }
  });
  const receivers = new Set<number>();
  draft.receivingDepartmentIds.forEach((id, i) => {
    const at = `receivingDepartmentIds.${i}`;
    if (receivers.has(id)) bad(at, 'form_department_twice');
    else if (!departments.get(id)?.active) bad(at, 'form_unknown_department', { department: id });
    receivers.add(id);
  });
  return problems;
}

/** What publishing needs beyond a valid definition: at least one field and one receiving department. */
export function publishProblems(
  draft: Pick<DefinitionDraft, 'fields' | 'receivingDepartmentIds'>,
): FieldError[] {
  const problems: FieldError[] = [];
  if (!draft.fields.length) problems.push({ field: 'fields', reason: 'form_no_fields' });
  if (!draft.receivingDepartmentIds.length)
    problems.push({ field: 'receivingDepartmentIds', reason: 'form_no_receivers' });
  return problems;
}

/** Whether a pattern compiles as the answers' check runs it (anchored, Unicode). */
function compiles(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A field as stored: empty optional parts left out, so definitions compare and read cleanly. */
export function storedField(f: {
  key: string;
  label: string;
  type: FormField['type'];
  required?: boolean;
  binding?: FormField['binding'] | null;
  reuseKey?: string | null;
  options?: string[] | null;
  pattern?: string | null;
  maxLength?: number | null;
  help?: string | null;
}): FormField {
  return {
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required ?? false,
    ...(f.binding && { binding: f.binding }),
    ...(f.reuseKey && { reuseKey: f.reuseKey }),
    ...(f.options && f.options.length > 0 && { options: f.options }),
    ...(f.pattern && { pattern: f.pattern }),
    ...(f.maxLength && { maxLength: f.maxLength }),
    ...(f.help && { help: f.help }),
  };
}
