import type { Ctx } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import { openLicenses } from '../licenses.ts';
import type { OpenDataService } from '../service.ts';
import { CkanError, ckanInvalid, ckanNotFound } from './errors.ts';
import { ckanFacets } from './facets.ts';
import { ckanLicense, packageDict } from './package.ts';
import { intParam, matcher, parseClauses, sorter } from './query.ts';

/** An action's parameters: the query string merged with a JSON body (CKAN clients use either). */
export type CkanParams = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The CKAN Action API subset: package_list, package_show, package_search and license_list. */
function createCkanActions(open: OpenDataService) {
  return {
    /** Names of all published datasets, in name order; `limit` and `offset` page them. */
    async package_list(ctx: Ctx, params: CkanParams) {
      const names = (await open.published(ctx)).map((p) => p.name).sort();
      const offset = intParam(params.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
      const limit = intParam(params.limit, 'limit', names.length, names.length);
      return names.slice(offset, offset + limit);
    },

    /** One dataset by name or id (the catalog code), as a CKAN package dictionary. */
    async package_show(ctx: Ctx, params: CkanParams, baseUrl: string) {
      const id = text(params.id) || text(params.name);
      if (!id) throw ckanInvalid('id', 'Missing value');
      if (id.length > 60) throw ckanNotFound();
      const found = await open.find(ctx, id).catch((error) => {
        if (error instanceof DomainError && error.status === 404) throw ckanNotFound();
        throw error;
      });
      return packageDict(found, baseUrl);
    },

    /**
     * Searches the published datasets: `q` as the portal's search (names, items, pinyin and its initials) or as
     * `field:value` clauses, `fq` clauses (see query.ts), `sort`, `rows` (default 10, at most 1000) and `start`.
     */
    async package_search(ctx: Ctx, params: CkanParams, baseUrl: string) {
      const rows = intParam(params.rows, 'rows', 10, 1000);
      const start = intParam(params.start, 'start', 0, Number.MAX_SAFE_INTEGER);
      const q = text(params.q);
      if (q.length > 200) throw ckanInvalid('q', 'Query too long');
      const fq = text(params.fq);
      const sort = text(params.sort) || 'score desc, metadata_modified desc';
      // `*:*` and `*` ask for everything; `field:value` clauses filter like fq; other text is the portal's search.
      const everything = q === '' || q === '*:*' || q === '*';
      const fielded = !everything && /^\+?[a-z_]+:/i.test(q);
      const clauses = [...(fielded ? parseClauses(q) : []), ...(fq ? parseClauses(fq) : [])];
      const accepts = matcher(clauses);
      const order = sorter(sort);
      const search = everything || fielded ? undefined : q;
      const matches = (await open.published(ctx, { q: search })).filter(accepts).sort(order);
      return {
        count: matches.length,
        sort,
        results: matches.slice(start, start + rows).map((p) => packageDict(p, baseUrl)),
        ...ckanFacets(matches, params),
      };
    },

    /** The licenses a dataset here may carry, as CKAN's license list describes them. */
    async license_list() {
      return Object.values(openLicenses).map(ckanLicense);
    },
  };
}

type CkanActions = ReturnType<typeof createCkanActions>;

/** A CKAN answer: the HTTP status and CKAN's envelope {help, success, result} or {help, success: false, error}. */
export type CkanAnswer = { status: number; body: Record<string, unknown> };

export type CkanService = ReturnType<typeof createCkanService>;

/** The CKAN Action API: runs an action by name and answers in CKAN's envelope, errors included. */
export function createCkanService(open: OpenDataService) {
  const actions = createCkanActions(open);
  return {
    /** Runs action `name`; `baseUrl` is where this server is reached, for the help link and resource URLs. */
    async call(ctx: Ctx, name: string, params: CkanParams, baseUrl: string): Promise<CkanAnswer> {
      const help = `${baseUrl}/open/api/3/action/help_show?name=${encodeURIComponent(name)}`;
      if (!Object.hasOwn(actions, name)) {
        return {
          status: 400,
          body: {
            help,
            success: false,
            error: { __type: 'Bad Request', message: `Bad request - Action name not known: ${name}` },
          },
        };
      }
      try {
        const result = await actions[name as keyof CkanActions](ctx, params, baseUrl);
        return { status: 200, body: { help, success: true, result } };
      } catch (error) {
        if (!(error instanceof CkanError)) throw error;
        return { status: error.status, body: { help, success: false, error: error.body } };
      }
    },
  };
}
