import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { OrgService } from '../../org/index.ts';
import * as repo from './repository.ts';
import { cellDegrees, round6 } from './views.ts';

const CELL_METRES = 200;
const POINT_LIMIT = 2000;

/** The cases open now: in total, past their due time, and per subdistrict (null: not placed). */
export type OpenFigures = {
  open: number;
  overdue: number;
  bySubdistrict: { subdistrictCode: string | null; open: number; overdue: number }[];
};

/** Where the open cases are: the newest points and a heat grid of all of them. */
export type OpenCaseMap = {
  points: { number: string; lng: number; lat: number; categoryCode: string | null; status: string }[];
  /** [lng, lat, count] cell centres. */
  heat: [number, number, number][];
  cellMetres: number;
  limit: number;
};

/**
 * The cases still open now (not closed, not merged), as the operations screen and the dashboards show them. The
 * center and leaders see every department's, a department its own (`scope` says which, or refuses).
 */
export function createOpenCaseReads(deps: {
  db: Db;
  org: OrgService;
  now: () => Date;
  scope: (ctx: Ctx) => Promise<number | undefined>;
}) {
  const { db } = deps;
  return {
    /** How many cases are open now, how many of them overdue, and both per subdistrict. */
    async openFigures(ctx: Ctx): Promise<OpenFigures> {
      const rows = await repo.openCounts(db, deps.now(), await deps.scope(ctx));
      return {
        open: rows.reduce((sum, r) => sum + r.open, 0),
        overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
        bySubdistrict: rows.map((r) => ({
          subdistrictCode: r.subdistrict_code,
          open: r.open,
          overdue: r.overdue,
        })),
      };
    },

    /** The open cases on the map: up to 2000 points, newest first, and ~200 m heat cells of every placed one. */
    async openMap(ctx: Ctx): Promise<OpenCaseMap> {
      const departmentId = await deps.scope(ctx);
      const centre = (await deps.org.districtMap(ctx)).district;
      const { lngStep, latStep } = cellDegrees(CELL_METRES, centre.lat ?? 30);
      const [cells, points] = await Promise.all([
        repo.openHeatCells(db, lngStep, latStep, departmentId),
        repo.openPoints(db, POINT_LIMIT, departmentId),
      ]);
      return {
        points,
        heat: cells.map((c) => [round6(c.lng), round6(c.lat), c.count]),
        cellMetres: CELL_METRES,
        limit: POINT_LIMIT,
      };
    },
  };
}
