import { InputError } from '../../../core/errors.ts';
import type { App } from '../../../core/http.ts';
import { iotPolicy } from '../policy.ts';
import type { Profile, ProfileService } from '../profiles/service.ts';
import {
  deviceCodeParam,
  deviceCreate,
  deviceCreated,
  deviceDetail,
  deviceMap,
  devicePage,
  deviceQuery,
  deviceUpdate,
  faultBody,
  importQuery,
  importResult,
  mapQuery,
  overview,
  profile,
  profileCodeParam,
  profileList,
  profileUpdate,
  retireBody,
  tokenAnswer,
  XLSX_TYPE,
} from './contract.ts';
import type { DeviceService } from './service.ts';

// A workbook of a few thousand devices is well under a megabyte; room for styled files.
const IMPORT_LIMIT = 10 * 1024 * 1024;

/** A profile as the API shows it. */
function profileOut(p: Profile) {
  return { ...p, updatedAt: p.updatedAt.toISOString() };
}

/** The device registry's routes, the profiles and the overview. */
export function devicesRoutes(s: { devices: DeviceService; profiles: ProfileService }) {
  const { devices, profiles } = s;
  return async (app: App) => {
    const tags = ['iot'];
    // Parsers of this plugin only: the workbook arrives as the raw request body, as the catalog's import takes it.
    app.addContentTypeParser(
      [XLSX_TYPE, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
      (_req, body, done) => done(null, body),
    );

    app.get(
      '/api/iot/profiles',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '设备类型列表', tags, response: { 200: profileList } },
      },
      async () => ({ items: (await profiles.list()).map(profileOut) }),
    );
    app.patch(
      '/api/iot/profiles/:code',
      {
        config: { access: iotPolicy.configure },
        schema: {
          summary: '修改设备类型（数据保留天数、离线判定时间）',
          tags,
          params: profileCodeParam,
          body: profileUpdate,
          response: { 200: profile },
        },
      },
      async (req) => profileOut(await profiles.update(req.ctx, req.params.code, req.body)),
    );
    app.get(
      '/api/iot/overview',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '感知设备与告警概况', tags, response: { 200: overview } },
      },
      (req) => devices.overview(req.ctx),
    );
    app.get(
      '/api/iot/devices',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '查询设备', tags, querystring: deviceQuery, response: { 200: devicePage } },
      },
      (req) => devices.list(req.ctx, req.query),
    );
    app.get(
      '/api/iot/devices/map',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '设备分布（地图）', tags, querystring: mapQuery, response: { 200: deviceMap } },
      },
      (req) => devices.map(req.ctx, req.query),
    );
    app.get(
      '/api/iot/devices/template.xlsx',
      { config: { access: iotPolicy.manage }, schema: { summary: '下载设备导入模板（XLSX）', tags } },
      async (_req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="iot-devices-template.xlsx"; filename*=UTF-8''${encodeURIComponent('设备导入模板.xlsx')}`,
          )
          .send(await devices.template()),
    );
    app.post(
      '/api/iot/devices/import',
      {
        config: { access: iotPolicy.manage },
        bodyLimit: IMPORT_LIMIT,
        schema: {
          summary: '从 XLSX 导入设备',
          tags,
          description: `The workbook as the raw request body, Content-Type ${XLSX_TYPE}. All or nothing: with any bad row nothing is written and \`errors\` lists every problem.`,
          querystring: importQuery,
          response: { 200: importResult },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new InputError('not_a_workbook', 'The body is not an XLSX workbook');
        return devices.importXlsx(req.ctx, req.body, { dryRun: req.query.dryRun === 'true' });
      },
    );
    app.get(
      '/api/iot/devices/:code',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '查看设备', tags, params: deviceCodeParam, response: { 200: deviceDetail } },
      },
      (req) => devices.detail(req.ctx, req.params.code),
    );
    app.post(
      '/api/iot/devices',
      {
        config: { access: iotPolicy.manage },
        schema: { summary: '登记设备', tags, body: deviceCreate, response: { 201: deviceCreated } },
      },
      async (req, reply) => {
        const made = await devices.register(req.ctx, req.body);
        return reply.code(201).send({ device: await devices.detail(req.ctx, made.code), token: made.token });
      },
    );
    app.patch(
      '/api/iot/devices/:code',
      {
        config: { access: iotPolicy.manage },
        schema: {
          summary: '修改设备',
          tags,
          params: deviceCodeParam,
          body: deviceUpdate,
          response: { 200: deviceDetail },
        },
      },
      async (req) => {
        await devices.update(req.ctx, req.params.code, req.body);
        return devices.detail(req.ctx, req.params.code);
      },
    );
    app.post(
      '/api/iot/devices/:code/retire',
      {
        config: { access: iotPolicy.manage },
        schema: {
          summary: '报废设备（令牌随即失效）',
          tags,
          params: deviceCodeParam,
          body: retireBody,
          response: { 200: deviceDetail },
        },
      },
      async (req) => {
        await devices.retire(req.ctx, req.params.code, req.body.reason);
        return devices.detail(req.ctx, req.params.code);
      },
    );
    app.post(
      '/api/iot/devices/:code/token',
      {
        config: { access: iotPolicy.manage },
        schema: {
          summary: '重置设备访问令牌',
          tags,
          params: deviceCodeParam,
          response: { 200: tokenAnswer },
        },
      },
      (req) => devices.rotateToken(req.ctx, req.params.code),
    );
    app.post(
      '/api/iot/devices/:code/fault',
      {
        config: { access: iotPolicy.manage },
        schema: {
          summary: '标记设备故障或恢复',
          tags,
          params: deviceCodeParam,
          body: faultBody,
          response: { 200: deviceDetail },
        },
      },
      async (req) => {
        await devices.setFault(req.ctx, req.params.code, req.body.fault, req.body.reason);
        return devices.detail(req.ctx, req.params.code);
      },
    );
  };
}
