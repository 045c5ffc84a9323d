import i18n from 'i18next';

/** One invalid field of a request, as the server names it. */
export type FieldProblem = { field: string; reason: string; message: string };

/** A failed API call: the server's RFC 9457 problem, with `detail` already in the user's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly params: Record<string, unknown>;
  readonly fields: FieldProblem[];
  constructor(
    status: number,
    problem: { code?: string; detail?: string; params?: Record<string, unknown>; errors?: FieldProblem[] },
  ) {
    const detail = problem.detail ?? i18n.t('errors.http', { status });
    super(detail);
    this.status = status;
    this.code = problem.code ?? 'http_error';
    this.detail = detail;
    this.params = problem.params ?? {};
    this.fields = problem.errors ?? [];
  }

  /** The detail without the per-field sentences the server appends to it. */
  get summary(): string {
    const suffix = this.fields.map((f) => f.message).join('; ');
    return suffix && this.detail.endsWith(`; ${suffix}`)
      ? this.detail.slice(0, -suffix.length - 2)
      : this.detail;
  }
}

/** The text to show for any error a call or a page may throw. */
export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.detail : error instanceof Error ? error.message : String(error);
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Sends the user to the sign-in page, remembering where they were and why. */
function redirectToLogin(reason: string) {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === '/login') return;
  const params = new URLSearchParams({ next: here, reason });
  window.location.assign(`/login?${params}`);
}

/** A file the server sends back, with the name it suggests. */
export type Download = { blob: Blob; fileName: string | null };

async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; file?: Blob; download?: boolean } = {},
): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const url = search.size ? `${path}?${search}` : path;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  // A file goes as the raw body, streamed by the browser; the server detects its format itself.
  if (options.file) headers['Content-Type'] = 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError(0, { code: 'network', detail: i18n.t('errors.network') });
  }
  if (response.status === 204) return undefined as T;
  if (response.ok && options.download) {
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null;
    return { blob: await response.blob(), fileName } satisfies Download as T;
  }
  const text = await response.text();
  // A proxy in front of the server may answer with HTML; such a body is no problem document.
  let payload: any;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (response.ok) return payload as T;
  const error = new ApiError(response.status, payload ?? {});
  // Wrong credentials at sign-in are 401 too, but only a missing or expired session means "sign in again".
  if (response.status === 401 && (error.code === 'unauthenticated' || error.code === 'session_expired')) {
    redirectToLogin(error.code);
  }
  throw error;
}

/** The OneCity API on the console's own origin, with the session cookie and the user's language. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
  /** Sends a file as the raw request body. */
  upload: <T>(path: string, query: Query, file: Blob) => request<T>('POST', path, { query, file }),
  /**
   * Fetches a file (rather than following a link) so it is made in the console's language and a failure shows
   * as an error message instead of a blank page, then saves it under the server's name or `fallbackName`.
   */
  download: async (path: string, fallbackName: string, query?: Query) => {
    const { blob, fileName } = await request<Download>('GET', path, { query, download: true });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName ?? fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
    // The browser has taken the file once the click is handled; a moment later the URL can go.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
