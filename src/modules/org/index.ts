import type { Db } from '../../core/db.ts';
import type { AuditService } from '../audit/index.ts';
import './messages.ts';
import { orgRoutes } from './routes.ts';
import { createOrgService } from './service.ts';

export type { Department } from './contract.ts';
export { CENTER_CODE, seedDepartments } from './departments-seed.ts';
export { DISTRICT, insidePolygon, loadDistrictOutline, loadDivisions } from './divisions-source.ts';
export type { LearnEntry } from './places/contract.ts';
export type { PlaceIndex } from './places/place-index.ts';
export {
  type Located,
  locate,
  type Precision,
  precisions,
  type ResolvedAddress,
  resolveAddress,
} from './places/resolve.ts';
export { landmarksBySubdistrict, roadsBySubdistrict } from './places/roads.ts';
export type { PlacesService } from './places/service.ts';
export type { DepartmentDirectory, OrgService } from './service.ts';

/** Departments and administrative divisions. */
export function createOrgModule(deps: { db: Db; audit: AuditService }) {
  const service = createOrgService(deps);
  return { service, routes: orgRoutes(service) };
}
