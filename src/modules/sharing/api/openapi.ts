import type { Lang } from '../../../core/messages.ts';
import { message } from '../../../core/messages.ts';
import type { DataItem, Resource } from '../../catalog/index.ts';
import { refusalCodes } from './contract.ts';
import { isMaskedUnderGrant } from './masking.ts';
import './messages.ts';

/** What the caller's department holds of a resource: granted items and those served raw (none without a grant). */
export type CallerGrant = { items: string[]; rawItems: string[] } | null;

/** A placeholder credential for examples: the shape of a real one, never a real one. */
export const PLACEHOLDER_KEY = 'ak_0123456789abcdef.YOUR_SECRET';

const text = {
  title: { 'zh-CN': '{name} 共享接口', en: '{name}: sharing API' },
  intro: {
    'zh-CN':
      '按共享授权返回“{name}”（{code}）的数据。每次调用以 Authorization: Bearer <keyId>.<secret> 认证；未获原文授权的个人信息项脱敏返回；每次调用（含被拒绝的调用）均记入调用日志。',
    en: 'Returns the data of "{name}" ({code}) as your sharing grant allows. Authenticate every call with Authorization: Bearer <keyId>.<secret>; personal items not granted raw are masked; every call, refused or served, is logged.',
  },
  get: { 'zh-CN': '按主键查询一条数据', en: 'One row by its key' },
  getNote: {
    'zh-CN': '主键不存在与该行不在授权行范围内时，返回相同的 404。',
    en: 'A missing key and a row outside your grant’s row filter get the same 404.',
  },
  list: { 'zh-CN': '条件查询（分页）', en: 'Query with equality filters (paged)' },
  listNote: {
    'zh-CN': '除 page、pageSize、items 外，每个查询参数都是对一个已授权数据项的等值条件。',
    en: 'Every query parameter other than page, pageSize and items is an equality filter on a granted item.',
  },
  changes: { 'zh-CN': '变更订阅（增量同步）', en: 'Change feed (incremental copy)' },
  changesNote: {
    'zh-CN':
      '返回 since 游标之后变更的行，按变更先后排序；下次调用传入响应中的 next。hasMore 为 true 时应立即继续拉取。',
    en: 'Rows changed after the since cursor, oldest change first; pass the answer’s next as since next time. When hasMore is true, call again at once.',
  },
  key: { 'zh-CN': '主键（{items}）', en: 'Key ({items})' },
  items: {
    'zh-CN': '返回的数据项编码，逗号分隔；缺省为全部已授权数据项',
    en: 'Item codes to return, comma-separated; all granted items by default',
  },
  page: { 'zh-CN': '页码，从 1 开始', en: 'Page number, from 1' },
  pageSize: { 'zh-CN': '每页行数，最多 500', en: 'Rows per page, at most 500' },
  since: {
    'zh-CN': '上次响应的 next 游标；缺省从头开始',
    en: 'The next cursor of the previous answer; from the start when absent',
  },
  limit: { 'zh-CN': '最多返回行数，最多 1000', en: 'Most rows to return, at most 1000' },
  filter: { 'zh-CN': '等值条件：{name}', en: 'Equality filter: {name}' },
  masked: { 'zh-CN': '（个人信息，脱敏返回）', en: ' (personal, returned masked)' },
  raw: { 'zh-CN': '（个人信息，已授权原文）', en: ' (personal, granted raw)' },
  notGranted: { 'zh-CN': '（未获授权）', en: ' (not granted)' },
  ok: { 'zh-CN': '成功', en: 'Served' },
  auth: {
    'zh-CN': '共享授权的接口凭证：Bearer <keyId>.<secret>（密钥仅在创建时显示一次）',
    en: 'The API credential of your sharing grant: Bearer <keyId>.<secret> (the secret is shown once, when created)',
  },
} satisfies Record<string, Record<Lang, string>>;

const say = (key: keyof typeof text, lang: Lang, params: Record<string, string> = {}) =>
  text[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');

const FORMATS: Partial<Record<DataItem['type'], string>> = { date: 'date', datetime: 'date-time' };

/**
 * How an item is described: its name, and for personal items (and items derived from a masked one, a birth date
 * beside a masked ID number) whether the caller gets it masked or raw.
 */
function itemSchema(resource: Resource, item: DataItem, grant: CallerGrant, lang: Lang) {
  const granted = !grant || grant.items.includes(item.code);
  const masked = isMaskedUnderGrant(resource, item, grant?.rawItems ?? []);
  const note = !granted
    ? say('notGranted', lang)
    : item.personal || masked
      ? say(masked ? 'masked' : 'raw', lang)
      : '';
  return {
    type: 'string',
    nullable: true,
    ...(FORMATS[item.type] && !masked ? { format: FORMATS[item.type] } : {}),
    description: `${item.name}${note}`,
    'x-item-name': item.name,
    'x-item-type': item.type,
    'x-personal': item.personal,
    'x-masked': masked,
    ...(grant ? { 'x-granted': granted } : {}),
  };
}

/** The curl lines a user can copy: a row by key and a first page, with the placeholder credential. */
export function exampleRequests(
  serverUrl: string,
  resource: Resource,
): { get: string; list: string; changes: string } {
  const base = `${serverUrl}/api/share/v1/${resource.alias ?? resource.code}`;
  const curl = (url: string) => `curl -H "Authorization: Bearer ${PLACEHOLDER_KEY}" "${url}"`;
  return {
    get: curl(`${base}/<key>`),
    list: curl(`${base}?page=1&pageSize=20`),
    changes: curl(`${base}/changes?limit=100`),
  };
}

/**
 * The OpenAPI 3.0 document of one resource's sharing endpoints for the caller: its items as the response's
 * properties (personal ones marked masked unless the caller's grant has them raw), the bearer credential, the
 * refusal codes with their meaning, and example requests with a placeholder credential.
 */
export function buildShareOpenApi(resource: Resource, grant: CallerGrant, serverUrl: string, lang: Lang) {
  const name = resource.alias ?? resource.code;
  const base = `/api/share/v1/${name}`;
  const examples = exampleRequests(serverUrl, resource);
  const keyNames = resource.keyItems.map((code) => resource.items.find((i) => i.code === code)?.name ?? code);
  const itemsParam = {
    name: 'items',
    in: 'query',
    required: false,
    schema: { type: 'string' },
    description: say('items', lang),
  };
  // Only items the caller gets raw can be filtered on (a filter on a masked one is refused: masked_filter).
  const filterParams = resource.items
    .filter(
      (i) =>
        (!grant || grant.items.includes(i.code)) && !isMaskedUnderGrant(resource, i, grant?.rawItems ?? []),
    )
    .map((i) => ({
      name: i.code,
      in: 'query',
      required: false,
      schema: { type: 'string', maxLength: 200 },
      description: say('filter', lang, { name: i.name }),
    }));
  const refusals = Object.fromEntries(
    Object.entries(refusalCodes).map(([status, codes]) => [
      status,
      {
        description: codes.map((code) => `${code}: ${message(code, lang, {}, 'sharing') ?? code}`).join('\n'),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
  const ok = (schema: string) => ({
    200: {
      description: say('ok', lang),
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
    },
    ...refusals,
  });
  const sample = (source: string) => [{ lang: 'Shell', label: 'curl', source }];
  return {
    openapi: '3.0.3',
    info: {
      title: say('title', lang, { name: resource.name }),
      version: `v1 (catalog ${resource.code} v${resource.version})`,
      description: `${say('intro', lang, { name: resource.name, code: resource.code })}\n\n    ${examples.get}`,
    },
    servers: [{ url: serverUrl }],
    security: [{ shareKey: [] }],
    paths: {
      [`${base}/{key}`]: {
        get: {
          operationId: 'getRow',
          summary: say('get', lang),
          description: say('getNote', lang),
          parameters: [
            {
              name: 'key',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              description: say('key', lang, { items: keyNames.join(', ') }),
            },
            itemsParam,
          ],
          responses: ok('Row'),
          'x-codeSamples': sample(examples.get),
        },
      },
      [base]: {
        get: {
          operationId: 'listRows',
          summary: say('list', lang),
          description: say('listNote', lang),
          parameters: [
            {
              name: 'page',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, default: 1 },
              description: say('page', lang),
            },
            {
              name: 'pageSize',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
              description: say('pageSize', lang),
            },
            itemsParam,
            ...filterParams,
          ],
          responses: ok('RowPage'),
          'x-codeSamples': sample(examples.list),
        },
      },
      [`${base}/changes`]: {
        get: {
          operationId: 'changes',
          summary: say('changes', lang),
          description: say('changesNote', lang),
          parameters: [
            {
              name: 'since',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              description: say('since', lang),
            },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
              description: say('limit', lang),
            },
            itemsParam,
            ...filterParams,
          ],
          responses: ok('Changes'),
          'x-codeSamples': sample(examples.changes),
        },
      },
    },
    components: {
      securitySchemes: {
        shareKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: '<keyId>.<secret>',
          description: say('auth', lang),
        },
      },
      schemas: {
        Values: {
          type: 'object',
          properties: Object.fromEntries(
            resource.items.map((i) => [i.code, itemSchema(resource, i, grant, lang)]),
          ),
        },
        Row: {
          type: 'object',
          required: ['resource', 'key', 'values', 'updatedAt'],
          properties: {
            resource: { type: 'string', example: name },
            key: { type: 'string', description: say('key', lang, { items: keyNames.join(', ') }) },
            values: { $ref: '#/components/schemas/Values' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        RowPage: {
          type: 'object',
          properties: {
            resource: { type: 'string' },
            items: { type: 'array', items: { $ref: '#/components/schemas/Row' } },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
          },
        },
        Changes: {
          type: 'object',
          properties: {
            resource: { type: 'string' },
            items: { type: 'array', items: { $ref: '#/components/schemas/Row' } },
            next: { type: 'string', nullable: true },
            hasMore: { type: 'boolean' },
          },
        },
        Problem: {
          type: 'object',
          description: 'RFC 9457',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.values(refusalCodes).flat() },
            detail: { type: 'string' },
          },
        },
      },
    },
  };
}
