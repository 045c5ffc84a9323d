import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Actor, Ctx, Role } from './context.ts';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from './errors.ts';
import { handleError } from './http-errors.ts';
import type { Logger } from './logger.ts';
import { type Lang, pickLang } from './messages.ts';
import { holds } from './policy.ts';
import { createRouteLimiters, RATE_LIMIT_NS, type RouteLimit } from './rate-limit.ts';

/**
 * Who may call a route: anyone, any signed-in user, holders of one of the roles, or holders of a sharing API
 * credential ('credential': no session is looked at; the route checks the credential itself).
 */
export type Access = 'public' | 'authenticated' | 'credential' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The limit on calls a minute per client address this route counts against (see rate-limit.ts). */
    rateLimit?: RouteLimit;
  }
  interface FastifyRequest {
    ctx: Ctx;
    lang: Lang;
    /** The message namespace of the module whose route answers (see registerModuleRoutes). */
    messageNs?: string;
  }
  interface FastifyInstance {
    accessTable: AccessEntry[];
  }
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/** Every API route with who may call it: checked at start, listed for tests and reviews. */
export type AccessEntry = { method: string; url: string; access: Access };

/** Resolves the caller from the request's session cookie or bearer token; null when there is none. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor | null>;

/** A module's routes: a Fastify plugin the composition root registers with registerModuleRoutes. */
export type ModuleRoutes = (app: App) => Promise<void>;

/** Registers a module's routes in a scope of their own whose errors are worded from the module's messages. */
export async function registerModuleRoutes(app: App, ns: string, routes: ModuleRoutes) {
  await app.register(async (scope: App) => {
    scope.addHook('onRequest', async (request) => {
      request.messageNs = ns;
    });
    await scope.register(routes);
  });
}

/** Creates the Fastify instance with validation, OpenAPI, error mapping and the access guard. */
export async function createHttpServer(opts: {
  config: Config;
  logger: Logger;
  authenticate: Authenticate;
  /** Called when a signed-in caller is refused a route, so the refusal can be audited. */
  onDenied: (ctx: Ctx, route: { method: string; url: string }) => Promise<unknown>;
  version: string;
  /** The clock of the rate limits (tests let time pass). */
  now?: () => Date;
}): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.logger,
    trustProxy: opts.config.trustProxy,
    // Every write is in the audit log already; per-request lines would only repeat it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'OneCity API',
        version: opts.version,
        description: 'OneCity data resource center platform',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'onecity_session' },
          token: { type: 'http', scheme: 'bearer' },
          shareKey: { type: 'http', scheme: 'bearer', bearerFormat: '<keyId>.<secret>' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Every API route must say who may call it: a route without `access` stops the server at start.
  const accessTable: AccessEntry[] = [];
  app.decorate('accessTable', accessTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') accessTable.push({ method, url: route.url, access });
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  // Before anything costs work: a refused call reads no session and runs no query.
  const now = opts.now;
  const limiters = createRouteLimiters(opts.config, now && (() => now().getTime()));
  app.addHook('onRequest', async (request, reply) => {
    const name = request.routeOptions.config?.rateLimit;
    if (!name) return;
    const hit = limiters.check(name, request.ip);
    if (hit.ok) return;
    reply.header('retry-after', String(hit.retryAfterSeconds));
    request.lang = pickLang(request.headers['accept-language']);
    request.messageNs = RATE_LIMIT_NS;
    throw new RateLimitedError(hit.retryAfterSeconds);
  });

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('lang', 'zh-CN');
  app.addHook('onRequest', async (request) => {
    request.lang = pickLang(request.headers['accept-language']);
    request.ctx = { actor: null, ip: request.ip ?? null, requestId: request.id };
    const access = request.routeOptions.config?.access;
    if (!access || access === 'credential') return; // static files and docs; sharing API routes
    const actor = await opts.authenticate(request).catch((error) => {
      if (access === 'public') return null;
      throw error;
    });
    request.ctx.actor = actor;
    if (access === 'public') return;
    if (!actor) throw new UnauthorizedError();
    if (access !== 'authenticated' && !holds(actor, access)) {
      await opts.onDenied(request.ctx, {
        method: request.method,
        url: request.routeOptions.url ?? request.url,
      });
      throw new ForbiddenError();
    }
  });
  return app;
}
