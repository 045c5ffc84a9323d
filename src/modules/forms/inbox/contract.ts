import { z } from 'zod';
import { bindingCodes, fieldTypes, formAudiences } from '../fields.ts';

// The receiving departments' inbox (收件箱) of form submissions, and its XLSX export.

const day = z.iso.date();

export const inboxQuery = z.object({
  formId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Words of the subject's name, or its ID number or credit code. */
  q: z.string().trim().max(100).optional(),
  read: z.enum(['true', 'false']).optional(),
  /** Submitted on or after this day (Asia/Shanghai). */
  from: day.optional(),
  /** Submitted on or before this day (Asia/Shanghai). */
  to: day.optional(),
  /** Center staff: one department's inbox (unset: every department's). Department users: their own only. */
  departmentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

const formRef = z.object({ id: z.number(), code: z.string(), title: z.string() });

/** One submission delivered to one department, its subject masked (the detail shows it whole, audited). */
export const inboxItem = z.object({
  submissionId: z.number(),
  departmentId: z.number(),
  department: z.string(),
  form: formRef,
  formVersion: z.number(),
  subjectKind: z.enum(formAudiences),
  subjectName: z.string(),
  subjectKey: z.string(),
  submittedAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxPage = z.object({
  items: z.array(inboxItem),
  total: z.number(),
  /** Unread deliveries in the inbox shown (whatever the other filters). */
  unread: z.number(),
});
export type InboxPage = z.infer<typeof inboxPage>;

export const submissionIdParam = z.object({
  submissionId: z.coerce.number().int().positive().max(2_147_483_647),
});

/** One answer with its question, as the form asks it now (answers to removed questions keep their key as label). */
export const inboxAnswer = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(fieldTypes).nullable(),
  binding: z.enum(bindingCodes).nullable(),
  value: z.string().nullable(),
  /** Confirmed unchanged from the registries. */
  prefilled: z.boolean(),
  /** Reused from the person's earlier answer, with their consent. */
  reused: z.boolean(),
});
export type InboxAnswer = z.infer<typeof inboxAnswer>;

export const inboxDetail = z.object({
  submissionId: z.number(),
  form: formRef.extend({ version: z.number() }),
  formVersion: z.number(),
  subjectKind: z.enum(formAudiences),
  subjectName: z.string(),
  subjectKey: z.string(),
  submittedAt: z.string(),
  /** True when personal answers are masked: the caller reads it for the center, not as a receiving department. */
  masked: z.boolean(),
  answers: z.array(inboxAnswer),
  deliveries: z.array(
    z.object({ departmentId: z.number(), department: z.string(), readAt: z.string().nullable() }),
  ),
});
export type InboxDetail = z.infer<typeof inboxDetail>;

export const exportQuery = z.object({
  /** Center staff: one receiving department's submissions (unset: all of the form's). */
  departmentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;
