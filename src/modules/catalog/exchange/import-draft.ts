import type { z } from 'zod';
import { DomainError, type FieldError, type FilePlace } from '../../../core/errors.ts';
import { type ResourceInput, resourceInput } from '../contract.ts';
import { checkResourceRules } from '../rules.ts';

/** Where an import problem is: a sheet row (XLSX, 1-based like Excel) or a dataset (JSON-LD, 0-based index). */
export type ProblemPlace = FilePlace & { field: string };

/**
 * One thing wrong with an import file, named by place so a department can find and fix it: a field error
 * of the core, so a refused import is reported like any other error.
 */
export type ImportProblem = FieldError;

/** Maps a contract field path (`name`, `items.3.type`, `keyItems.0`) to its place in the file. */
export type Locate = (field: string) => ProblemPlace;

/** A resource read from an import file: what the file says, before validation, under contract field names. */
export type Draft = Record<string, unknown>;

/** A resource read and validated, ready to be matched to the catalog and saved. */
export type ImportCandidate = {
  /** The resource code the file gives (existing resources), or null for a new one. */
  code: string | null;
  input: ResourceInput;
  locate: Locate;
};

// Field formats that have their own explanation, so a department sees what is expected rather than "wrong format".
const formatReasons: [RegExp, string][] = [
  [/^alias$/, 'invalid_alias'],
  [/^classCode$/, 'invalid_class_code'],
  [/^items\.\d+\.code$/, 'invalid_item_code'],
  [/^publishDate$/, 'invalid_date'],
];

function valueAt(draft: unknown, path: PropertyKey[]): unknown {
  let value = draft;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/** Our field reason for a zod issue (the same codes the HTTP error mapping uses, so messages exist). */
function reasonOf(issue: z.core.$ZodIssue, field: string, value: unknown): Omit<ImportProblem, 'field'> {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined || value === null || value === ''
        ? { reason: 'required' }
        : { reason: 'invalid_type', params: { expected: issue.expected } };
    case 'too_small':
      if (field === 'items') return { reason: 'no_items' };
      if (issue.minimum === 1 && (issue.origin === 'string' || issue.origin === 'array'))
        return { reason: 'required' };
      if (issue.origin === 'string') return { reason: 'too_short', params: { minimum: issue.minimum } };
      return { reason: 'too_small', params: { minimum: issue.minimum } };
    case 'too_big':
      if (issue.origin === 'string') return { reason: 'too_long', params: { maximum: issue.maximum } };
      if (issue.origin === 'array') return { reason: 'too_many_values', params: { maximum: issue.maximum } };
      return { reason: 'too_big', params: { maximum: issue.maximum } };
    case 'invalid_format':
      return { reason: formatReasons.find(([re]) => re.test(field))?.[1] ?? 'invalid_format' };
    case 'invalid_value':
      if (value === undefined || value === null || value === '') return { reason: 'required' };
      return { reason: 'invalid_value', params: { values: issue.values.join(', ') } };
    case 'unrecognized_keys':
      return { reason: 'unknown_field' };
    default:
      return { reason: 'invalid' };
  }
}

/** Checks a draft against the contract and the catalog rules; every problem is placed with `locate`. */
export function checkDraft(
  draft: Draft,
  locate: Locate,
): { input?: ResourceInput; problems: ImportProblem[] } {
  const parsed = resourceInput.safeParse(draft);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
      const field = path.join('.');
      return { ...locate(field), ...reasonOf(issue, field, valueAt(draft, issue.path)) };
    });
    return { problems };
  }
  try {
    checkResourceRules(parsed.data);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { problems: problemsOf(error, locate) };
  }
  return { input: parsed.data, problems: [] };
}

/** The problems a service error stands for: one per field it names, or one for the whole resource. */
export function problemsOf(error: DomainError, locate: Locate, wholeField = 'name'): ImportProblem[] {
  if (error.fields.length)
    return error.fields.map((f) => ({ ...locate(f.field), reason: f.reason, params: f.params }));
  return [{ ...locate(wholeField), reason: error.code, params: error.params }];
}
