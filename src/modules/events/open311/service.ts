import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import { type Lang, message } from '../../../core/messages.ts';
import type { createIntakeService } from '../cases/intake.ts';
import { openStatuses } from '../cases/transitions.ts';
import type { Category } from '../categories/contract.ts';
import type { CategoryService } from '../categories/service.ts';
import { toChinaIso } from '../clock/china-time.ts';
import type { KeyService } from '../keys/service.ts';
import { type Open311Query, type Open311Request, open311Post } from './contract.ts';
import * as repo from './repository.ts';

// The spec's defaults for a GET of requests: the last 90 days, at most 1000 requests.
const DEFAULT_DAYS = 90;
const MAX_REQUESTS = 1000;
const closedStatuses = ['closed', 'merged'];

/** An instant as Open311 writes it: ISO 8601 at +08:00, to the second (as the spec's examples). */
const open311Time = (d: Date) => toChinaIso(d).replace(/\.\d+(?=\+)/, '');

const say = (code: string, lang: Lang, params: Record<string, unknown> = {}) =>
  message(code, lang, params, 'events') ?? code;

/** An Open311 field the client got wrong, as an input error naming it. */
function badField(field: string, code = 'open311_invalid') {
  return new InputError(code, `${field} is invalid`, [{ field, reason: code, params: { field } }], { field });
}

/** A time limit (`4h`, `3wd`) in words. */
function limitText(limit: string, lang: Lang): string {
  const m = /^(\d+)(h|wd)$/.exec(limit);
  if (!m) return limit;
  return say(m[2] === 'h' ? 'open311_hours' : 'open311_working_days', lang, { n: m[1] });
}

/** A reporter's name from the spec's two fields: family name first, without a space, when written in Chinese. */
function fullName(first?: string, last?: string): string | undefined {
  if (!first && !last) return undefined;
  const cjk = /[\u3400-\u9fff]/.test(`${first ?? ''}${last ?? ''}`);
  return cjk ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

export type Open311Service = ReturnType<typeof createOpen311Service>;

/**
 * Open311 GeoReport v2 for outside systems and apps: the categories as services, service requests posted with a key
 * (placed, classified by their service code and dispatched at once), and the public view of requests, which never
 * shows who reported them.
 */
export function createOpen311Service(deps: {
  db: Db;
  categories: CategoryService;
  intake: Pick<ReturnType<typeof createIntakeService>, 'receive'>;
  keys: KeyService;
  now: () => Date;
}) {
  const { db, categories } = deps;

  async function activeCategory(code: string): Promise<Category | undefined> {
    const c = await categories.find(code);
    return c?.active ? c : undefined;
  }

  /** What the client is told happens next: the department and its time, or that the desk will dispatch it. */
  function notice(category: Category | undefined, departmentName: string | null, lang: Lang): string {
    if (!category || !departmentName) return say('open311_notice_waiting', lang);
    return say('open311_notice', lang, {
      department: departmentName,
      limit: limitText(category.timeLimit, lang),
    });
  }

  /** A case as the public sees it. */
  async function viewsOf(rows: repo.PublicCaseRow[], lang: Lang): Promise<Open311Request[]> {
    const departments = await categories.departments();
    const byCode = new Map((await categories.list()).map((c) => [c.code, c]));
    return rows.map((row) => {
      const category = row.categoryCode ? byCode.get(row.categoryCode) : undefined;
      const department = row.departmentId ? (departments.byId.get(row.departmentId)?.name ?? null) : null;
      return {
        service_request_id: row.number,
        status: closedStatuses.includes(row.status) ? 'closed' : 'open',
        status_notes: row.repliedAt ? row.reply : null,
        service_name: category?.name ?? null,
        service_code: row.categoryCode,
        description: row.content,
        agency_responsible: department,
        service_notice: notice(category, department, lang),
        requested_datetime: open311Time(row.receivedAt),
        updated_datetime: open311Time(row.updatedAt),
        expected_datetime: row.dueAt ? open311Time(row.dueAt) : null,
        address: row.address,
        address_id: null,
        zipcode: null,
        lat: row.lat,
        long: row.lng,
        media_url: row.mediaUrls[0] ?? null,
      };
    });
  }

  return {
    /** The active categories as Open311 services; `group` is the responsible department. */
    async services(lang: Lang) {
      const list = await categories.list();
      return list
        .filter((c) => c.active)
        .map((c) => ({
          service_code: c.code,
          service_name: c.name,
          description: `${c.name}（${c.departmentName ?? '—'}，${limitText(c.timeLimit, lang)}）`,
          metadata: false,
          type: 'realtime',
          keywords: [c.name, c.departmentName].filter(Boolean).join(','),
          group: c.departmentName,
        }));
    },

    /** A service's definition: no extra attributes are asked for (metadata is false for every service). */
    async definition(code: string) {
      if (!(await activeCategory(code))) throw new NotFoundError('service', code);
      return { service_code: code, attributes: [] as never[] };
    },

    /** Requests by the spec's filters: ids (then nothing else counts), services, a time window, open or closed. */
    async requests(q: Open311Query, lang: Lang): Promise<Open311Request[]> {
      if (q.service_request_id?.length)
        return viewsOf(
          await repo.listPublicCases(db, { numbers: q.service_request_id, limit: MAX_REQUESTS }),
          lang,
        );
      const to = q.end_date ? new Date(q.end_date) : undefined;
      const from = q.start_date
        ? new Date(q.start_date)
        : new Date((to ?? deps.now()).getTime() - DEFAULT_DAYS * 86_400_000);
      const statuses = q.status?.length
        ? [
            ...(q.status.includes('open') ? openStatuses.filter((s) => s !== 'merged') : []),
            ...(q.status.includes('closed') ? closedStatuses : []),
          ]
        : undefined;
      const rows = await repo.listPublicCases(db, {
        categoryCodes: q.service_code,
        from,
        to,
        statuses,
        limit: MAX_REQUESTS,
      });
      return viewsOf(rows, lang);
    },

    /** One request by its id (the case number). */
    async request(number: string, lang: Lang): Promise<Open311Request> {
      const row = await repo.findPublicCase(db, number);
      if (!row) throw new NotFoundError('service_request', number);
      return (await viewsOf([row], lang))[0]!;
    },

    /** The request a token was given for. */
    async token(token: string) {
      const row = await repo.findCaseByToken(db, token);
      if (!row) throw new NotFoundError('token', token);
      return { service_request_id: row.number, token };
    },

    /**
     * Takes a posted service request: the key first (refused: 403), then the fields; the case is classified by its
     * service code, placed and dispatched by the rules. Answers its id, what happens next, and a token.
     */
    async post(body: unknown, meta: { ip: string | null; requestId: string | null }, lang: Lang) {
      const raw = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
      const apiKey = (raw as { api_key?: unknown }).api_key;
      const key = typeof apiKey === 'string' ? await deps.keys.check(apiKey.trim()) : undefined;
      if (!key) throw new ForbiddenError('bad_api_key', 'The api_key is missing, invalid or revoked');
      const parsed = open311Post.safeParse(raw);
      if (!parsed.success) throw badField(String(parsed.error.issues[0]?.path[0] ?? 'body'));
      const f = parsed.data;
      if (!f.service_code) throw badField('service_code', 'open311_required');
      const category = await activeCategory(f.service_code);
      if (!category)
        throw new InputError(
          'open311_unknown_service',
          `Unknown service ${f.service_code}`,
          [{ field: 'service_code', reason: 'open311_unknown_service', params: { code: f.service_code } }],
          { code: f.service_code },
        );
      if ((f.lat === undefined) !== (f.long === undefined))
        throw badField(f.lat === undefined ? 'lat' : 'long', 'open311_required');
      const address = f.address_string ?? f.address_id;
      if (f.lat === undefined && !address)
        throw new InputError('open311_location_required', 'Give a location', [
          { field: 'lat', reason: 'open311_location_required' },
        ]);
      // The key's holder acts: the audit log and the case's history name it.
      const ctx: Ctx = {
        actor: {
          userId: 0,
          username: `open311:${key.prefix}`,
          displayName: key.name,
          departmentId: null,
          roles: [],
          via: 'token',
        },
        ip: meta.ip,
        requestId: meta.requestId,
      };
      const token = randomUUID();
      const row = await deps.intake.receive(
        ctx,
        'open311',
        {
          content: f.description ?? category.name,
          address,
          lng: f.long,
          lat: f.lat,
          categoryCode: category.code,
          urgency: 'normal',
          reporterName: fullName(f.first_name, f.last_name),
          reporterPhone: f.phone,
          wantsReply: true,
          mediaUrls: f.media_url ? [f.media_url] : [],
          dispatch: false,
        },
        { apiKeyId: key.id, token, reporterEmail: f.email, autoDispatch: true },
      );
      const departments = await categories.departments();
      const department = row.departmentId ? (departments.byId.get(row.departmentId)?.name ?? null) : null;
      return {
        service_request_id: row.number,
        service_notice: notice(category, department, lang),
        account_id: f.account_id ?? null,
        token,
      };
    },
  };
}
