import { z } from 'zod';
import type { App } from '../../../core/http.ts';
import { orgPolicy } from '../policy.ts';
import {
  boundaryCollection,
  boundaryQuery,
  boundaryRemoval,
  boundaryUploadResult,
  located,
  locateQuery,
  resolvedAddress,
  resolveQuery,
} from './contract.ts';
import type { PlacesService } from './service.ts';

/** Boundary files can be large (a community layer of a district is tens of megabytes). */
const BOUNDARY_LIMIT = 100 * 1024 ** 2;

/** Place routes: resolving addresses and points (staff), reading boundaries (staff), uploading them (admins). */
export function placesRoutes(places: PlacesService) {
  return async (app: App) => {
    const tags = ['org'];
    app.get(
      '/api/org/places/resolve',
      {
        config: { access: orgPolicy.places },
        schema: {
          summary: '地址解析（地址 → 坐标与街道、社区）',
          tags,
          querystring: resolveQuery,
          response: { 200: resolvedAddress.nullable() },
        },
      },
      (req) => places.resolveAddress(req.query.address),
    );
    app.get(
      '/api/org/places/locate',
      {
        config: { access: orgPolicy.places },
        schema: {
          summary: '坐标定位（坐标 → 街道、社区）',
          tags,
          querystring: locateQuery,
          response: { 200: located.nullable() },
        },
      },
      (req) => places.locate(req.query.lng, req.query.lat),
    );
    app.get(
      '/api/org/boundaries',
      {
        config: { access: orgPolicy.boundaryMaps },
        schema: {
          summary: '查询街道或社区边界（含近似边界标记）',
          tags,
          querystring: boundaryQuery,
          response: { 200: boundaryCollection },
        },
      },
      (req) => places.boundaries(req.ctx, req.query),
    );
    app.put(
      '/api/org/boundaries',
      {
        config: { access: orgPolicy.boundaries },
        bodyLimit: BOUNDARY_LIMIT,
        schema: {
          summary: '上传街道或社区真实边界（GeoJSON）',
          tags,
          body: z.unknown(),
          response: { 200: boundaryUploadResult },
        },
      },
      (req) => places.uploadBoundaries(req.ctx, req.body),
    );
    app.delete(
      '/api/org/boundaries',
      {
        config: { access: orgPolicy.boundaries },
        schema: {
          summary: '删除已上传的边界（恢复近似边界）',
          tags,
          querystring: boundaryRemoval,
          response: { 200: z.object({ removed: z.array(z.string()) }) },
        },
      },
      (req) => places.removeBoundaries(req.ctx, req.query),
    );
  };
}
