import { z } from 'zod';

/** An Open311 key as lists show it: never the key itself, only its first characters. */
export const apiKeySummary = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummary>;

export const apiKeyList = z.object({ items: z.array(apiKeySummary) });

export const apiKeyCreate = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export type ApiKeyCreate = z.infer<typeof apiKeyCreate>;

/** The answer to making a key: the key itself, shown this once. */
export const apiKeyCreated = z.object({ key: apiKeySummary, apiKey: z.string() });
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;

export const keyIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
