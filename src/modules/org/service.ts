import type { Ctx } from '../../core/context.ts';
import { type Db, isUniqueViolation } from '../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../core/errors.ts';
import { fieldChanges } from '../../core/field-changes.ts';
import type { AuditService } from '../audit/index.ts';
import type {
  Department,
  DepartmentCreate,
  DepartmentQuery,
  DepartmentUpdate,
  DistrictMap,
  Division,
} from './contract.ts';
import { seedDepartments, subdistrictOffice } from './departments-seed.ts';
import { DISTRICT, loadDistrictOutline, loadDivisions } from './divisions-source.ts';
import { createPlacesService } from './places/service.ts';
import * as repo from './repository.ts';

type DepartmentRow = Awaited<ReturnType<typeof repo.findDepartmentById>> & {};

function toDepartment(row: DepartmentRow): Department {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function duplicateCode(code: string | undefined) {
  const fields = [{ field: 'code', reason: 'duplicate_code', params: { code } }];
  return new ConflictError('duplicate_code', `Code ${code} is already used`, { code }, fields);
}

export type OrgService = ReturnType<typeof createOrgService>;

/** Every department (active or not, as old records still name retired ones), looked up by id, code or name. */
export type DepartmentDirectory = {
  /** In the console's order. */
  all: Department[];
  byId: Map<number, Department>;
  byCode: Map<string, Department>;
  byName: Map<string, Department>;
};

/** Departments and administrative divisions of the district. */
export function createOrgService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;
  let outline: ReturnType<typeof loadDistrictOutline> | undefined;
  const districtOutline = () => (outline ??= loadDistrictOutline());
  const places = createPlacesService({ db, audit, outline: districtOutline });

  async function checkDivision(code: string | null | undefined) {
    if (code && !(await repo.findDivision(db, code))) {
      throw new InputError(
        'unknown_division',
        `Division ${code} does not exist`,
        [{ field: 'divisionCode', reason: 'invalid' }],
        {
          division: code,
        },
      );
    }
  }

  return {
    /** The district's places: point → place, address → point and place, the gazetteer, boundaries. */
    places,

    /** Loads the divisions (first start only) and adds any missing seed departments. Idempotent. */
    async seed() {
      if ((await repo.countDivisions(db)) === 0) await repo.upsertDivisions(db, await loadDivisions());
      const subdistricts = await repo.findDivisions(db, { level: 'subdistrict' });
      await repo.insertMissingDepartments(db, [...seedDepartments, ...subdistricts.map(subdistrictOffice)]);
    },

    /** Departments, filtered and paged. */
    async listDepartments(_ctx: Ctx, q: DepartmentQuery) {
      const { items, total } = await repo.findDepartments(db, q);
      return { items: items.map(toDepartment), total };
    },

    /** One department by id. */
    async getDepartment(_ctx: Ctx, id: number): Promise<Department> {
      const row = await repo.findDepartmentById(db, id);
      if (!row) throw new NotFoundError('department', id);
      return toDepartment(row);
    },

    /** One department by code, or undefined. */
    async findDepartmentByCode(code: string): Promise<Department | undefined> {
      const row = await repo.findDepartmentByCode(db, code);
      return row && toDepartment(row);
    },

    /** All departments at once, for modules that show or read department names and codes in bulk. */
    async departmentDirectory(): Promise<DepartmentDirectory> {
      const all = (await repo.findAllDepartments(db)).map(toDepartment);
      return {
        all,
        byId: new Map(all.map((d) => [d.id, d])),
        byCode: new Map(all.map((d) => [d.code, d])),
        // Names are not unique in the table; the first in the console's order wins, as in a list a person reads.
        byName: new Map(all.toReversed().map((d) => [d.name, d])),
      };
    },

    /** Creates a department; its code must be new. */
    async createDepartment(ctx: Ctx, input: DepartmentCreate): Promise<Department> {
      await checkDivision(input.divisionCode);
      try {
        return await db.transaction(async (tx) => {
          const row = await repo.insertDepartment(tx, input);
          await audit.record(tx, ctx, {
            action: 'department.create',
            targetType: 'department',
            targetId: row.id,
            detail: { ...input },
          });
          return toDepartment(row);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateCode(input.code);
        throw error;
      }
    },

    /** Edits a department; `active: false` retires it without losing its history. */
    async updateDepartment(ctx: Ctx, id: number, input: DepartmentUpdate): Promise<Department> {
      await checkDivision(input.divisionCode);
      try {
        return await db.transaction(async (tx) => {
          const before = await repo.findDepartmentById(tx, id);
          if (!before) throw new NotFoundError('department', id);
          const row = (await repo.updateDepartment(tx, id, input))!;
          const changes = fieldChanges(before, input);
          await audit.record(tx, ctx, {
            action: 'department.update',
            targetType: 'department',
            targetId: id,
            detail: changes,
          });
          return toDepartment(row);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateCode(input.code);
        throw error;
      }
    },

    /** Divisions by level and parent. */
    listDivisions(_ctx: Ctx, filter: { level?: string; parent?: string }): Promise<Division[]> {
      return repo.findDivisions(db, filter);
    },

    /** The district outline with its subdistricts' approximate centres, for maps. */
    async districtMap(_ctx: Ctx): Promise<DistrictMap> {
      const all = await repo.findDivisions(db, {});
      const district = all.find((d) => d.code === DISTRICT.code)!;
      const subdistricts = all
        .filter((d) => d.level === 'subdistrict')
        .map((s) => ({ ...s, communities: all.filter((c) => c.parentCode === s.code).length }));
      return { district, outline: districtOutline(), subdistricts };
    },

    /** Counts for the home page. */
    async stats() {
      const levels = await repo.countDivisionsByLevel(db);
      const n = (level: string) => levels.find((l) => l.level === level)?.n ?? 0;
      const { total } = await repo.findDepartments(db, {
        page: 1,
        pageSize: 1,
        sort: 'sort',
        active: 'true',
      });
      return { departments: total, subdistricts: n('subdistrict'), communities: n('community') };
    },
  };
}
