import { z } from 'zod';
import { bindingCodes, fieldTypes, formAudiences } from '../fields.ts';

// A receiving department's form submissions through the sharing API (共享接口), called by its systems with the
// department's sharing credential. The query is read loosely and checked by the service, so a bad one is refused
// with its own code and still logged, as the sharing API does.

export const sharedFormParam = z.object({ code: z.string().max(200) });

const queryValue = z.union([z.string(), z.array(z.string())]);
export const sharedSubmissionsQuery = z
  .object({ since: queryValue.optional(), limit: queryValue.optional() })
  .catchall(queryValue);
export type SharedSubmissionsQuery = Record<string, string | string[] | undefined>;

export const sharedSubmission = z.object({
  id: z.number(),
  formVersion: z.number(),
  subjectKind: z.enum(formAudiences),
  /** The person's ID number or the company's credit code. */
  subjectKey: z.string(),
  subjectName: z.string(),
  /** Answers by field key, as given (a yes-or-no as true/false). */
  answers: z.record(z.string(), z.string()),
  /** Keys of the answers confirmed from the registries, and of those reused from earlier forms. */
  prefilledKeys: z.array(z.string()),
  reusedKeys: z.array(z.string()),
  submittedAt: z.string(),
});
export type SharedSubmission = z.infer<typeof sharedSubmission>;

export const sharedSubmissions = z.object({
  form: z.string(),
  title: z.string(),
  version: z.number(),
  /** The questions the form asks now (older submissions may hold keys it no longer asks). */
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(fieldTypes),
      binding: z.enum(bindingCodes).optional(),
    }),
  ),
  items: z.array(sharedSubmission),
  /** Pass as `since` next time; null when nothing was ever returned (start from the beginning again). */
  next: z.string().nullable(),
  /** More submissions are waiting: ask again at once. */
  hasMore: z.boolean(),
});
export type SharedSubmissions = z.infer<typeof sharedSubmissions>;
