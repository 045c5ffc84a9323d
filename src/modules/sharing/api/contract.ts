import { z } from 'zod';

/**
 * The sharing API (共享接口, /api/share/v1) as consumers' systems call it. Query strings are read loosely here and
 * checked by the service, so that a bad query is refused with its own code (bad_filter) and still logged.
 */
export const shareResourceParam = z.object({ resource: z.string() });
export const shareRowParam = z.object({ resource: z.string(), key: z.string() });

const queryValue = z.union([z.string(), z.array(z.string())]);

export const shareRowQuery = z.object({ items: queryValue.optional() }).catchall(queryValue);
export const shareListQuery = z
  .object({ page: queryValue.optional(), pageSize: queryValue.optional(), items: queryValue.optional() })
  .catchall(queryValue);
export const shareChangesQuery = z
  .object({ since: queryValue.optional(), limit: queryValue.optional(), items: queryValue.optional() })
  .catchall(queryValue);
export type ShareQuery = Record<string, string | string[] | undefined>;

/** One row: granted items only, personal ones masked unless the grant serves them raw. */
export const shareRow = z.object({
  resource: z.string(),
  key: z.string(),
  values: z.record(z.string(), z.string().nullable()),
  updatedAt: z.string(),
});
export type ShareRow = z.infer<typeof shareRow>;

export const shareRowPage = z.object({
  resource: z.string(),
  items: z.array(shareRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ShareRowPage = z.infer<typeof shareRowPage>;

export const shareChanges = z.object({
  resource: z.string(),
  items: z.array(shareRow),
  /** Pass as `since` next time; null when nothing was ever returned (start from the beginning again). */
  next: z.string().nullable(),
  /** More changes are waiting: ask again at once rather than after the polling interval. */
  hasMore: z.boolean(),
});
export type ShareChanges = z.infer<typeof shareChanges>;

/** The resource of the console's documentation route (/api/sharing/resources/:resource/openapi.json). */
export const openApiParam = z.object({ resource: z.string().trim().min(1).max(60) });

/** The codes a sharing API call can be refused with, by HTTP status (for the documentation). */
export const refusalCodes = {
  400: ['bad_filter', 'bad_cursor'],
  401: ['no_credential', 'bad_signature', 'revoked', 'expired_credential'],
  403: ['grant_revoked', 'grant_expired', 'no_grant', 'item_not_granted', 'masked_filter'],
  404: ['not_found'],
  429: ['rate_limited', 'over_quota'],
  503: ['log_unavailable'],
} as const;
