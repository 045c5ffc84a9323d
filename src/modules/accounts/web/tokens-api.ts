import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../../web/kit/api.ts';
import type { apiToken, tokenCreated } from '../contract.ts';

/** A personal API token as listed: never its value, which is shown once at creation. */
export type ApiToken = z.infer<typeof apiToken>;

/** The query key of the user's token list. */
export const tokensKey = ['auth', 'tokens'] as const;

/** The signed-in user's API tokens. */
export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api.get<ApiToken[]>('/api/auth/tokens') });
}

/** Creates a token; the response carries its value, this once. */
export const createToken = (input: { name: string; expiresInDays: number | null }) =>
  api.post<z.infer<typeof tokenCreated>>('/api/auth/tokens', input);

/** Revokes a token at once. */
export const revokeToken = (id: number) => api.delete(`/api/auth/tokens/${id}`);
