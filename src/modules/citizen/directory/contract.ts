/** The services directory (办事指南) and the center's notices (通知公告): public reads, the center's upkeep. */
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
// Empty text is stored as none (the service turns '' into null).
const optionalText = (max: number) => text(max).nullish();

/** A service as residents and the console see it. */
export const directoryService = z.object({
  id: z.number(),
  name: z.string(),
  category: z.string(),
  summary: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  place: z.string().nullable(),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
  materials: z.array(z.string()),
  online: z.boolean(),
  formCode: z.string().nullable(),
  sortOrder: z.number(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type DirectoryService = z.infer<typeof directoryService>;

/** A category of services and how many the search finds in it. */
export const serviceCategory = z.object({ category: z.string(), count: z.number() });

const paging = (pageSize: number, max: number) => ({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(max).default(pageSize),
});

/** Searching the directory: words in the name, summary or place; one category; a page. */
export const servicesQuery = z.object({
  q: text(50).optional(),
  category: text(20).optional(),
  ...paging(20, 50),
});
export type ServicesQuery = z.infer<typeof servicesQuery>;

/** The console's list: inactive services too. */
export const adminServicesQuery = servicesQuery.extend({
  state: z.enum(['active', 'inactive', 'all']).default('all'),
  ...paging(20, 100),
});
export type AdminServicesQuery = z.infer<typeof adminServicesQuery>;

/** A page of services, and the categories of the search with their counts (for the category chips). */
export const servicePage = z.object({
  items: z.array(directoryService),
  total: z.number(),
  categories: z.array(serviceCategory),
});
export type ServicePage = z.infer<typeof servicePage>;

/** A telephone number as halls publish them: digits with - , / and 转 (extension), e.g. 0731-88081234. */
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^$|^[0-9][0-9\- ,，/、转]*[0-9]$/)
  .nullish();

/** The code of a form of "report once" (forms.forms.code): lower-case letters, digits and hyphens. */
const formCode = z
  .string()
  .trim()
  .max(40)
  .regex(/^$|^[a-z0-9][a-z0-9-]*$/)
  .nullish();

/** What the center writes of a service (a whole one: creating and editing send the same). */
export const serviceInput = z
  .object({
    name: text(60).min(1),
    category: text(20).min(1),
    summary: optionalText(500),
    departmentId: z.number().int().positive().max(2_147_483_647).nullish(),
    place: optionalText(200),
    hours: optionalText(100),
    phone,
    materials: z.array(text(200).min(1)).max(30).default([]),
    online: z.boolean().default(false),
    formCode,
    sortOrder: z.number().int().min(0).max(9999).default(0),
    active: z.boolean().default(true),
  })
  .strict();
export type ServiceInput = z.infer<typeof serviceInput>;

/** A notice is a draft until published; residents see published ones only. */
export const noticeStates = ['draft', 'published'] as const;

/** A notice in full. */
export const notice = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  pinned: z.boolean(),
  state: z.enum(noticeStates),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Notice = z.infer<typeof notice>;

/** A notice in a list: the start of its text only. */
export const noticeSummary = notice.omit({ body: true }).extend({ excerpt: z.string() });
export type NoticeSummary = z.infer<typeof noticeSummary>;

export const noticesQuery = z.object(paging(10, 50));
export type NoticesQuery = z.infer<typeof noticesQuery>;

export const adminNoticesQuery = z.object({
  q: text(50).optional(),
  state: z.enum([...noticeStates, 'all']).default('all'),
  ...paging(20, 100),
});
export type AdminNoticesQuery = z.infer<typeof adminNoticesQuery>;

export const noticePage = z.object({ items: z.array(noticeSummary), total: z.number() });
export type NoticePage = z.infer<typeof noticePage>;

/** What the center writes of a notice; publishing is its own step. */
export const noticeInput = z
  .object({
    title: text(100).min(1),
    body: text(5000).min(1),
    pinned: z.boolean().default(false),
  })
  .strict();
export type NoticeInput = z.infer<typeof noticeInput>;

export const directoryIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
