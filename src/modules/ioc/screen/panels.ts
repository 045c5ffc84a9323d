/**
 * The screen's panels, each read from the module that owns its figures, through that module's service, as the
 * whole district sees them (the screen shows counts, never a person). Each read is one or two grouped queries on
 * indexes or rollups, so a panel costs milliseconds on the big district.
 */
import type { Ctx } from '../../../core/context.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { PanelName, ScreenSummary } from '../contract.ts';
import type { IocSources } from '../ports.ts';

type Panels = { [P in PanelName]: (district: Ctx) => Promise<ScreenSummary[P]> };

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** How each panel is read. */
export function panelReaders(sources: IocSources, now: () => Date): Panels {
  return {
    async registries() {
      const counts = await sources.registry.service.stats();
      return {
        people: counts.population,
        legalPersons: counts.legal_person,
        licenses: counts.license,
        components: counts.component,
      };
    },

    async data(district) {
      const figures = await sources.ingest.service.dailyFigures(district, 30, now());
      const today = figures.days.at(-1)!;
      const sum = (pick: (d: (typeof figures.days)[number]) => number) =>
        figures.days.reduce((total, d) => total + pick(d), 0);
      return {
        recordsTotal: figures.acceptedAllTime,
        recordsToday: today.accepted,
        batchesToday: today.done + today.failed,
        quality: share(
          sum((d) => d.accepted),
          sum((d) => d.total),
        ),
        failedBatches: sum((d) => d.failed),
      };
    },

    async sharing(district) {
      const served = await sources.sharing.usage.servedDaily(district, 1);
      const byDepartment = served.byConsumer
        .map((c) => ({ departmentId: c.departmentId, name: c.name, calls: c.calls.at(-1) ?? 0 }))
        .filter((c) => c.calls > 0)
        .sort((a, b) => b.calls - a.calls || a.departmentId - b.departmentId);
      return { callsToday: byDepartment.reduce((sum, c) => sum + c.calls, 0), byDepartment };
    },

    async devices(district) {
      const { devices } = await sources.iot.devices.overview(district);
      // Retired devices are history, not part of what the district has.
      return {
        total: devices.online + devices.offline + devices.fault,
        online: devices.online,
        offline: devices.offline,
        fault: devices.fault,
      };
    },

    async alarms(district) {
      const { alarms } = await sources.iot.devices.overview(district);
      const { active, ...bySeverity } = alarms;
      return { active, bySeverity };
    },

    async cases(district) {
      const [month, open] = await Promise.all([
        sources.events.stats.statistics(district, {}),
        sources.events.stats.openFigures(district),
      ]);
      const today = todayInShanghai(now());
      return {
        today: month.trend.find((t) => t.period === today)?.received ?? 0,
        open: open.open,
        overdue: open.overdue,
        onTimeRate: month.totals.onTimeRate,
        satisfactionRate: month.totals.satisfactionRate,
      };
    },
  };
}
