import type { App } from '../../../core/http.ts';
import { license } from '../../registry/contract.ts';
import { citizenPolicy } from '../policy.ts';
import {
  licenseShare,
  licenseShares,
  shareCreate,
  shareCreated,
  sharedLicense,
  shareIdParam,
  shareTokenParam,
  walletLicenseParam,
  walletLicenses,
} from './contract.ts';
import type { WalletService } from './service.ts';

/** The `x-acting-for` header: the company a resident acts for (absent: themselves). */
const actingFor = (headers: Record<string, string | string[] | undefined>) => {
  const value = headers['x-acting-for'];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The wallet: a resident's (or their company's) licenses with QR codes, links that show one for a while, and the
 * public page such a link opens (rate-limited like the public verification).
 */
export function walletRoutes(s: WalletService) {
  return async (app: App) => {
    const tags = ['citizen'];
    const access = citizenPolicy.resident;
    app.get(
      '/api/citizen/licenses',
      {
        config: { access },
        schema: { summary: '我的电子证照', tags, response: { 200: walletLicenses } },
      },
      (req) => s.licenses(req.ctx, actingFor(req.headers)),
    );
    app.get(
      '/api/citizen/licenses/:id',
      {
        config: { access },
        schema: { summary: '查看我的电子证照', tags, params: walletLicenseParam, response: { 200: license } },
      },
      (req) => s.license(req.ctx, actingFor(req.headers), req.params.id),
    );
    app.post(
      '/api/citizen/licenses/:id/shares',
      {
        config: { access },
        schema: {
          summary: '生成证照分享链接（链接只显示这一次）',
          tags,
          params: walletLicenseParam,
          body: shareCreate,
          response: { 201: shareCreated },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await s.share(req.ctx, actingFor(req.headers), req.params.id, req.body)),
    );
    app.get(
      '/api/citizen/licenses/:id/shares',
      {
        config: { access },
        schema: {
          summary: '证照的分享链接',
          tags,
          params: walletLicenseParam,
          response: { 200: licenseShares },
        },
      },
      async (req) => ({ items: await s.shares(req.ctx, actingFor(req.headers), req.params.id) }),
    );
    app.delete(
      '/api/citizen/shares/:shareId',
      {
        config: { access },
        schema: { summary: '撤销证照分享链接', tags, params: shareIdParam, response: { 200: licenseShare } },
      },
      (req) => s.revokeShare(req.ctx, req.params.shareId),
    );
    app.get(
      '/api/public/license-shares/:token',
      {
        config: { access: 'public', rateLimit: 'verify' },
        schema: {
          summary: '查看他人分享的电子证照',
          tags,
          params: shareTokenParam,
          response: { 200: sharedLicense },
        },
      },
      (req) => s.open(req.ctx, req.params.token),
    );
  };
}
