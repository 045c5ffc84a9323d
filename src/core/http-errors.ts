import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type FieldError } from './errors.ts';
import { type Lang, message } from './messages.ts';

type ZodIssueParams = {
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  values?: unknown[];
  origin?: string;
  input?: unknown;
};

/** Maps a zod issue to our field reason codes, so the message can be shown in either language. */
function fieldReason(keyword: string, params: ZodIssueParams): FieldError {
  const field = '';
  switch (keyword) {
    case 'invalid_type':
      return params.input === undefined
        ? { field, reason: 'required' }
        : { field, reason: 'invalid_type', params: { expected: params.expected } };
    case 'too_small':
      if (params.origin === 'string' && params.minimum === 1) return { field, reason: 'required' };
      return {
        field,
        reason: params.origin === 'string' ? 'too_short' : 'too_small',
        params: { minimum: params.minimum },
      };
    case 'too_big':
      return {
        field,
        reason: params.origin === 'string' ? 'too_long' : 'too_big',
        params: { maximum: params.maximum },
      };
    case 'invalid_format':
      return { field, reason: 'invalid_format' };
    case 'invalid_value':
      return { field, reason: 'invalid_value', params: { values: (params.values ?? []).join(', ') } };
    case 'unrecognized_keys':
      return { field, reason: 'unknown_field' };
    default:
      return { field, reason: 'invalid' };
  }
}

/** Names a bad field: by its path in the request, or by sheet and row (or record) in an uploaded file. */
function placeOf(error: FieldError, lang: Lang): string {
  if (error.row !== undefined)
    return message(error.sheet === undefined ? 'field_in_row' : 'field_in_sheet_row', lang, error)!;
  if (error.dataset !== undefined) return message('field_in_dataset', lang, error)!;
  return error.field;
}

/** Renders a field error as "field: reason" in the request's language. */
function describeField(error: FieldError, lang: Lang, ns: string | undefined): string {
  return `${placeOf(error, lang)}: ${message(error.reason, lang, error.params, ns) ?? error.reason}`;
}

// A file can have hundreds of bad cells; `detail` names the first few, `errors` holds them all.
const DETAIL_FIELDS = 5;

/** Our code (and the field at fault) for one of Fastify's client errors. */
function clientError(error: FastifyError): { status: number; code: string; fields: FieldError[] } {
  const status = error.statusCode!;
  const plain = (code: string) => ({ status, code, fields: [] });
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return plain('request_body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return plain('unsupported_media_type');
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'invalid_input', fields: [{ field: 'path', reason: 'not_utf8' }] };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 400,
        code: 'invalid_input',
        fields: [{ field: 'path', reason: 'too_long', params: { maximum: 100 } }],
      };
  }
  // The JSON parser's errors: its own codes, or a SyntaxError quoting the body (a forbidden __proto__ key).
  if (
    error instanceof SyntaxError ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  )
    return plain('malformed_json');
  return plain('bad_request');
}

/** The one error handler: domain errors and validation errors become RFC 9457 problem+json. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = request.lang ?? 'zh-CN';
  // The route's module: its own texts win where two modules use one code.
  const ns = request.messageNs;
  let status = 500;
  let code = 'internal';
  let params: Record<string, unknown> = {};
  let fields: FieldError[] = [];
  let extensions: Record<string, unknown> = {};
  if (hasZodFastifySchemaValidationErrors(error)) {
    status = 400;
    code = 'invalid_input';
    fields = error.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const keys = (v.params as { keys?: string[] }).keys;
      return {
        ...fieldReason(v.keyword, v.params as ZodIssueParams),
        field: keys ? keys.join(', ') : path || (error.validationContext ?? ''),
      };
    });
  } else if (error instanceof DomainError) {
    ({ status, code, params, fields, extensions } = error);
  } else if (error.statusCode && error.statusCode < 500) {
    // Fastify's own client errors: bad JSON, body too large, wrong content type. Their texts quote the
    // request or the parser's internals, so the answer says only our code's message.
    ({ status, code, fields } = clientError(error));
  } else {
    request.log.error(
      { err: error, method: request.method, route: request.routeOptions?.url },
      'unhandled error',
    );
  }
  // Only our own codes' texts reach the caller; anything else is the generic text of its class.
  const summary =
    message(code, lang, params, ns) ?? message(status < 500 ? 'bad_request' : 'internal', lang)!;
  // A field whose reason is the error itself (a duplicate code) adds nothing to the summary.
  const described = fields.filter((f) => f.reason !== code);
  const more = described.length - DETAIL_FIELDS;
  const detail = [
    summary,
    ...described.slice(0, DETAIL_FIELDS).map((f) => describeField(f, lang, ns)),
    ...(more > 0 ? [message('more_problems', lang, { count: more })] : []),
  ].join('; ');
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      // First, so an extension can never overwrite a standard member.
      ...extensions,
      type: `urn:onecity:error:${code}`,
      title: code,
      status,
      code,
      detail,
      params,
      errors: fields.map((f) => ({ ...f, message: message(f.reason, lang, f.params, ns) ?? f.reason })),
    });
}
