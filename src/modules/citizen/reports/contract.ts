// The citizen app's reports (随手拍): photos, suggestions while typing, the report, my reports and my rating.
import { z } from 'zod';
import {
  reporterCaseDetail,
  reporterCasePage,
  reporterRating,
  reporterStages,
} from '../../events/contract.ts';

export type {
  ReporterCaseDetail as ReportDetail,
  ReporterCaseSummary as ReportSummary,
  ReporterStage as ReportStage,
  ReporterStep as ReportStep,
} from '../../events/contract.ts';
export { reporterCaseDetail as reportDetail, reporterCasePage as reportPage, reporterRating as reportRating };

/** Largest photo a resident may send (the app shrinks photos to about 0.3–1 MB before sending). */
export const REPORT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Photos on one report. */
export const REPORT_PHOTOS_MAX = 6;
export const REPORT_CONTENT_MIN = 10;
export const REPORT_CONTENT_MAX = 1000;

/** A stored photo's name: the SHA-256 of its bytes and its extension. */
export const photoName = z.string().regex(/^[0-9a-f]{64}\.(jpg|png|webp)$/, 'photo_name_format');
export const photoParam = z.object({ name: photoName });
export const photoUploaded = z.object({ name: z.string(), contentType: z.string(), size: z.number() });
export type PhotoUploaded = z.infer<typeof photoUploaded>;

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** What the report page asks while the resident types and places the problem. */
export const suggestionQuery = z.object({
  text: z.string().trim().max(REPORT_CONTENT_MAX).optional(),
  address: z.string().trim().max(300).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
});
export type SuggestionQuery = z.infer<typeof suggestionQuery>;

/** The categories the text suggests (best first, at most 3) and where the point or address is. */
export const reportSuggestion = z.object({
  categories: z.array(
    z.object({ code: z.string(), name: z.string(), departmentName: z.string().nullable() }),
  ),
  place: z
    .object({
      lng: z.number(),
      lat: z.number(),
      /** False for a point outside the district (a report there is refused). */
      inDistrict: z.boolean(),
      subdistrictName: z.string().nullable(),
      communityName: z.string().nullable(),
    })
    .nullable(),
});
export type ReportSuggestion = z.infer<typeof reportSuggestion>;

/** A new report: what, where (a point, or an address), photos already uploaded, and how to reach me. */
export const reportInput = z
  .object({
    content: z.string().trim().min(REPORT_CONTENT_MIN).max(REPORT_CONTENT_MAX),
    /** The category the resident picked (the suggestion's first, or another); none: the classifier decides. */
    categoryCode: z.string().trim().max(60).optional(),
    address: z.string().trim().max(300).optional(),
    lng: lng.optional(),
    lat: lat.optional(),
    photos: z.array(photoName).max(REPORT_PHOTOS_MAX).default([]),
    /** Defaults to the phone the population registry holds for me. */
    contactPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,20}$/, 'phone_format')
      .optional(),
  })
  .strict();
export type ReportInput = z.infer<typeof reportInput>;

export const reportQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
  status: z.enum(reporterStages).optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const reportNumberParam = z.object({ number: z.string().trim().min(1).max(40) });
