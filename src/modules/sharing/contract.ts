import { z } from 'zod';

// The console API of sharing (共享交换): applications, decisions, grants, credentials and notifications, each in its
// sub-area's contract.ts. Shared by server and web; the web imports types only (sharing-api.ts repeats the lists it
// needs). The sharing API itself (api/contract.ts) and usage statistics (usage/contract.ts) have their own.

export * from './applications/contract.ts';
export * from './grants/contract.ts';
export * from './notifications/contract.ts';

/** The id in the path of a route on one application, grant, credential or notification. */
export const idParam = z.object({ id: z.coerce.number().int().positive() });
