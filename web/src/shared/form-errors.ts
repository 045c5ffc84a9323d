import type { FormInstance } from 'antd';
import { ApiError, errorText } from '../api.ts';

/**
 * Shows a failed save on the form: each field the server names gets its message under the input, and
 * anything no field can show goes to `notify`. `codeFields` places errors the server reports without a
 * field (e.g. duplicate_code) on the field they concern.
 */
export function showFormError(
  form: FormInstance,
  error: unknown,
  notify: (text: string) => void,
  codeFields: Record<string, string> = {},
) {
  if (!(error instanceof ApiError)) return notify(errorText(error));
  const shown = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const problems = error.fields.length
    ? error.fields
    : codeFields[error.code]
      ? [{ field: codeFields[error.code]!, message: '' }]
      : [];
  const placed = problems
    .map((p) => ({ ...p, field: p.field.split('.')[0]! }))
    .filter((p) => shown.has(p.field));
  form.setFields(
    placed.map((p) => ({
      name: p.field,
      // Validation errors describe the field; a domain error (wrong password, duplicate code) explains itself.
      errors: [error.code === 'invalid_input' ? stripField(p.message, p.field) : error.summary],
    })),
  );
  if (placed.length < problems.length || !placed.length) notify(error.detail);
}

/** "code: has the wrong format" → "has the wrong format": the label above the input names the field already. */
function stripField(message: string, field: string) {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
