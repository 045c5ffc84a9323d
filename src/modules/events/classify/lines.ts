/**
 * Classification of a JSON Lines file, one appeal per line (`{"id", "text", "address"?}`), as the CLI's
 * `events classify --input` and batch imports need it: each line gives a result or an error that names the
 * line and the field, and a bad line never stops the others.
 */
import { message } from '../../../core/messages.ts';
import { seedCategories } from '../categories/seed.ts';
import type { Classifier, Guess } from './classifier.ts';
import './messages.ts';

/** A classified line: the best category, its department and the three likeliest categories. */
export type LineResult = { id: string | number; category: string; department: string | null; top: Guess[] };

/** A line that could not be classified: where, which id if any, and why (English, for the terminal). */
export type LineError = { id?: string | number; line: number; error: string };

const departmentOf = new Map(seedCategories.map((c) => [c.code, c.department]));

/** The department a category goes to by default (the seeded list), or null for a category it does not know. */
export function departmentOfCategory(category: string): string | null {
  return departmentOf.get(category) ?? null;
}

// "line 3: text is required", through the events namespace's messages.
function fieldError(
  line: number,
  field: string,
  reason: string,
  params: Record<string, unknown> = {},
): string {
  const because = message(reason, 'en', params) ?? reason;
  return message('classify_line_field', 'en', { line, field, reason: because }, 'events') ?? reason;
}

/** Classifies one line of the file (`line` counts from 1); blank lines give null. */
export function classifyLine(
  classifier: Classifier,
  raw: string,
  line: number,
): LineResult | LineError | null {
  if (!raw.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { line, error: message('classify_line_not_json', 'en', { line }, 'events')! };
  const record = value as Record<string, unknown>;
  const id = record.id;
  const hasId = typeof id === 'string' ? id.trim() !== '' : typeof id === 'number';
  const withId = hasId ? { id: id as string | number } : {};
  if (!hasId) return { line, error: fieldError(line, 'id', 'required') };
  if (typeof record.text !== 'string') {
    const reason = record.text === undefined ? 'required' : 'invalid_type';
    return { ...withId, line, error: fieldError(line, 'text', reason, { expected: 'string' }) };
  }
  if (!record.text.trim()) return { ...withId, line, error: fieldError(line, 'text', 'required') };
  if (record.address !== undefined && record.address !== null && typeof record.address !== 'string')
    return { ...withId, line, error: fieldError(line, 'address', 'invalid') };
  const { top } = classifier.classify(record.text, (record.address as string | undefined) ?? undefined);
  const category = top[0]!.category;
  return { id: id as string | number, category, department: departmentOfCategory(category), top };
}
