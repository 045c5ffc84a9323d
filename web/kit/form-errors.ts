import type { FormInstance } from 'antd';
import { ApiError, errorText } from './api.ts';

type NamePath = (string | number)[];

/**
 * Shows a failed save on the form: each field the server names gets its message under the input, and
 * anything no field can show goes to `notify`. `codeFields` places errors the server reports without a
 * field (e.g. duplicate_code) on the field they concern.
 *
 * The server names nested fields with dots ("items.2.code", "keyItems.0"); an error lands on the deepest
 * field of the form that path reaches, so list rows get their own errors and "keyItems.0" goes to "keyItems".
 */
export function showFormError(
  form: FormInstance,
  error: unknown,
  notify: (text: string) => void,
  codeFields: Record<string, string> = {},
) {
  if (!(error instanceof ApiError)) return notify(errorText(error));
  const shown = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name as NamePath]));
  const problems = error.fields.length
    ? error.fields
    : codeFields[error.code]
      ? [{ field: codeFields[error.code]!, reason: error.code, message: '' }]
      : [];
  const errors = new Map<string, { name: NamePath; messages: string[] }>();
  let placed = 0;
  for (const p of problems) {
    const name = deepestField(shown, p.field);
    if (!name) continue;
    placed++;
    // Validation errors and rule errors (share_condition_required …) describe the field; a domain error whose
    // field reason is the error itself or just "invalid" (duplicate code, wrong password) explains itself.
    const text =
      error.code === 'invalid_input' || (p.reason !== 'invalid' && p.reason !== error.code)
        ? stripField(p.message, p.field)
        : error.summary;
    const key = name.join('.');
    const entry = errors.get(key) ?? { name, messages: [] };
    if (!entry.messages.includes(text)) entry.messages.push(text);
    errors.set(key, entry);
  }
  form.setFields([...errors.values()].map(({ name, messages }) => ({ name, errors: messages })));
  const first = errors.values().next().value;
  if (first) form.scrollToField(first.name, { block: 'center' });
  if (placed < problems.length || !placed) notify(error.detail);
}

/** The form field a dotted server path names, or the nearest enclosing one the form has. */
function deepestField(shown: Map<string, NamePath>, field: string): NamePath | undefined {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const name = shown.get(parts.slice(0, n).join('.'));
    if (name) return name;
  }
  return undefined;
}

/** "code: has the wrong format" → "has the wrong format": the label above the input names the field already. */
function stripField(message: string, field: string) {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
