import { lookupCtx, systemCtx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import type { PeriodFlow } from '../../events/index.ts';
import { CENTER_CODE, DISTRICT } from '../../org/index.ts';
import type { IocSources } from '../ports.ts';
import type { BriefingCompared, BriefingComparedRate, BriefingFigures } from './contract.ts';
import { briefingNumber, type Period, parsePeriod, periodTitle } from './period.ts';
import * as repo from './repository.ts';

const TOP_CATEGORIES = 10;
const TOP_SUBDISTRICTS = 5;
const TOP_DEPARTMENTS = 10;
const TOP_OVERDUE = 5;
const TOP_ALARMS = 5;

/** A count beside the one before it. */
export function compare(value: number, previous: number): BriefingCompared {
  const change = value - previous;
  return {
    value,
    previous,
    change,
    changeRate: previous > 0 ? Math.round((change / previous) * 10_000) / 10_000 : null,
  };
}

/** A rate beside the one before it; the change in shares, rounded to four places as the rates are. */
export function compareRate(value: number | null, previous: number | null): BriefingComparedRate {
  return {
    value,
    previous,
    change: value === null || previous === null ? null : Math.round((value - previous) * 10_000) / 10_000,
  };
}

const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

/** The issuing unit: the district and its data resource center, as org names them (望城区数据资源中心). */
export async function issuerOf(sources: Pick<IocSources, 'org'>): Promise<string> {
  const center = await sources.org.findDepartmentByCode(CENTER_CODE);
  return `${DISTRICT.name}${center?.name ?? '数据资源中心'}`;
}

/**
 * The figures of a period, read through the other modules' services (and the incidents, which the operations
 * center owns). `now` is when they are read: the devices' snapshot is taken then, and a period not yet over is
 * marked incomplete.
 */
export async function periodFigures(
  deps: { db: Db; sources: IocSources },
  period: Period,
  now: Date,
): Promise<BriefingFigures> {
  const { sources, db } = deps;
  const before = parsePeriod(period.previous);
  const span = { start: period.start, end: period.end };
  const previousSpan = { start: before.start, end: before.end };
  const ctx = systemCtx('ioc');
  const [
    flow,
    previousFlow,
    alarms,
    previousAlarms,
    overview,
    calls,
    previousCalls,
    loads,
    previousLoads,
    registries,
    incidents,
    subdistricts,
    issuer,
  ] = await Promise.all([
    sources.events.stats.periodFlow({ from: period.from, to: period.to }),
    sources.events.stats.periodFlow({ from: before.from, to: before.to }),
    sources.iot.alarms.periodSummary({ ...span, top: TOP_ALARMS }),
    sources.iot.alarms.periodSummary({ ...previousSpan, top: 0 }),
    sources.iot.devices.overview(ctx),
    sources.sharing.usage.periodCalls(span),
    sources.sharing.usage.periodCalls(previousSpan),
    sources.ingest.service.periodLoads(span),
    sources.ingest.service.periodLoads(previousSpan),
    sources.registry.service.countsAt([period.end, before.end]),
    repo.incidentsDuring(db, period.start, period.end),
    sources.org.listDivisions(lookupCtx, { level: 'subdistrict' }),
    issuerOf(sources),
  ]);
  const [atEnd, atPreviousEnd] = registries as [(typeof registries)[number], (typeof registries)[number]];
  const subdistrictName = (code: string | null) =>
    code === null ? null : (subdistricts.find((s) => s.code === code)?.name ?? code);
  const t = flow.totals;
  const p = previousFlow.totals;
  const devices = overview.devices;
  const inService = devices.total - devices.retired;
  return {
    period: period.code,
    kind: period.kind,
    from: period.from,
    to: period.to,
    number: briefingNumber(period, DISTRICT.name),
    title: periodTitle(period),
    issuer,
    previous: { period: before.code, from: before.from, to: before.to },
    complete: now.getTime() >= period.end.getTime(),
    cases: {
      received: compare(t.received, p.received),
      closed: compare(t.closed, p.closed),
      onTimeRate: compareRate(t.onTimeRate, p.onTimeRate),
      satisfactionRate: compareRate(t.satisfactionRate, p.satisfactionRate),
      reopenRate: compareRate(t.reopenRate, p.reopenRate),
      meanHandlingHours: t.meanHandlingHours,
      openAtEnd: compare(flow.openAtEnd, previousFlow.openAtEnd),
      overdueAtEnd: compare(flow.overdueAtEnd, previousFlow.overdueAtEnd),
      daily: flow.days,
      topCategories: topCategories(flow, previousFlow),
      topSubdistricts: flow.bySubdistrict.slice(0, TOP_SUBDISTRICTS).map((s) => ({
        code: s.subdistrictCode,
        name: s.subdistrictName ?? '（未定位）',
        count: s.received,
      })),
      byDepartment: flow.byDepartment.slice(0, TOP_DEPARTMENTS).map((d) => ({
        departmentId: d.departmentId,
        name: d.departmentName ?? '（未派单）',
        received: d.received,
        closed: d.closed,
        onTimeRate: d.onTimeRate,
      })),
    },
    alarms: {
      raised: compare(alarms.raised, previousAlarms.raised),
      bySeverity: alarms.bySeverity,
      byType: alarms.byProfile.map((a) => ({
        profileCode: a.profileCode,
        name: a.profileName,
        count: a.raised,
      })),
    },
    devices: {
      at: now.toISOString(),
      total: inService,
      online: devices.online,
      offline: devices.offline,
      fault: devices.fault,
      onlineRate: rate(devices.online, inService),
    },
    sharing: {
      calls: compare(calls.calls, previousCalls.calls),
      served: calls.served,
      refused: calls.refused,
      byDepartment: calls.byDepartment.map((d) => ({
        departmentId: d.departmentId,
        name: d.departmentName,
        calls: d.calls,
      })),
    },
    aggregation: {
      records: compare(loads.accepted, previousLoads.accepted),
      batches: compare(loads.done, previousLoads.done),
      rejected: compare(loads.rejected, previousLoads.rejected),
      failedBatches: loads.failed,
    },
    registries: {
      people: compare(atEnd.population, atPreviousEnd.population),
      legalPersons: compare(atEnd.legal_person, atPreviousEnd.legal_person),
      licenses: compare(atEnd.license, atPreviousEnd.license),
      components: compare(atEnd.component, atPreviousEnd.component),
    },
    notable: {
      incidents: incidents.map((i) => ({
        id: i.id,
        title: i.title,
        startedAt: i.startedAt.toISOString(),
        // An incident ended after the period is, for the period, still open.
        endedAt: i.endedAt && i.endedAt < period.end ? i.endedAt.toISOString() : null,
        subdistrictName: subdistrictName(i.subdistrictCode),
      })),
      overdueCases: flow.longestOverdue.slice(0, TOP_OVERDUE).map((c) => ({
        number: c.number,
        title: c.title,
        categoryName: c.categoryName,
        departmentName: c.departmentName,
        dueAt: c.dueAt,
        overdueDays: c.overdueDays,
      })),
      repeatedAlarms: alarms.mostRepeated.map((a) => ({
        deviceCode: a.deviceCode,
        deviceName: a.deviceName,
        typeName: a.profileName,
        ruleName: a.ruleName,
        severity: a.severity,
        count: a.raised,
      })),
    },
  };
}

/** The categories with the most cases received, each with its count the period before. */
function topCategories(flow: PeriodFlow, previous: PeriodFlow): BriefingFigures['cases']['topCategories'] {
  const before = new Map(previous.byCategory.map((c) => [c.categoryCode, c.received]));
  return flow.byCategory.slice(0, TOP_CATEGORIES).map((c) => ({
    code: c.categoryCode,
    name: c.categoryName ?? '（未分类）',
    count: c.received,
    previous: before.get(c.categoryCode) ?? 0,
  }));
}
