import { changeAnnouncer } from '../../../core/changes.ts';
import type { Database } from '../../../core/db.ts';
import { DomainError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { IngestService } from '../../ingest/index.ts';
import type { RegistryService } from '../../registry/index.ts';
import type { ShareChanges, ShareQuery, ShareRow, ShareRowPage } from './contract.ts';
import './messages.ts';
import { createCallLog } from './call-log.ts';
import type { CredentialCache } from './credential-cache.ts';
import { checkCredential } from './credential-check.ts';
import { type CursorCodec, createCursorCodec, cursorKey } from './cursor.ts';
import { createShareLimits } from './limits.ts';
import { shareMasker } from './masking.ts';
import {
  badFilter,
  callerFilters,
  checkRequestText,
  chosenItems,
  cleanText,
  grantConditions,
  loggedQuery,
  MAX_VALUE,
  single,
  wholeNumber,
} from './query.ts';
import { createShareReader, type SourceRow } from './reader.ts';
import { type CallRow, type CredentialGrant, createShareRepository, type UsageDelta } from './repository.ts';

/** What a sharing API request brings: its Authorization header, address, resource and query as sent. */
export type ShareRequest = {
  authorization: string | undefined;
  ip: string | null;
  resource: string;
  query: ShareQuery;
};

/**
 * A call of another module's endpoint that authenticates with a sharing API credential (a receiving department's
 * form submissions): its Authorization header, address, the endpoint's name for the call log and the query as sent.
 */
export type CallerRequest = {
  authorization: string | undefined;
  ip: string | null;
  endpoint: string;
  query: Record<string, unknown>;
};

/**
 * Who a live sharing credential speaks for: its department's system, under one of the department's grants.
 * `admit` counts the call against that grant's rate limit and daily quota (429 when over): call it once the
 * request is found acceptable, before reading data, as the sharing API's own endpoints do.
 */
export type ShareCaller = {
  departmentId: number;
  consumingSystem: string;
  grantId: number;
  keyId: string;
  admit: () => Promise<void>;
};

/**
 * The sharing API (共享接口): authenticates each call by its credential, checks the grant (resource, items, row
 * filter, daily quota, rate limit), reads the rows, masks personal items the grant does not serve raw, and logs the
 * call (served or refused) before the answer goes out. A call whose log entry cannot be written is refused (503).
 */
export function createShareApiService(deps: {
  database: Database;
  catalog: CatalogService;
  registry: RegistryService;
  ingest: IngestService;
  logger: Logger;
  credentials: CredentialCache;
}) {
  const repo = createShareRepository(deps.database);
  const limits = createShareLimits(repo.usageWindows);
  const log = createCallLog({
    repo,
    limits,
    logger: deps.logger,
    onFlushed: changeAnnouncer(deps.database, 'sharing'),
  });
  const reader = createShareReader(deps);
  let cursors: Promise<CursorCodec> | undefined;
  const cursorCodec = () => {
    cursors ??= repo.databaseIdentity().then((identity) => createCursorCodec(cursorKey(identity)));
    cursors.catch(() => {
      cursors = undefined;
    });
    return cursors;
  };

  type Granted = { grant: CredentialGrant; resource: Resource; call: CallRow; counted: UsageDelta[] };

  /**
   * Runs one call: credential and grant checks, then `work`; logs the call either way and waits for the log.
   * `key` is the row key of a get, checked with the rest of the request's text before anything reads it.
   */
  async function serve<T>(
    request: ShareRequest,
    endpoint: CallRow['endpoint'],
    query: Record<string, unknown>,
    key: string | undefined,
    work: (granted: Granted) => Promise<{ body: T; rows: number }>,
  ): Promise<T> {
    const started = performance.now();
    const call: CallRow = {
      at: new Date(),
      keyId: null,
      grantId: null,
      consumerDepartmentId: null,
      resourceId: null,
      endpoint,
      items: null,
      query,
      rows: 0,
      outcome: 'ok',
      status: 200,
      ms: null,
      ip: request.ip,
    };
    const granted: Granted = { call, counted: [] } as unknown as Granted;
    let result: T | undefined;
    let failure: unknown;
    /** No live credential (401): the refusal is counted per address, reason and minute, not logged alone. */
    let anonymous = false;
    try {
      const checked = checkCredential(deps.credentials.get, request.authorization, (keyId) => {
        call.keyId = keyId;
      });
      try {
        // Bad text is refused first, whoever sends it; the credential's check still decides how it is logged.
        checkRequestText(request.resource, key, request.query);
      } catch (error) {
        const grant = await checked.catch((refusal: unknown) => {
          anonymous = refusal instanceof UnauthorizedError;
        });
        call.grantId = grant?.grantId ?? null;
        call.consumerDepartmentId = grant?.consumerDepartmentId ?? null;
        throw error;
      }
      const grant = await checked.catch((refusal: unknown) => {
        anonymous = refusal instanceof UnauthorizedError;
        throw refusal;
      });
      call.grantId = grant.grantId;
      call.consumerDepartmentId = grant.consumerDepartmentId;
      const resource = request.resource.length <= 100 ? await reader.resource(request.resource) : undefined;
      call.resourceId = resource?.id ?? null;
      if (!resource || resource.id !== grant.resourceId)
        throw new ForbiddenError('no_grant', 'No grant for this resource');
      Object.assign(granted, { grant, resource });
      const done = await work(granted);
      result = done.body;
      call.rows = done.rows;
    } catch (error) {
      failure = error;
      call.outcome = error instanceof DomainError ? error.code : 'error';
      call.status = error instanceof DomainError ? error.status : 500;
    }
    call.ms = performance.now() - started;
    await (anonymous ? log.refused(call) : log.record(call, granted.counted));
    if (failure !== undefined) throw failure;
    return result as T;
  }

  /** Counts the call against the grant's quota and rate limit (429 when over); checked before any data is read. */
  async function admit(granted: Granted) {
    const now = new Date();
    await limits.prime(granted.grant.grantId, now);
    granted.counted = limits.reserve(granted.grant, now);
  }

  function rowOf(
    resource: Resource,
    items: string[],
    masker: ReturnType<typeof shareMasker>,
    row: SourceRow,
  ): ShareRow {
    return {
      resource: resource.alias ?? resource.code,
      key: masker.key(row.key),
      values: masker.values(row.values, items),
      updatedAt: row.at,
    };
  }

  return {
    /** GET /api/share/v1/:resource/:key: one row; 404 alike for a missing key and a row outside the grant's filter. */
    get(request: ShareRequest, key: string): Promise<ShareRow> {
      return serve(request, 'get', { key: cleanText(key, MAX_VALUE) }, key, async (granted) => {
        const { grant, resource, call } = granted;
        const items = chosenItems(resource, grant, request.query);
        call.items = items;
        const extra = Object.keys(request.query).filter((name) => name !== 'items');
        if (extra.length) throw badFilter([{ field: extra[0]!.slice(0, 60), reason: 'unknown_field' }]);
        await admit(granted);
        const masker = shareMasker(resource, grant.rawItems);
        const where = grantConditions(resource, grant);
        const row = where && key.length <= MAX_VALUE ? await reader.row(resource, key, where) : undefined;
        if (!row) throw new NotFoundError(resource.alias ?? resource.code, masker.key(key));
        return { body: rowOf(resource, items, masker, row), rows: 1 };
      });
    },

    /** GET /api/share/v1/:resource: rows meeting the caller's equality filters and the grant's, paged by key. */
    list(request: ShareRequest): Promise<ShareRowPage> {
      return serve(request, 'list', loggedQuery(request.query), undefined, async (granted) => {
        const { grant, resource, call } = granted;
        const items = chosenItems(resource, grant, request.query);
        call.items = items;
        const page = wholeNumber(request.query, 'page', 1, 1_000_000);
        const pageSize = wholeNumber(request.query, 'pageSize', 50, 500);
        const filters = callerFilters(resource, grant, request.query);
        await admit(granted);
        const where = grantConditions(resource, grant);
        const found = where
          ? await reader.page(resource, [...where, ...filters], { page, pageSize })
          : undefined;
        const masker = shareMasker(resource, grant.rawItems);
        const rows = (found?.rows ?? []).map((row) => rowOf(resource, items, masker, row));
        const name = resource.alias ?? resource.code;
        return {
          body: { resource: name, items: rows, total: found?.total ?? 0, page, pageSize },
          rows: rows.length,
        };
      });
    },

    /** GET /api/share/v1/:resource/changes: rows changed after the `since` cursor, oldest change first. */
    changes(request: ShareRequest): Promise<ShareChanges> {
      const { since: sent, limit: asked } = request.query;
      return serve(
        request,
        'changes',
        loggedQuery({ since: sent, limit: asked }),
        undefined,
        async (granted) => {
          const { grant, resource, call } = granted;
          const items = chosenItems(resource, grant, request.query);
          call.items = items;
          const limit = wholeNumber(request.query, 'limit', 100, 1000);
          const cursor = single(request.query, 'since');
          const codec = await cursorCodec();
          const since = cursor ? codec.decode(cursor, resource.id) : null;
          const filters = callerFilters(resource, grant, request.query);
          await admit(granted);
          const where = grantConditions(resource, grant);
          const before = await repo.feedHorizon();
          const found = where
            ? await reader.changes(resource, [...where, ...filters], since, before, limit + 1)
            : [];
          const page = found.slice(0, limit);
          const last = page.at(-1);
          const masker = shareMasker(resource, grant.rawItems);
          return {
            body: {
              resource: resource.alias ?? resource.code,
              items: page.map((row) => rowOf(resource, items, masker, row)),
              next: last ? codec.encode(resource.id, { at: last.at, key: last.key }) : (cursor ?? null),
              hasMore: found.length > limit,
            },
            rows: page.length,
          };
        },
      );
    },

    /**
     * Serves a call of another module's endpoint that authenticates with a sharing credential rather than a
     * session (a receiving department fetching its form submissions): the credential and its grant must be live
     * (401 and 403 as for any sharing call), the call counts against that grant's rate limit and daily quota once
     * `work` admits it, and it is logged in the call log like every other (no resource; `endpoint` names it),
     * served or refused, before the answer goes out. `work` decides what the caller's department may read; it
     * returns the body, the rows served and the items (field keys) they hold.
     */
    async serveCaller<T>(
      request: CallerRequest,
      work: (caller: ShareCaller) => Promise<{ body: T; rows: number; items?: string[] }>,
    ): Promise<T> {
      const started = performance.now();
      const call: CallRow = {
        at: new Date(),
        keyId: null,
        grantId: null,
        consumerDepartmentId: null,
        resourceId: null,
        endpoint: request.endpoint,
        items: null,
        query: request.query,
        rows: 0,
        outcome: 'ok',
        status: 200,
        ms: null,
        ip: request.ip,
      };
      let counted: UsageDelta[] = [];
      let anonymous = false;
      let result: T | undefined;
      let failure: unknown;
      try {
        const grant = await checkCredential(deps.credentials.get, request.authorization, (keyId) => {
          call.keyId = keyId;
        }).catch((refusal: unknown) => {
          anonymous = refusal instanceof UnauthorizedError;
          throw refusal;
        });
        call.grantId = grant.grantId;
        call.consumerDepartmentId = grant.consumerDepartmentId;
        const done = await work({
          departmentId: grant.consumerDepartmentId,
          consumingSystem: grant.consumingSystem,
          grantId: grant.grantId,
          keyId: call.keyId!,
          admit: async () => {
            if (counted.length) return;
            const now = new Date();
            await limits.prime(grant.grantId, now);
            counted = limits.reserve(grant, now);
          },
        });
        result = done.body;
        call.rows = done.rows;
        call.items = done.items ?? null;
      } catch (error) {
        failure = error;
        call.outcome = error instanceof DomainError ? error.code : 'error';
        call.status = error instanceof DomainError ? error.status : 500;
      }
      call.ms = performance.now() - started;
      await (anonymous ? log.refused(call) : log.record(call, counted));
      if (failure !== undefined) throw failure;
      return result as T;
    },

    /** Calls waiting for the call log (tests, health). */
    pendingLogs: () => log.pending(),
  };
}

export type ShareApiService = ReturnType<typeof createShareApiService>;
