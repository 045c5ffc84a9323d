import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { CatalogService, DataItem, Resource } from '../../catalog/index.ts';
import type { IngestService } from '../../ingest/index.ts';
import { validateValue } from '../../ingest/index.ts';
import type { OrgService } from '../../org/index.ts';
import { refsOf } from '../entities/refs.ts';
import { isRegistryName, type RegistryName } from '../feeds.ts';
import { feedingAliases } from '../sources.ts';
import { iso } from '../timestamps.ts';
import { visibilityFor } from '../visibility.ts';
import { type District, type RowCheck, rowChecks } from './checks.ts';
import type { QualityReport } from './contract.ts';
import * as repo from './repository.ts';

/** How long after a delivery the next one is due, by the catalog's update cycle. */
const cycleDays: Record<string, number> = {
  realtime: 1,
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  half_yearly: 183,
  yearly: 366,
};

const SAMPLES = 10;
// Entities per page of the streamed pass: big enough that round trips do not count, small enough for memory.
const PAGE = 20_000;

const ratio = (part: number, whole: number) => (whole ? part / whole : null);
const sum = <T>(rows: T[], n: (row: T) => number) => rows.reduce((total, row) => total + n(row), 0);

/** True when validateValue can find fault with a filled value of the item (free text without a validator: never). */
export function isChecked(item: DataItem): boolean {
  const v = item.validator;
  return item.type !== 'string' || !!(v?.enum || v?.maxLength !== undefined || v?.pattern);
}

/**
 * Quality of the base registries over their merged entities: completeness (counted in SQL), validity with the
 * ingest validators and the checks of one entity alone (one streamed pass in key order, a page at a time, so 800,000
 * people never sit in memory at once and PGlite, which has no cursors, works the same), checks against other
 * registries (SQL), and the timeliness of each feeding source against its update cycle.
 */
export function createQualityService(deps: {
  database: Database;
  catalog: CatalogService;
  ingest: IngestService;
  org: OrgService;
}) {
  const { database, catalog, ingest, org } = deps;
  let district: District | undefined;

  /** The district's code and the bounding box of its outline (read once: it comes from a package). */
  async function districtBox(): Promise<District> {
    if (district) return district;
    const map = await org.districtMap(lookupCtx);
    const ring = map.outline.geometry.coordinates[0]!;
    const lngs = ring.map(([lng]) => lng);
    const lats = ring.map(([, lat]) => lat);
    district = {
      code: map.district.code,
      lng: [Math.min(...lngs), Math.max(...lngs)],
      lat: [Math.min(...lats), Math.max(...lats)],
    };
    return district;
  }

  /**
   * Validity of the checked items and the row checks, walking the registry in key order a page at a time. Keys
   * of failures are kept in that order, the first ten of each, so samples are the same on every run.
   */
  async function streamedPass(registry: RegistryName, resource: Resource, checks: RowCheck[], today: string) {
    const checked = resource.items.filter(isChecked);
    const codes = [...new Set([...checked.map((i) => i.code), ...checks.flatMap((c) => c.items)])];
    const column = new Map(codes.map((code, i) => [code, `c${i}`]));
    const items = checked.map((item) => ({
      item,
      column: column.get(item.code)!,
      valid: 0,
      failed: [] as string[],
    }));
    const results = checks.map((check) => ({ check, checked: 0, passed: 0, failed: [] as string[] }));
    if (!items.length && !results.length)
      return { items: new Map(items.map((i) => [i.item.code, i])), results };
    for (let after = ''; ; ) {
      const rows = await repo.valuesPage(database.db, registry, codes, after, PAGE);
      for (const row of rows) {
        for (const entry of items) {
          const value = row[entry.column];
          if (!value) continue;
          if (validateValue(value, entry.item, today) === null) entry.valid++;
          else if (entry.failed.length < SAMPLES) entry.failed.push(row.key);
        }
        const get = (code: string) => row[column.get(code)!] || undefined;
        for (const result of results) {
          const passes = result.check.test(row.key, get);
          if (passes === null) continue;
          result.checked++;
          if (passes) result.passed++;
          else if (result.failed.length < SAMPLES) result.failed.push(row.key);
        }
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.key;
    }
    return { items: new Map(items.map((i) => [i.item.code, i])), results };
  }

  /** The checks against other registries, counted in one SQL pass, with the first keys failing each. */
  async function crossChecks(registry: RegistryName, checks: repo.SqlCheck[]) {
    if (!checks.length) return [];
    const counts = await repo.crossCheckCounts(database.db, registry, checks);
    const results = [];
    for (const [i, check] of checks.entries())
      results.push({
        check,
        checked: counts[i]!.applies,
        passed: counts[i]!.passes,
        failed: await repo.crossCheckFailures(database.db, registry, check, SAMPLES),
      });
    return results;
  }

  /** Each feeding source's last delivery against its resource's update cycle (the registry's own: once delivered). */
  async function timeliness(registry: RegistryName) {
    const now = Date.now();
    // Values delivered outside batches (licenses issued in OneCity) are batch 0 of their source.
    const direct = await repo.directDeliveries(database.db, registry);
    const directAt = new Map(direct.map((d) => [d.source, new Date(d.at!).getTime()]));
    const sources = [];
    for (const alias of feedingAliases(registry)) {
      const resource = await catalog.get(lookupCtx, alias).catch(() => null);
      if (!resource) continue;
      const { items } = await ingest.list(lookupCtx, {
        resource: resource.code,
        status: 'done',
        page: 1,
        pageSize: 1,
      });
      const batchAt = items[0]?.finishedAt ? new Date(items[0].finishedAt).getTime() : null;
      const times = [batchAt, directAt.get(alias) ?? null].filter((t): t is number => t !== null);
      const last = times.length ? Math.max(...times) : null;
      // The registry's own resource is the merged registry, not a delivery someone owes: it counts only once
      // data has been delivered into it directly (licenses issued here, a file the center loads).
      if (last === null && alias === registry) continue;
      const due = last === null ? null : last + (cycleDays[resource.updateCycle] ?? 1) * 86_400_000;
      sources.push({
        source: alias,
        resourceCode: resource.code,
        resourceName: resource.name,
        departmentName: resource.providerDepartmentName,
        updateCycle: resource.updateCycle,
        lastDelivery: last === null ? null : iso(new Date(last)),
        dueBy: due === null ? null : iso(new Date(due)),
        status: due === null ? ('never' as const) : due >= now ? ('fresh' as const) : ('late' as const),
      });
    }
    const fresh = sources.filter((s) => s.status === 'fresh').length;
    return { ratio: ratio(fresh, sources.length), sources };
  }

  return {
    /** The four quality dimensions of a registry, over all its entities now. */
    async report(ctx: Ctx, registry: string): Promise<QualityReport> {
      if (!isRegistryName(registry)) throw new NotFoundError('registry', registry);
      const resource = await catalog.get(lookupCtx, registry);
      const today = todayInShanghai();
      const { entities, filled } = await repo.filledCounts(
        database.db,
        registry,
        resource.items.map((i) => i.code),
      );
      const pass = await streamedPass(
        registry,
        resource,
        rowChecks(registry, await districtBox(), today),
        today,
      );
      const cross = await crossChecks(registry, repo.sqlChecks(registry));
      // Quality shows keys masked whatever the caller's grants: it is a report, not a way to read personal data.
      const shown = visibilityFor(ctx, resource, false);
      const sampled = [...pass.items.values(), ...pass.results, ...cross].flatMap((r) => r.failed);
      const refs = await refsOf(database.db, registry, sampled);
      const samples = (keys: string[]) => keys.map((key) => ({ key: shown.key(key), ref: refs.get(key)! }));

      const items = resource.items.map((item, i) => {
        const validity = pass.items.get(item.code);
        const valid = validity ? validity.valid : filled[i]!;
        return {
          code: item.code,
          name: item.name,
          type: item.type,
          required: item.required,
          filled: filled[i]!,
          completeness: ratio(filled[i]!, entities),
          checked: !!validity,
          valid,
          validity: validity ? ratio(valid, filled[i]!) : null,
          samples: samples(validity?.failed ?? []),
        };
      });
      const checks = [...pass.results, ...cross].map((r) => ({
        code: r.check.code,
        checked: r.checked,
        passed: r.passed,
        ratio: ratio(r.passed, r.checked),
        samples: samples(r.failed),
      }));
      const checkedItems = items.filter((i) => i.checked);
      const checkedValues = sum(checkedItems, (i) => i.filled);
      const valid = sum(checkedItems, (i) => i.valid);
      const checkedEntities = sum(checks, (c) => c.checked);
      const passed = sum(checks, (c) => c.passed);
      const filledTotal = sum(items, (i) => i.filled);
      return {
        registry,
        entities,
        computedAt: new Date().toISOString(),
        completeness: {
          ratio: ratio(filledTotal, entities * items.length),
          filled: filledTotal,
          expected: entities * items.length,
        },
        validity: { ratio: ratio(valid, checkedValues), checked: checkedValues, valid },
        consistency: { ratio: ratio(passed, checkedEntities), checked: checkedEntities, passed, checks },
        timeliness: await timeliness(registry),
        items,
      };
    },
  };
}

export type QualityService = ReturnType<typeof createQualityService>;
