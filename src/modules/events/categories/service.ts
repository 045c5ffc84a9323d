import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { DepartmentDirectory, OrgService } from '../../org/index.ts';
import type {
  Category,
  CategoryCreate,
  CategoryUpdate,
  DispatchRule,
  DispatchRuleInput,
} from './contract.ts';
import * as repo from './repository.ts';
import { type CategorySeed, seedCategories } from './seed.ts';

// Several processes may share one database: an edit made by another is seen within this time.
const CACHE_MS = 30_000;

type Snapshot = {
  categories: Category[];
  byCode: Map<string, Category>;
  rules: DispatchRule[];
  departments: DepartmentDirectory;
  loadedAt: number;
};

export type CategoryService = ReturnType<typeof createCategoryService>;

/** The case categories and dispatch rules: data the center edits, read on every intake (kept in memory). */
export function createCategoryService(deps: { db: Db; audit: AuditService; org: OrgService }) {
  const { db, audit, org } = deps;
  let snapshot: Promise<Snapshot> | undefined;

  async function load(): Promise<Snapshot> {
    const [rows, ruleRows, departments] = await Promise.all([
      repo.listCategories(db),
      repo.listDispatchRules(db),
      org.departmentDirectory(),
    ]);
    const categories = rows.map((r) => {
      const d = departments.byId.get(r.departmentId);
      return { ...r, departmentName: d?.name ?? null, departmentCode: d?.code ?? null };
    });
    const rules = ruleRows.map((r) => ({
      ...r,
      departmentName: departments.byId.get(r.departmentId)?.name ?? null,
    }));
    return {
      categories,
      byCode: new Map(categories.map((c) => [c.code, c])),
      rules,
      departments,
      loadedAt: Date.now(),
    };
  }

  async function current(): Promise<Snapshot> {
    const s = snapshot && (await snapshot);
    if (s && Date.now() - s.loadedAt < CACHE_MS) return s;
    snapshot = load();
    snapshot.catch(() => {
      snapshot = undefined;
    });
    return snapshot;
  }

  function refresh() {
    snapshot = undefined;
  }

  async function checkDepartment(departmentId: number) {
    const { departments } = await current();
    const d = departments.byId.get(departmentId) ?? (await org.departmentDirectory()).byId.get(departmentId);
    if (!d?.active)
      throw new InputError('unknown_department', 'Unknown department', [
        { field: 'departmentId', reason: 'invalid' },
      ]);
  }

  return {
    /**
     * Adds the seed categories missing from the table, and `more` (another module's, e.g. the sensing layer's
     * overload cases), their departments found by code. Idempotent.
     */
    async seed(more: readonly CategorySeed[] = []) {
      const departments = await org.departmentDirectory();
      await repo.insertMissingCategories(
        db,
        [...seedCategories, ...more].flatMap((c, i) => {
          const d = departments.byCode.get(c.department);
          return d
            ? [{ code: c.code, name: c.name, departmentId: d.id, timeLimit: c.limit, sort: i * 10 }]
            : [];
        }),
      );
      refresh();
    },

    /** Every category (active or not), in order. */
    async list(): Promise<Category[]> {
      return (await current()).categories;
    },

    /** One category by code, or undefined. */
    async find(code: string): Promise<Category | undefined> {
      return (await current()).byCode.get(code);
    },

    /** The category of `code`, or an input error naming `field`. */
    async require(code: string, field = 'categoryCode'): Promise<Category> {
      const c = (await current()).byCode.get(code);
      if (!c?.active)
        throw new InputError(
          'unknown_category',
          `Unknown category ${code}`,
          [{ field, reason: 'unknown_category' }],
          {
            code,
          },
        );
      return c;
    },

    /** The departments, as the snapshot knows them (for naming them in views). */
    async departments(): Promise<DepartmentDirectory> {
      return (await current()).departments;
    },

    /**
     * The department a case of this category in this subdistrict goes to: the most specific rule (category and
     * subdistrict, then category anywhere, then the subdistrict for any category), else the category's own.
     */
    async route(categoryCode: string, subdistrictCode: string | null): Promise<number> {
      const s = await current();
      const pick = (cat: string | null, sub: string | null) =>
        s.rules.find((r) => r.categoryCode === cat && r.subdistrictCode === sub);
      const rule =
        (subdistrictCode && pick(categoryCode, subdistrictCode)) ||
        pick(categoryCode, null) ||
        (subdistrictCode && pick(null, subdistrictCode));
      if (rule) return rule.departmentId;
      const category = s.byCode.get(categoryCode);
      if (!category) throw new NotFoundError('category', categoryCode);
      return category.departmentId;
    },

    /** Creates a category. */
    async create(ctx: Ctx, input: CategoryCreate): Promise<Category> {
      await checkDepartment(input.departmentId);
      if ((await current()).byCode.has(input.code))
        throw new ConflictError('duplicate_category', `Category ${input.code} exists`, { code: input.code }, [
          { field: 'code', reason: 'duplicate_category' },
        ]);
      await db.transaction(async (tx) => {
        await repo.insertCategory(tx, input);
        await audit.record(tx, ctx, {
          action: 'events.category_create',
          targetType: 'category',
          targetId: input.code,
          detail: input,
        });
      });
      refresh();
      return (await this.find(input.code))!;
    },

    /** Changes a category's name, department, time limit, order or whether it is offered. */
    async update(ctx: Ctx, code: string, input: CategoryUpdate): Promise<Category> {
      if (input.departmentId !== undefined) await checkDepartment(input.departmentId);
      await db.transaction(async (tx) => {
        const row = await repo.updateCategory(tx, code, input);
        if (!row) throw new NotFoundError('category', code);
        await audit.record(tx, ctx, {
          action: 'events.category_update',
          targetType: 'category',
          targetId: code,
          detail: input,
        });
      });
      refresh();
      return (await this.find(code))!;
    },

    /** Every dispatch rule. */
    async rules(): Promise<DispatchRule[]> {
      return (await current()).rules;
    },

    /** Sets the department for a category in a subdistrict (either may be null: any). */
    async setRule(ctx: Ctx, input: DispatchRuleInput): Promise<DispatchRule> {
      await checkDepartment(input.departmentId);
      if (input.categoryCode) await this.require(input.categoryCode);
      if (input.categoryCode === null && input.subdistrictCode === null)
        throw new InputError('rule_too_wide', 'A rule names a category, a subdistrict or both', [
          { field: 'categoryCode', reason: 'rule_too_wide' },
        ]);
      const row = await db.transaction(async (tx) => {
        const r = await repo.upsertDispatchRule(tx, input);
        await audit.record(tx, ctx, {
          action: 'events.rule_set',
          targetType: 'dispatch_rule',
          targetId: r.id,
          detail: input,
        });
        return r;
      });
      refresh();
      return (await this.rules()).find((r) => r.id === row.id)!;
    },

    /** Removes a dispatch rule. */
    async removeRule(ctx: Ctx, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await repo.deleteDispatchRule(tx, id);
        if (!row) throw new NotFoundError('dispatch_rule', id);
        await audit.record(tx, ctx, {
          action: 'events.rule_remove',
          targetType: 'dispatch_rule',
          targetId: id,
          detail: row,
        });
      });
      refresh();
    },
  };
}
