import type { App } from '../../core/http.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { createConflictService } from './conflicts/service.ts';
import {
  componentMap,
  componentMapQuery,
  conflict,
  conflictIdParam,
  conflictPage,
  conflictQuery,
  entityPage,
  entityParam,
  entityQuery,
  entityView,
  entityViewQuery,
  precedenceBody,
  precedenceItem,
  precedenceList,
  precedenceParam,
  registryParam,
  registryStatistics,
  registryStats,
  resolveBody,
} from './contract.ts';
import { createPrecedenceService } from './precedence/service.ts';
import { createRegistryReadService } from './entities/service.ts';
import './entities/messages.ts';
import type { Database } from '../../core/db.ts';
import type { RegistryService } from './service.ts';

const readers = ['admin', 'steward', 'leader', 'department_user'] as const;
const stewards = ['admin', 'steward'] as const;

/** The registry read API: search, entity pages, statistics, the component map, conflicts and precedence. */
export function registryReadRoutes(deps: {
  database: Database;
  catalog: CatalogService;
  audit: AuditService;
  registry: RegistryService;
}) {
  const read = createRegistryReadService(deps);
  const conflicts = createConflictService(deps);
  const precedence = createPrecedenceService(deps);
  return async (app: App) => {
    const tags = ['registry'];
    app.get(
      '/api/registry/stats',
      { config: { access: readers }, schema: { tags, response: { 200: registryStats } } },
      () => read.stats(),
    );
    app.get(
      '/api/registry/:registry/entities',
      {
        config: { access: readers },
        schema: { tags, params: registryParam, querystring: entityQuery, response: { 200: entityPage } },
      },
      (req) => read.search(req.ctx, req.params.registry, req.query),
    );
    app.get(
      '/api/registry/:registry/entities/:ref',
      {
        config: { access: readers },
        schema: { tags, params: entityParam, querystring: entityViewQuery, response: { 200: entityView } },
      },
      (req) => read.entity(req.ctx, req.params.registry, req.params.ref, req.query),
    );
    app.get(
      '/api/registry/:registry/statistics',
      {
        config: { access: readers },
        schema: { tags, params: registryParam, response: { 200: registryStatistics } },
      },
      (req) => read.statistics(req.params.registry),
    );
    app.get(
      '/api/registry/component/map',
      {
        config: { access: readers },
        schema: { tags, querystring: componentMapQuery, response: { 200: componentMap } },
      },
      (req) => read.componentMap(req.query),
    );
    app.get(
      '/api/registry/conflicts',
      {
        config: { access: readers },
        schema: { tags, querystring: conflictQuery, response: { 200: conflictPage } },
      },
      (req) => conflicts.list(req.ctx, req.query),
    );
    app.post(
      '/api/registry/conflicts/:id/resolve',
      {
        config: { access: stewards },
        schema: { tags, params: conflictIdParam, body: resolveBody, response: { 200: conflict } },
      },
      (req) => conflicts.resolve(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/registry/:registry/precedence',
      {
        config: { access: readers },
        schema: { tags, params: registryParam, response: { 200: precedenceList } },
      },
      (req) => precedence.list(req.ctx, req.params.registry),
    );
    app.put(
      '/api/registry/:registry/precedence/:item',
      {
        config: { access: stewards },
        schema: { tags, params: precedenceParam, body: precedenceBody, response: { 200: precedenceItem } },
      },
      (req) => precedence.set(req.ctx, req.params.registry, req.params.item, req.body.sources),
    );
  };
}
