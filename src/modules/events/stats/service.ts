import type { Readable } from 'node:stream';
import type { Ctx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ForbiddenError, InputError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { CategoryService } from '../categories/service.ts';
import { chinaDateOf, chinaInstant, dateOfDayNumber, dayNumberOf } from '../clock/china-time.ts';
import { eventsPolicy } from '../policy.ts';
import type { CaseMap, Statistics, StatsQuery } from './contract.ts';
import { createOpenCaseReads } from './open-cases.ts';
import { periodFlowReads } from './period.ts';
import * as repo from './repository.ts';
import { cellDegrees, figuresOf, granularityOf, monthOf, periods, round6, spanOf } from './views.ts';
import { figuresWorkbook } from './xlsx.ts';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 3 * 366;
const CELL_METRES = 200;
const POINT_LIMIT = 2000;
const TOP_CATEGORIES = 10;
const SAMPLE_ABOVE = 100_000;
const SAMPLE_SIZE = 30_000;

export type StatsService = ReturnType<typeof createStatsService>;

/**
 * The three rates (按时办结率, 满意率, 重办率), counts and handling time per department and subdistrict, trends,
 * top categories, the map of cases and the XLSX export. The center and leaders see every department; a
 * department sees its own cases only (those it leads), and is refused another's.
 */
export function createStatsService(deps: {
  db: Db;
  audit: AuditService;
  org: OrgService;
  categories: CategoryService;
  now: () => Date;
}) {
  const { db, audit, org, categories } = deps;

  /** The department the caller's figures are limited to (undefined: all), or a refusal. */
  async function departmentOf(ctx: Ctx, asked: number | undefined): Promise<number | undefined> {
    const actor = ctx.actor;
    if (eventsPolicy.atDesk(actor) || actor?.roles.includes('leader')) return asked;
    if (actor?.roles.includes('department_user') && actor.departmentId !== null) {
      if (asked !== undefined && asked !== actor.departmentId)
        await audit.deny(
          ctx,
          { targetType: 'department', targetId: asked, detail: { read: 'statistics' } },
          new ForbiddenError('other_department_statistics', "Only your own department's figures"),
        );
      return actor.departmentId;
    }
    throw new ForbiddenError('no_cases', 'You see no cases');
  }

  /** The query's dates (default: the last 30 days to today, China time) checked, and the filter they make. */
  async function resolve(ctx: Ctx, q: StatsQuery) {
    const today = dayNumberOf(chinaDateOf(deps.now()));
    const last = q.to ? dayNumberOf(q.to) : today;
    const first = q.from ? dayNumberOf(q.from) : last - (DEFAULT_DAYS - 1);
    if (first > last)
      throw new InputError('bad_range', 'The range ends before it starts', [
        { field: 'from', reason: 'after_to' },
      ]);
    if (last - first + 1 > MAX_DAYS)
      throw new InputError('range_too_long', 'The range is too long', [
        { field: 'from', reason: 'range_too_long', params: { maximum: MAX_DAYS } },
      ]);
    const departmentId = await departmentOf(ctx, q.departmentId);
    const filter: repo.StatsFilter = {
      from: chinaInstant(first),
      to: chinaInstant(last + 1),
      category: q.category,
      channel: q.channel,
      departmentId,
    };
    return {
      filter,
      from: dateOfDayNumber(first),
      to: dateOfDayNumber(last),
      days: last - first + 1,
      scope: departmentId === undefined ? ('all' as const) : ('department' as const),
    };
  }

  async function names(ctx: Ctx) {
    const [departments, subdistricts, list] = await Promise.all([
      categories.departments(),
      org.listDivisions(ctx, { level: 'subdistrict' }),
      categories.list(),
    ]);
    return {
      department: (id: number | null) =>
        id === null ? null : (departments.byId.get(id)?.name ?? String(id)),
      subdistrict: (code: string | null) =>
        code === null ? null : (subdistricts.find((s) => s.code === code)?.name ?? code),
      category: (code: string | null) =>
        code === null ? null : (list.find((c) => c.code === code)?.name ?? code),
    };
  }

  async function statistics(ctx: Ctx, q: StatsQuery): Promise<Statistics> {
    const r = await resolve(ctx, q);
    const granularity = granularityOf(r.days);
    await repo.refreshRollups(db);
    const span = { ...spanOf(r.from, r.to, granularity), ...r.filter };
    const [rows, n] = await Promise.all([repo.groupedFigures(db, span), names(ctx)]);
    const of = (kind: repo.GroupedRow['kind']) => rows.filter((row) => row.kind === kind);
    const byReceived = (a: { received: number }, b: { received: number }) => b.received - a.received;
    // Days (and months, from the monthly rollup) folded into the trend's buckets.
    const trend = new Map<string, { received: number; closed: number }>();
    for (const row of of('period')) {
      const key = granularity === 'day' ? row.period! : monthOf(row.period!);
      const t = trend.get(key) ?? { received: 0, closed: 0 };
      trend.set(key, { received: t.received + row.received, closed: t.closed + row.closed });
    }
    return {
      from: r.from,
      to: r.to,
      granularity,
      scope: r.scope,
      totals: figuresOf(of('total')[0]),
      byDepartment: of('department')
        .map((row) => ({
          departmentId: row.department_id,
          departmentName: n.department(row.department_id),
          ...figuresOf(row),
        }))
        .sort(byReceived),
      bySubdistrict: of('subdistrict')
        .map((row) => ({
          subdistrictCode: row.subdistrict_code,
          subdistrictName: n.subdistrict(row.subdistrict_code),
          ...figuresOf(row),
        }))
        .sort(byReceived),
      trend: periods(r.from, r.to, granularity).map((period) => ({
        period,
        received: trend.get(period)?.received ?? 0,
        closed: trend.get(period)?.closed ?? 0,
      })),
      topCategories: of('category')
        .sort((a, b) => b.received - a.received)
        .slice(0, TOP_CATEGORIES)
        .map((row) => ({
          categoryCode: row.category_code,
          categoryName: n.category(row.category_code),
          count: row.received,
        })),
    };
  }

  return {
    statistics,
    ...periodFlowReads(deps),
    ...createOpenCaseReads({ db, org, now: deps.now, scope: (ctx) => departmentOf(ctx, undefined) }),

    /** Points (a spread-out sample) and a heat grid of ~200 m cells of the cases in the range. */
    async map(ctx: Ctx, q: StatsQuery): Promise<CaseMap> {
      const r = await resolve(ctx, q);
      const centre = (await org.districtMap(ctx)).district;
      const { lngStep, latStep } = cellDegrees(CELL_METRES, centre.lat ?? 30);
      // A range of more than 100,000 cases is drawn from a sample of the table's pages (about 30,000 cases) and
      // the counts scaled up: the shape is the same, and a year's map stays quick. The rollups, as the last
      // statistics read left them, tell how many cases the range holds.
      const granularity = granularityOf(r.days);
      const estimate = await repo.estimateCases(db, { ...spanOf(r.from, r.to, granularity), ...r.filter });
      const percent = estimate > SAMPLE_ABOVE ? Math.max(1, Math.ceil((100 * SAMPLE_SIZE) / estimate)) : 100;
      const scale = 100 / percent;
      // The points' spacing comes from the estimate, so the two reads run at once.
      const step = Math.max(1, Math.ceil(estimate / scale / POINT_LIMIT));
      const [cells, points] = await Promise.all([
        repo.heatCells(db, r.filter, lngStep, latStep, percent),
        repo.samplePoints(db, r.filter, step, POINT_LIMIT, percent),
      ]);
      const found = cells.reduce((sum, c) => sum + c.count, 0);
      return {
        points: points.map((p) => ({
          number: p.number,
          lng: p.lng,
          lat: p.lat,
          categoryCode: p.category_code,
          status: p.status,
        })),
        placed: Math.round(found * scale),
        sampleShare: percent / 100,
        limit: POINT_LIMIT,
        heat: cells.map((c) => [round6(c.lng), round6(c.lat), Math.round(c.count * scale)]),
        cellMetres: CELL_METRES,
      };
    },

    /** The per-department and per-subdistrict tables as an XLSX workbook (streamed); the export is audited. */
    async exportXlsx(ctx: Ctx, q: StatsQuery): Promise<{ stream: Readable; fileName: string }> {
      const s = await statistics(ctx, q);
      await audit.recordNow(ctx, {
        action: 'events.statistics_export',
        targetType: 'statistics',
        targetId: `${s.from}~${s.to}`,
        detail: { ...q, from: s.from, to: s.to, scope: s.scope },
      });
      const title = `工单统计 ${s.from} 至 ${s.to}`;
      const stream = figuresWorkbook(title, [
        {
          name: '按部门',
          label: '部门',
          rows: [
            ...s.byDepartment.map((d) => ({ name: d.departmentName ?? '（未派单）', figures: d })),
            ...(s.scope === 'all' ? [{ name: '合计', figures: s.totals }] : []),
          ],
        },
        {
          name: '按街道',
          label: '街道（镇）',
          rows: [
            ...s.bySubdistrict.map((d) => ({ name: d.subdistrictName ?? '（未定位）', figures: d })),
            { name: '合计', figures: s.totals },
          ],
        },
      ]);
      return { stream, fileName: `cases-statistics-${s.from}-${s.to}.xlsx` };
    },
  };
}
