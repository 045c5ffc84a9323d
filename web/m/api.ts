import { currentLang } from './i18n.ts';

/** One invalid field of a request, as the server names it. */
export type FieldProblem = { field: string; reason: string; message: string };

/** A failed call: the server's RFC 9457 problem, its `detail` already in the user's language. */
export class ApiError extends Error {
  // Fields spelled out (no parameter properties): module app pages import this file, and the project's tsconfig
  // allows only erasable syntax.
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fields: FieldProblem[];
  constructor(status: number, code: string, detail: string, fields: FieldProblem[] = []) {
    super(detail);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fields = fields;
  }
}

/** The text to show for any error a call throws. */
export const errorText = (error: unknown) =>
  error instanceof ApiError ? error.detail : error instanceof Error ? error.message : String(error);

const ACTING_KEY = 'onecity.m.actingFor';
const ACTING_NAME_KEY = 'onecity.m.actingForName';

/** The company (credit code) the resident acts for, or null when acting for themselves. */
export const actingFor = () => sessionStorage.getItem(ACTING_KEY);

/** The name of the company acted for, to show (its credit code when the name was not given). */
export const actingForName = () => sessionStorage.getItem(ACTING_NAME_KEY) ?? actingFor();

/** Acts for a company from now on (null: for oneself); every call then says so in `x-acting-for`. */
export function setActingFor(creditCode: string | null, name?: string) {
  if (creditCode) {
    sessionStorage.setItem(ACTING_KEY, creditCode);
    if (name) sessionStorage.setItem(ACTING_NAME_KEY, name);
  } else {
    sessionStorage.removeItem(ACTING_KEY);
    sessionStorage.removeItem(ACTING_NAME_KEY);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

async function call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const url = params.size ? `${path}?${params}` : path;
  const headers: Record<string, string> = { 'accept-language': currentLang() === 'zh' ? 'zh-CN' : 'en' };
  const acting = actingFor();
  if (acting) headers['x-acting-for'] = acting;
  let payload: BodyInit | undefined;
  if (body instanceof Blob) {
    payload = body;
    headers['content-type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const p = (typeof data === 'object' && data) || {};
    throw new ApiError(res.status, p.code ?? 'http_error', p.detail ?? `HTTP ${res.status}`, p.errors ?? []);
  }
  return data as T;
}

/** The app's API client (JSON in and out; a Blob body is sent as itself, for photos). */
export const api = {
  get: <T>(path: string, query?: Query) => call<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => call<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => call<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => call<T>('DELETE', path),
};
