import { z } from 'zod';
import { registryName } from '../entities/contract.ts';

// Which source wins on each registry item (under /api/registry/:registry/precedence).

export const precedenceParam = z.object({ registry: registryName, item: z.string().min(1).max(60) });

export const precedenceItem = z.object({
  item: z.string(),
  name: z.string(),
  /** Sources in order of precedence; empty where the newest value wins. */
  sources: z.array(z.string()),
});
export type PrecedenceItem = z.infer<typeof precedenceItem>;

export const precedenceList = z.object({
  items: z.array(precedenceItem),
  /** The resources feeding the registry. */
  sources: z.array(z.object({ alias: z.string(), name: z.string(), department: z.string().nullable() })),
});
export type PrecedenceList = z.infer<typeof precedenceList>;

export const precedenceBody = z.object({ sources: z.array(z.string().min(1).max(60)).max(20) }).strict();
export type PrecedenceBody = z.infer<typeof precedenceBody>;
