import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../core/http.ts';
import type { AuthService } from './auth-service.ts';
import {
  apiToken,
  idParam,
  loginBody,
  me,
  passwordChangeBody,
  passwordResetBody,
  tokenCreate,
  tokenCreated,
  user,
  userCreate,
  userPage,
  userQuery,
  userUpdate,
  userWithPassword,
} from './contract.ts';
import { accountsPolicy } from './policy.ts';
import type { UsersService } from './users-service.ts';

export const SESSION_COOKIE = 'onecity_session';

/** Reads the credentials a request carries. */
export function requestCredentials(request: FastifyRequest) {
  const header = request.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  return { bearer, sessionToken: request.cookies[SESSION_COOKIE] };
}

/** Sets the session cookie of a session just opened (sign-in, or a resident's sign-up). */
export function setSessionCookie(
  reply: FastifyReply,
  value: string,
  expires: Date,
  cookie: { secure: boolean },
) {
  return reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    path: '/',
    expires,
  });
}

/** Sign-in, own profile, password, tokens; and account administration for admins. */
export function accountsRoutes(auth: AuthService, users: UsersService, cookie: { secure: boolean }) {
  const setCookie = (reply: FastifyReply, value: string, expires: Date) =>
    setSessionCookie(reply, value, expires, cookie);

  return async (app: App) => {
    const tags = ['accounts'];
    app.post(
      '/api/auth/login',
      {
        config: { access: 'public', rateLimit: 'login' },
        schema: { summary: '登录', tags, body: loginBody, response: { 200: me } },
      },
      async (req, reply) => {
        const { sessionToken, expiresAt, me } = await auth.login(
          req.ctx,
          req.body,
          req.headers['user-agent'],
        );
        setCookie(reply, sessionToken, expiresAt);
        return me;
      },
    );
    app.post(
      '/api/auth/logout',
      { config: { access: 'authenticated', screen: true }, schema: { summary: '退出登录', tags } },
      async (req, reply) => {
        await auth.logout(req.ctx, req.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/auth/me',
      {
        config: { access: 'authenticated', screen: true },
        schema: { summary: '当前用户', tags, response: { 200: me } },
      },
      (req) => auth.me(req.ctx),
    );
    app.post(
      '/api/auth/password',
      {
        config: { access: 'authenticated', screen: true },
        schema: { summary: '修改本人密码', tags, body: passwordChangeBody },
      },
      async (req, reply) => {
        await auth.changePassword(req.ctx, req.body, req.cookies[SESSION_COOKIE]);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/auth/tokens',
      {
        config: { access: 'authenticated' },
        schema: { summary: '列出本人的 API 令牌', tags, response: { 200: z.array(apiToken) } },
      },
      (req) => auth.listTokens(req.ctx),
    );
    app.post(
      '/api/auth/tokens',
      {
        config: { access: 'authenticated' },
        schema: { summary: '创建 API 令牌', tags, body: tokenCreate, response: { 201: tokenCreated } },
      },
      async (req, reply) => reply.code(201).send(await auth.createToken(req.ctx, req.body)),
    );
    app.delete(
      '/api/auth/tokens/:id',
      { config: { access: 'authenticated' }, schema: { summary: '吊销 API 令牌', tags, params: idParam } },
      async (req, reply) => {
        await auth.revokeToken(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );

    const admin = { access: accountsPolicy.administer };
    app.get(
      '/api/users',
      {
        config: admin,
        schema: { summary: '查询用户', tags, querystring: userQuery, response: { 200: userPage } },
      },
      (req) => users.list(req.ctx, req.query),
    );
    app.get(
      '/api/users/:id',
      { config: admin, schema: { summary: '查看用户', tags, params: idParam, response: { 200: user } } },
      (req) => users.get(req.ctx, req.params.id),
    );
    app.post(
      '/api/users',
      {
        config: admin,
        schema: { summary: '新建用户', tags, body: userCreate, response: { 201: userWithPassword } },
      },
      async (req, reply) => reply.code(201).send(await users.create(req.ctx, req.body)),
    );
    app.patch(
      '/api/users/:id',
      {
        config: admin,
        schema: { summary: '修改用户', tags, params: idParam, body: userUpdate, response: { 200: user } },
      },
      (req) => users.update(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/users/:id/password',
      {
        config: admin,
        schema: {
          summary: '重置用户密码',
          tags,
          params: idParam,
          body: passwordResetBody,
          response: { 200: userWithPassword },
        },
      },
      (req) => users.resetPassword(req.ctx, req.params.id, req.body.password),
    );
    app.post(
      '/api/users/:id/unlock',
      { config: admin, schema: { summary: '解除用户锁定', tags, params: idParam, response: { 200: user } } },
      (req) => users.unlock(req.ctx, req.params.id),
    );
  };
}
