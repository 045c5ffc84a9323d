/** Domain errors with stable codes; the HTTP layer maps them to problem+json once. */

/**
 * Where in an uploaded file a bad field is, for errors about files rather than request bodies: a sheet and
 * row (1-based, as Excel counts) or the index of a record in a document (a DCAT dataset, 0-based).
 */
export type FilePlace = { sheet?: string; row?: number; dataset?: number };

/** One bad field and why (a message code, rendered with `params`); in a file, also where it is. */
export type FieldError = FilePlace & { field: string; reason: string; params?: Record<string, unknown> };

/** Base of every error a service may throw on purpose. */
export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly fields: FieldError[];
  /**
   * Extra members of the problem document (RFC 9457 "extension members"), for clients that act on more than
   * the error: what a refused import would have done, say. Subclasses that have them declare their own.
   */
  readonly extensions: Record<string, unknown> = {};
  constructor(
    status: number,
    code: string,
    message: string,
    params: Record<string, unknown> = {},
    fields: FieldError[] = [],
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.params = params;
    this.fields = fields;
  }
}

/** The caller sent something invalid; `fields` names each bad field and why. */
export class InputError extends DomainError {
  constructor(
    code: string,
    message: string,
    fields: FieldError[] = [],
    params: Record<string, unknown> = {},
  ) {
    super(400, code, message, params, fields);
  }
}

/** The caller is not signed in, or the credentials are bad or expired. */
export class UnauthorizedError extends DomainError {
  constructor(code = 'unauthenticated', message = 'Sign in first', params: Record<string, unknown> = {}) {
    super(401, code, message, params);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', message = 'You may not do this', params: Record<string, unknown> = {}) {
    super(403, code, message, params);
  }
}

/** The thing asked for does not exist (or the caller may not know it exists). */
export class NotFoundError extends DomainError {
  constructor(what: string, key: string | number) {
    super(404, 'not_found', `${what} ${key} not found`, { what, key });
  }
}

/** The request clashes with the current state (duplicate code, still in use …). */
export class ConflictError extends DomainError {
  constructor(
    code: string,
    message: string,
    params: Record<string, unknown> = {},
    fields: FieldError[] = [],
  ) {
    super(409, code, message, params, fields);
  }
}

/** The caller made too many calls; it may try again after `retryAfter` seconds (sent as Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(retryAfter: number) {
    super(429, 'rate_limited', `Too many requests; try again in ${retryAfter} seconds`, { retryAfter });
  }
}
