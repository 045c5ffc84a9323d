import { z } from 'zod';
import { bindingCodes, fieldTypes, formAudiences } from '../fields.ts';

// Filling forms in the app (最多报一次): what a resident or company can fill, the form prefilled, the submission,
// their submissions and the answers they agreed to have reused. Shared by the server and the app's pages (types).

const subjectKind = z.enum(formAudiences);

/** Who the answers are about: the resident, or the company they act for. */
export const fillingSubject = z.object({ kind: subjectKind, name: z.string() });
export type FillingSubject = z.infer<typeof fillingSubject>;

/** A form the caller may fill now, and whether they (or their company) have already submitted it. */
export const availableForm = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  audience: subjectKind,
  receivingDepartments: z.array(z.string()),
  fieldCount: z.number(),
  /** How many of its fields the registries fill. */
  prefilledCount: z.number(),
  submitted: z.boolean(),
  lastSubmissionId: z.number().nullable(),
  lastSubmittedAt: z.string().nullable(),
});
export type AvailableForm = z.infer<typeof availableForm>;

export const availableForms = z.object({ subject: fillingSubject, items: z.array(availableForm) });
export type AvailableForms = z.infer<typeof availableForms>;

/** Where a prefilled value came from, in plain words: the department and its resource, and when it was delivered. */
export const fieldProvenance = z.object({
  department: z.string().nullable(),
  resource: z.string().nullable(),
  observedAt: z.string().nullable(),
});
export type FieldProvenance = z.infer<typeof fieldProvenance>;

/** Where a reused answer came from: the form it was given on and when the person agreed to its reuse. */
export const reuseOrigin = z.object({ formTitle: z.string().nullable(), consentedAt: z.string() });
export type ReuseOrigin = z.infer<typeof reuseOrigin>;

/** One field of the form to fill, with its prefilled value. */
export const fillField = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(fieldTypes),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  pattern: z.string().optional(),
  maxLength: z.number().optional(),
  help: z.string().optional(),
  binding: z.enum(bindingCodes).optional(),
  reuseKey: z.string().optional(),
  /** The registry's value (bound fields) or the remembered answer (free fields with a reuse key); null: none. */
  value: z.string().nullable(),
  /** A bound field: the person confirms it and cannot change it (a wrong value is corrected by an objection). */
  confirmOnly: z.boolean(),
  provenance: fieldProvenance.nullable(),
  /** The value is an earlier answer the person agreed to have reused. */
  reused: z.boolean(),
  reusedFrom: reuseOrigin.nullable(),
});
export type FillField = z.infer<typeof fillField>;

/** A published form, prefilled for the caller. */
export const formToFill = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  audience: subjectKind,
  version: z.number(),
  subject: fillingSubject,
  receivingDepartments: z.array(z.string()),
  fields: z.array(fillField),
  lastSubmissionId: z.number().nullable(),
  lastSubmittedAt: z.string().nullable(),
});
export type FormToFill = z.infer<typeof formToFill>;

export const formCodeParams = z.object({ code: z.string().trim().min(1).max(64) });

/** An answer as the app sends it: text, a number, or yes/no (stored as text: `true`/`false`). */
const answerValue = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);

export const submissionInput = z
  .object({
    /** Answers by field key. Bound fields' answers are taken from the registries; whatever is sent for them is ignored. */
    answers: z.record(z.string().max(64), answerValue).default({}),
    /** The person agrees that their free answers with a reuse key prefill later forms (最多报一次). */
    rememberConsent: z.boolean().default(false),
    /** The person confirmed the prefilled values (needed when the form has any). */
    confirmPrefilled: z.boolean().default(false),
  })
  .strict();
export type SubmissionInput = z.infer<typeof submissionInput>;

/** One answer of a submission, labelled by the form. */
export const submissionAnswer = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(fieldTypes).nullable(),
  value: z.string(),
  prefilled: z.boolean(),
  reused: z.boolean(),
});

/** A receiving department and whether it has opened the submission. */
export const submissionDelivery = z.object({
  departmentId: z.number(),
  departmentName: z.string(),
  readAt: z.string().nullable(),
});

export const submissionSummary = z.object({
  id: z.number(),
  formCode: z.string(),
  formTitle: z.string(),
  formVersion: z.number(),
  subjectKind: subjectKind,
  subjectName: z.string(),
  submittedAt: z.string(),
  /** How many receiving departments there are, and how many have opened it. */
  deliveredTo: z.number(),
  readBy: z.number(),
});
export type SubmissionSummary = z.infer<typeof submissionSummary>;

export const submissionPage = z.object({ items: z.array(submissionSummary), total: z.number() });
export type SubmissionPage = z.infer<typeof submissionPage>;

export const submissionDetail = submissionSummary.extend({
  answers: z.array(submissionAnswer),
  deliveries: z.array(submissionDelivery),
});
export type SubmissionDetail = z.infer<typeof submissionDetail>;

/** A new submission, and the reuse keys whose answers were remembered with it (with consent). */
export const submissionCreated = submissionDetail.extend({ remembered: z.array(z.string()) });
export type SubmissionCreated = z.infer<typeof submissionCreated>;

export const submissionQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SubmissionQuery = z.infer<typeof submissionQuery>;

export const submissionParams = z.object({ id: z.coerce.number().int().positive().max(2147483647) });

/** An answer the person agreed to have reused, under its reuse key. */
export const rememberedAnswer = z.object({
  reuseKey: z.string(),
  /** The question as the form it came from asked it. */
  label: z.string(),
  value: z.string(),
  formTitle: z.string().nullable(),
  consentedAt: z.string(),
});
export type RememberedAnswer = z.infer<typeof rememberedAnswer>;

export const rememberedList = z.object({ items: z.array(rememberedAnswer) });
export type RememberedList = z.infer<typeof rememberedList>;

export const reuseKeyParams = z.object({ reuseKey: z.string().trim().min(1).max(64) });
