import type { App } from '../../../core/http.ts';
import { me } from '../../accounts/contract.ts';
import type { CitizenServices } from '../services.ts';
import { signupBody } from './contract.ts';
import { SignupLockedError } from './service.ts';

/** Real-name sign-up: public, counted against the sign-in limit of the caller's address. */
export function signupRoutes(s: CitizenServices) {
  return async (app: App) => {
    app.post(
      '/api/citizen/signup',
      {
        config: { access: 'public', rateLimit: 'login' },
        schema: {
          summary: '市民实名注册（姓名、身份证号、手机号与人口库核验一致后开户并登录）',
          tags: ['citizen'],
          description:
            'Refused with one answer, 400 real_name_mismatch, whichever field does not match; after 5 failures for an ID number or 10 from an address within an hour, 429 signup_locked (with Retry-After); 409 id_number_registered when the ID number has an account.',
          body: signupBody,
          response: { 201: me },
        },
      },
      async (req, reply) => {
        try {
          const session = await s.signup.signUp(req.ctx, req.body, req.headers['user-agent']);
          s.signup.sessionCookie(reply, session.sessionToken, session.expiresAt);
          return reply.code(201).send(session.me);
        } catch (error) {
          if (error instanceof SignupLockedError)
            reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        }
      },
    );
  };
}
