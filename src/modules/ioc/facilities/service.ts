import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { AuditService } from '../../audit/index.ts';
import type { FacilityKind } from '../contract.ts';

export type Facility = {
  id: number;
  kind: FacilityKind;
  name: string;
  address: string | null;
  lng: number;
  lat: number;
  subdistrictCode: string | null;
  capacity: number | null;
};
export type FacilityInput = Omit<Facility, 'id' | 'subdistrictCode'> & { subdistrictCode?: string | null };

/** Schools, shelters and hospitals the screen shows (TODO(skeleton): implemented by the incidents area). */
export function createFacilityService(_deps: { db: Db; audit: AuditService }) {
  return {
    async list(_ctx: Ctx, _kind?: FacilityKind): Promise<Facility[]> {
      return [];
    },
    /** Adds or updates facilities by kind and name (the demo's and an import's); audited. */
    async upsertMany(_ctx: Ctx, _rows: FacilityInput[]): Promise<number> {
      return 0;
    },
  };
}
