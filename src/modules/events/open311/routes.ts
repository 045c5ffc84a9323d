import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../core/errors.ts';
import type { App } from '../../../core/http.ts';
import { bodyProblems, invalidText } from '../../../core/http-guards.ts';
import { type Lang, message } from '../../../core/messages.ts';
import { open311Query } from './contract.ts';
import { contentTypes, type Format, renderErrors, renderList, splitFormat, xmlDocument } from './format.ts';
import type { Open311Service } from './service.ts';

/** Where Open311 answers; a client's base URL (the discovery document names it). */
export const OPEN311_PREFIX = '/open311/v2';
// When this endpoint's shape last changed (the discovery document's changeset).
const CHANGESET = '2026-12-06T00:00:00+08:00';
const formats: Format[] = ['json', 'xml'];

const say = (code: string, lang: Lang, params: Record<string, unknown> = {}) =>
  message(code, lang, params, 'events') ?? message('bad_request', lang)!;

/** The format a request's path asks for (`….xml` or else JSON), for answers that come before any route runs. */
function formatOf(request: FastifyRequest): Format {
  return request.url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, body: string, status = 200) {
  return reply.code(status).header('content-type', contentTypes[format]).send(body);
}

/** Our code for one of Fastify's own client errors (bad JSON, body too large, unknown content type). */
function clientErrorCode(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'request_body_too_large';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type';
  if (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP_')) return 'malformed_json';
  return 'bad_request';
}

/**
 * Errors in the spec's shape (`[{"code","description"}]` or `<errors>…`) with the HTTP status: 400 for a bad field
 * (named in the description), 403 for a bad key, 404 for an unknown service or request.
 */
function open311Error(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = request.lang ?? 'zh-CN';
  let status = 500;
  let descriptions: string[];
  if (error instanceof DomainError) {
    // Open311 has no 401: a missing or bad key is a 403.
    status = error.status === 401 ? 403 : error.status;
    descriptions = error.fields.length
      ? error.fields.map((f) => {
          const text = say(f.reason, lang, { ...error.params, ...f.params });
          return text.includes(f.field) ? text : `${f.field}: ${text}`;
        })
      : [say(error.code, lang, error.params)];
  } else if (error.statusCode && error.statusCode < 500) {
    status = error.statusCode;
    descriptions = [say(clientErrorCode(error), lang)];
  } else {
    request.log.error({ err: error, route: request.routeOptions?.url }, 'unhandled error');
    descriptions = [say('internal', lang)];
  }
  return send(reply, formatOf(request), renderErrors(formatOf(request), status, descriptions), status);
}

/**
 * Open311 GeoReport v2 at /open311/v2/: services, service definitions, requests (GET with the spec's filters, POST
 * with an api_key), one request, tokens; each as .json or .xml. Reads are public; a POST checks its key itself.
 */
export function open311Routes(s: Open311Service) {
  return async (app: App) => {
    app.setErrorHandler(open311Error);
    app.setNotFoundHandler((request, reply) =>
      send(
        reply,
        formatOf(request),
        renderErrors(formatOf(request), 404, [
          say('not_found', request.lang, { what: 'path', key: request.url.split('?')[0] }),
        ]),
        404,
      ),
    );
    // What Open311 clients send: a form. Parsed here only, so the rest of the API keeps taking JSON alone.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        const value = Object.fromEntries(new URLSearchParams(body as string));
        const problems = bodyProblems(value);
        done(problems.length ? invalidText(problems) : null, value);
      },
    );
    const tags = ['open311'];
    const pub = { access: 'public' as const };

    for (const format of formats) {
      app.get(
        `/discovery.${format}`,
        { config: pub, schema: { summary: 'Open311 服务发现', tags } },
        (req, reply) => {
          const url = `${req.protocol}://${req.host}${OPEN311_PREFIX}`;
          const head = {
            changeset: CHANGESET,
            contact: 'OneCity 城市运行管理中心',
            key_service: '在 OneCity 控制台“事件 › Open311 接入密钥”申请，或运行 npx onecity events keys add',
          };
          const endpoint = {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url,
            changeset: CHANGESET,
            type: 'production',
          };
          const mimes = [contentTypes.json.split(';')[0]!, contentTypes.xml.split(';')[0]!];
          return send(
            reply,
            format,
            format === 'json'
              ? JSON.stringify({ ...head, endpoints: [{ ...endpoint, formats: mimes }] })
              : xmlDocument('discovery', {
                  ...head,
                  endpoints: { endpoint: { ...endpoint, formats: { format: mimes } } },
                }),
          );
        },
      );
      app.get(
        `/services.${format}`,
        { config: pub, schema: { summary: 'Open311 服务类型列表', tags } },
        async (req, reply) =>
          send(reply, format, renderList(format, 'services', 'service', await s.services(req.lang))),
      );
      app.get(
        `/requests.${format}`,
        { config: pub, schema: { summary: 'Open311 查询诉求', tags } },
        async (req, reply) => {
          const parsed = open311Query.safeParse(req.query);
          if (!parsed.success) {
            const field = String(parsed.error.issues[0]?.path[0] ?? 'query');
            const body = renderErrors(format, 400, [say('open311_invalid', req.lang, { field })]);
            return send(reply, format, body, 400);
          }
          const items = await s.requests(parsed.data, req.lang);
          return send(reply, format, renderList(format, 'service_requests', 'request', items));
        },
      );
      app.post(
        `/requests.${format}`,
        // No session is looked at: the api_key in the body says who posts.
        { config: { access: 'credential' }, schema: { summary: 'Open311 提交诉求（需 api_key）', tags } },
        async (req, reply) => {
          const answer = await s.post(req.body, { ip: req.ip ?? null, requestId: req.id }, req.lang);
          return send(reply, format, renderList(format, 'service_requests', 'request', [answer]));
        },
      );
    }

    /** A route whose last segment is `<id>.json` or `<id>.xml`. */
    const byFile = (
      path: string,
      summary: string,
      answer: (id: string, format: Format, lang: Lang) => Promise<string>,
    ) =>
      app.get<{ Params: { file: string } }>(
        `${path}/:file`,
        { config: pub, schema: { summary, tags } },
        async (req, reply) => {
          const f = splitFormat(req.params.file);
          if (!f) return reply.callNotFound();
          return send(reply, f.format, await answer(f.base, f.format, req.lang));
        },
      );
    byFile('/services', 'Open311 服务定义', async (code, format) => {
      const d = await s.definition(code);
      return format === 'json'
        ? JSON.stringify(d)
        : xmlDocument('service_definition', { service_code: d.service_code, attributes: '' });
    });
    byFile('/requests', 'Open311 查询单个诉求', async (id, format, lang) =>
      renderList(format, 'service_requests', 'request', [await s.request(id, lang)]),
    );
    byFile('/tokens', 'Open311 以令牌查询诉求编号', async (token, format) =>
      renderList(format, 'service_requests', 'request', [await s.token(token)]),
    );
  };
}
