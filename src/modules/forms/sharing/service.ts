import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CallerRequest, ShareCaller } from '../../sharing/index.ts';
import type { DefinitionService } from '../definitions/service.ts';
import type { SharedSubmissions, SharedSubmissionsQuery } from './contract.ts';
import './messages.ts';
import { hasDeliveries } from '../inbox/repository.ts';
import * as repo from './repository.ts';

/** What the forms module needs of the sharing API: serving a call authenticated by a sharing credential. */
export type ShareGate = {
  serveCaller<T>(
    request: CallerRequest,
    work: (caller: ShareCaller) => Promise<{ body: T; rows: number; items?: string[] }>,
  ): Promise<T>;
};

/** A sharing API request for a form's submissions, as the route hands it on. */
export type SharedRequest = {
  authorization: string | undefined;
  ip: string | null;
  code: string;
  query: SharedSubmissionsQuery;
};

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const LIMIT_DEFAULT = 100;
const LIMIT_MAX = 500;

const badQuery = (field: string, reason: string, params?: Record<string, unknown>) =>
  new InputError('bad_form_query', 'Bad query', [{ field, reason, ...(params && { params }) }]);

/** The opaque `since` cursor of a form's feed: the form and the last submission's time and id (not secret). */
export function encodeCursor(formId: number, position: repo.FeedPosition): string {
  return Buffer.from(JSON.stringify({ f: formId, t: position.at, i: position.id })).toString('base64url');
}

/** The position a cursor names, for this form; anything else is the caller's error (400 bad_form_cursor). */
export function decodeCursor(cursor: string, formId: number): repo.FeedPosition {
  const refuse = () =>
    new InputError('bad_form_cursor', 'Bad cursor', [{ field: 'since', reason: 'invalid_format' }]);
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const { f, t, i } = (parsed ?? {}) as { f?: unknown; t?: unknown; i?: unknown };
  if (f !== formId || typeof t !== 'string' || !AT.test(t) || !Number.isSafeInteger(i) || (i as number) < 1)
    throw refuse();
  return { at: t, id: i as number };
}

/** A query parameter given at most once. */
function single(query: SharedSubmissionsQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badQuery(name, 'repeated');
  return value;
}

/**
 * Form submissions through the sharing API (共享接口): a receiving department's systems fetch the submissions
 * delivered to the department with the department's sharing credential, oldest first, paged by a cursor. The
 * sharing module authenticates, limits and logs each call (its call log); each served call is also audited here
 * as a read of personal data. Answers come unmasked: the department is their addressee.
 */
export function createFormShareService(deps: {
  db: Db;
  audit: AuditService;
  gate: ShareGate;
  definitions: DefinitionService;
}) {
  const { db, audit, gate, definitions } = deps;

  /** The context an API call is audited in: the credential speaking for its department, from its address. */
  const callerCtx = (caller: ShareCaller, ip: string | null): Ctx => ({
    actor: {
      userId: 0,
      username: `api:${caller.keyId}`,
      displayName: caller.consumingSystem,
      departmentId: caller.departmentId,
      roles: [],
      via: 'token',
    },
    ip,
    requestId: null,
  });

  return {
    /** GET /api/share/forms/:code/submissions: the caller's department's submissions of a form after `since`. */
    submissions(request: SharedRequest): Promise<SharedSubmissions> {
      const logged = {
        form: request.code.slice(0, 60),
        ...(typeof request.query.since === 'string' && { since: request.query.since.slice(0, 200) }),
        ...(typeof request.query.limit === 'string' && { limit: request.query.limit.slice(0, 20) }),
      };
      return gate.serveCaller(
        { authorization: request.authorization, ip: request.ip, endpoint: 'form_submissions', query: logged },
        async (caller) => {
          const unknown = Object.keys(request.query).find((name) => name !== 'since' && name !== 'limit');
          if (unknown) throw badQuery(unknown.slice(0, 60), 'unknown_field');
          const limitText = single(request.query, 'limit');
          const limit = limitText === undefined || limitText === '' ? LIMIT_DEFAULT : Number(limitText);
          if (!/^\d{1,4}$/.test(limitText ?? '1') || limit < 1 || limit > LIMIT_MAX)
            throw badQuery('limit', 'too_big', { maximum: LIMIT_MAX });
          const form = await definitions.findByCode(request.code);
          if (!form || form.status === 'draft') throw new NotFoundError('form', request.code.slice(0, 60));
          const cursor = single(request.query, 'since') || null;
          const since = cursor ? decodeCursor(cursor, form.id) : null;
          const receives =
            form.receivingDepartmentIds.includes(caller.departmentId) ||
            (await hasDeliveries(db, form.id, caller.departmentId));
          if (!receives)
            throw new ForbiddenError('not_receiver', 'Your department does not receive this form');
          await caller.admit();
          const before = await repo.feedHorizon(db);
          const found = await repo.findDelivered(db, {
            formId: form.id,
            departmentId: caller.departmentId,
            since,
            before,
            limit: limit + 1,
          });
          const page = found.slice(0, limit);
          const last = page.at(-1);
          if (page.length)
            await audit.recordNow(callerCtx(caller, request.ip), {
              action: 'forms.submissions_share',
              targetType: 'form',
              targetId: form.id,
              detail: {
                code: form.code,
                department: caller.departmentId,
                grant: caller.grantId,
                rows: page.length,
                first: page[0]!.id,
                last: last!.id,
              },
            });
          return {
            body: {
              form: form.code,
              title: form.title,
              version: form.version,
              fields: form.fields.map((f) => ({
                key: f.key,
                label: f.label,
                type: f.type,
                ...(f.binding && { binding: f.binding }),
              })),
              items: page.map(({ at, ...r }) => ({ ...r, submittedAt: at })),
              next: last ? encodeCursor(form.id, { at: last.at, id: last.id }) : cursor,
              hasMore: found.length > limit,
            },
            rows: page.length,
            items: form.fields.map((f) => f.key),
          };
        },
      );
    },
  };
}

export type FormShareService = ReturnType<typeof createFormShareService>;
