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
import {
  bodyProblems,
  checkQueryLength,
  checkSameOrigin,
  invalidText,
  PUBLIC_BODY_LIMIT,
  SIGNED_IN_BODY_LIMIT,
  setSecurityHeaders,
  urlProblems,
} from './http-guards.ts';
import type { Logger } from './logger.ts';
import { type Lang, pickLang } from './messages.ts';
import { holds, isScreenOnly } from './policy.ts';
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
    /**
     * An 'authenticated' route a screen account (role `screen` alone) may call too: its own session's routes.
     * Every other 'authenticated' route refuses it, as a wall display must show the screen and nothing else.
     */
    screen?: boolean;
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
/** A route and who may call it; `screen` when a screen account may call an 'authenticated' route. */
export type AccessEntry = { method: string; url: string; access: Access; screen?: boolean };

/** Resolves the caller from the request's session cookie or bearer token; null when there is none. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor | null>;

/** A module's routes: a Fastify plugin the composition root registers with registerModuleRoutes. */
export type ModuleRoutes = (app: App) => Promise<void>;

/** The response headers of a server-sent-events stream (a route writes them on the raw reply it hijacked). */
export const eventStreamHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-content-type-options': 'nosniff',
  // nginx would otherwise hold events back in its buffer.
  'x-accel-buffering': 'no',
} as const;

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
    // Anything a route does not raise (see onRoute below) takes the small limit of anonymous callers.
    bodyLimit: PUBLIC_BODY_LIMIT,
    // A URL the router cannot decode (bytes that are not UTF-8), or a too long path parameter, gets the same
    // problem document and headers as any other bad request instead of Fastify's text echoing the URL.
    frameworkErrors: (error, request, reply) => {
      request.lang = pickLang(request.headers['accept-language']);
      setSecurityHeaders(reply);
      return handleError(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (_request, reply) => {
    setSecurityHeaders(reply);
  });
  // JSON bodies are read as bytes so that bytes that are not UTF-8 are refused, not turned into U+FFFD; a
  // string holding NUL or a lone surrogate is refused by its path before any route or query sees it.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
    } catch {
      return done(invalidText([{ field: 'body', reason: 'not_utf8' }]));
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error);
      const problems = bodyProblems(value);
      done(problems.length ? invalidText(problems) : null, value);
    });
  });
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
    const access = route.config?.access;
    // Signed-in callers are checked before their body is read; anyone else's body stays small.
    if (access === 'public' || access === 'credential')
      route.bodyLimit = Math.min(route.bodyLimit ?? PUBLIC_BODY_LIMIT, PUBLIC_BODY_LIMIT);
    else if (access) route.bodyLimit ??= SIGNED_IN_BODY_LIMIT;
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        accessTable.push({ method, url: route.url, access, ...(route.config?.screen && { screen: true }) });
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
    // Bad text in the URL never reaches a route, a query or a log.
    checkQueryLength(request.url);
    const problems = urlProblems(request.url, request.params);
    if (problems.length) throw invalidText(problems);
    const access = request.routeOptions.config?.access;
    if (!access || access === 'credential') return; // static files and docs; sharing API routes
    const actor = await opts.authenticate(request).catch((error) => {
      if (access === 'public') return null;
      throw error;
    });
    request.ctx.actor = actor;
    // Only the session cookie rides along on a forged request; tokens and credentials are sent on purpose.
    if (actor?.via === 'session') checkSameOrigin(request);
    if (access === 'public') return;
    if (!actor) throw new UnauthorizedError();
    const screenOnly =
      access === 'authenticated' && isScreenOnly(actor) && !request.routeOptions.config.screen;
    if (screenOnly || (access !== 'authenticated' && !holds(actor, access))) {
      await opts.onDenied(request.ctx, {
        method: request.method,
        url: request.routeOptions.url ?? request.url,
      });
      throw new ForbiddenError();
    }
  });
  return app;
}
