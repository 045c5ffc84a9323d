import { z } from 'zod';
import type { App } from '../../core/http.ts';
import {
  department,
  departmentCreate,
  departmentPage,
  departmentQuery,
  departmentUpdate,
  districtMap,
  division,
  divisionQuery,
  idParam,
} from './contract.ts';
import { placesRoutes } from './places/routes.ts';
import { orgPolicy } from './policy.ts';
import type { OrgService } from './service.ts';

/** Departments (everyone reads, admins edit) and divisions (everyone reads). */
export function orgRoutes(service: OrgService) {
  return async (app: App) => {
    const tags = ['org'];
    app.get(
      '/api/departments',
      {
        config: { access: 'authenticated' },
        schema: {
          summary: '查询部门',
          tags,
          querystring: departmentQuery,
          response: { 200: departmentPage },
        },
      },
      (req) => service.listDepartments(req.ctx, req.query),
    );
    app.get(
      '/api/departments/:id',
      {
        config: { access: 'authenticated' },
        schema: { summary: '查看部门', tags, params: idParam, response: { 200: department } },
      },
      (req) => service.getDepartment(req.ctx, req.params.id),
    );
    app.post(
      '/api/departments',
      {
        config: { access: orgPolicy.manage },
        schema: { summary: '新建部门', tags, body: departmentCreate, response: { 201: department } },
      },
      async (req, reply) => reply.code(201).send(await service.createDepartment(req.ctx, req.body)),
    );
    app.patch(
      '/api/departments/:id',
      {
        config: { access: orgPolicy.manage },
        schema: {
          summary: '修改部门',
          tags,
          params: idParam,
          body: departmentUpdate,
          response: { 200: department },
        },
      },
      (req) => service.updateDepartment(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/divisions',
      {
        config: { access: 'authenticated' },
        schema: {
          summary: '查询行政区划',
          tags,
          querystring: divisionQuery,
          response: { 200: z.array(division) },
        },
      },
      (req) => service.listDivisions(req.ctx, req.query),
    );
    app.get(
      '/api/divisions/map',
      {
        // The operations center's screen draws the district too (a screen account may call nothing else here).
        config: { access: 'authenticated', screen: true },
        schema: { summary: '获取辖区地图（轮廓与街镇位置）', tags, response: { 200: districtMap } },
      },
      (req) => service.districtMap(req.ctx),
    );
    await app.register(placesRoutes(service.places));
  };
}
