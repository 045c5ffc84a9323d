/**
 * The demo district's month of operations (运行历史): 30 China-local days up to now behind every panel of the
 * operations center, so its screen is alive on first start. The departments' systems call the sharing API under
 * their grants, the departments deliver their changes after their first full files, the devices report and now and
 * then raise alarms, some of which open cases (the 12345 cases of the year are case-history-load.ts's). Everything
 * goes through the modules' services (history imports, the ingest file path), never into their tables; each
 * import leaves alone what is there already, so loading the demo again adds nothing.
 */
import path from 'node:path';
import { type Ctx, lookupCtx } from '../core/context.ts';
import type { DeviceRef } from '../modules/iot/index.ts';
import type { Modules } from '../server/modules.ts';
import { casesNow } from './case-history-load.ts';
import { demoCtx } from './demo-ctx.ts';
import type { GeneratedDemo } from './generate.ts';
import { planAlarms } from './history-alarms.ts';
import { type CallGrant, planCalls } from './history-calls.ts';
import { planDeliveries, pooledSpecs, type RowPool, rowPool, writeDelivery } from './history-deliveries.ts';
import {
  createCalmer,
  type Episode,
  type HistoryDevice,
  type HistoryRule,
  readingBatches,
} from './history-readings.ts';
import { chinaDayOf, type HistoryWindow, historyScales, historyWindow } from './history-window.ts';
import { DEMO_DEVICE_PREFIX } from './iot-devices.ts';
import { createRandom } from './random.ts';
import { demoSharingApplications } from './sharing-demo-plan.ts';

/** What loading the history did, kind by kind, and the seconds each took. */
export type LoadedHistory = {
  days: number;
  calls: { imported: number; skipped: number; seconds: number };
  deliveries: { batches: number; skipped: number; rejected: number; seconds: number };
  readings: { points: number; skipped: number; seconds: number };
  alarms: { imported: number; skipped: number; cases: number; seconds: number };
  seconds: number;
};

const since = (started: number) => (performance.now() - started) / 1000;

/** The grants of the demo's approved applications, with what their systems look up. */
async function demoGrants(modules: Modules, ctx: Ctx): Promise<CallGrant[]> {
  const { sharing } = modules;
  const applications = await sharing.applications.list(ctx, {
    scope: 'all',
    page: 1,
    pageSize: 200,
    sort: 'oldest',
  });
  const directory = await modules.org.service.departmentDirectory();
  // The demo's own applications only: a district's real grants get no made-up calls.
  const planned = new Map(
    demoSharingApplications.map((p) => [`${p.resource}|${p.applicant}|${p.purpose}`, p]),
  );
  const ours = new Map(
    applications.items.flatMap((a) => {
      const applicant = directory.byId.get(a.applicantDepartmentId)?.code;
      return planned.has(`${a.resourceAlias}|${applicant}|${a.purpose}`) ? [[a.id, a] as const] : [];
    }),
  );
  const grants = await sharing.grants.list(ctx, { scope: 'all', status: 'active', page: 1, pageSize: 200 });
  const out: CallGrant[] = [];
  for (const g of grants.items) {
    const application = ours.get(g.applicationId);
    if (!application) continue;
    const resource = g.resourceAlias ?? g.resourceCode;
    // Look-ups by key of the registries (an entity's credit code is also its key in 市场监管's resource).
    const registry = resource === 'scjgj_entities' ? 'legal_person' : resource;
    const keys =
      registry === 'population' || registry === 'legal_person'
        ? (
            await modules.registry.service.share.page(registry, Object.entries(g.rowFilter), {
              page: 1,
              pageSize: 200,
            })
          ).rows.map((r) => r.key)
        : [];
    out.push({
      id: g.id,
      resource,
      consumerDepartmentId: g.consumerDepartmentId,
      validFrom: new Date(g.validFrom),
      expectedDailyCalls: application.expectedDailyCalls,
      rowFilter: g.rowFilter,
      keys,
    });
  }
  return out;
}

/** The sharing calls of the month, grant by grant. */
async function loadCalls(modules: Modules, ctx: Ctx, seed: number, window: HistoryWindow, share: number) {
  const started = performance.now();
  let imported = 0;
  let skipped = 0;
  for (const grant of await demoGrants(modules, ctx)) {
    const calls = planCalls({ seed, window, share, grant });
    const done = await modules.sharing.history.importCalls(ctx, grant.id, calls);
    imported += done.imported;
    skipped += done.skipped;
  }
  return { imported, skipped, seconds: since(started) };
}

/** The days (China) since the window's start on which a resource has a batch. */
async function batchDays(modules: Modules, alias: string, window: HistoryWindow): Promise<Set<string>> {
  const days = new Set<string>();
  for (let page = 1; ; page++) {
    const { items, total } = await modules.ingest.service.list(lookupCtx, {
      resource: alias,
      page,
      pageSize: 200,
    });
    for (const b of items)
      if (new Date(b.startedAt) >= window.start) days.add(chinaDayOf(new Date(b.startedAt)));
    if (page * 200 >= total || items.every((b) => new Date(b.startedAt) < window.start)) break;
  }
  return days;
}

/** The departments' deliveries of the month, each on a day its resource has no batch yet. */
async function loadDeliveries(
  modules: Modules,
  ctx: Ctx,
  generated: GeneratedDemo,
  window: HistoryWindow,
  levelAt: Parameters<typeof planDeliveries>[0]['levelAt'],
) {
  const started = performance.now();
  const pools = new Map<string, RowPool>();
  for (const spec of pooledSpecs) {
    const file = generated.files.find((f) => f.alias === spec.alias);
    if (file)
      pools.set(spec.alias, await rowPool(file.file, createRandom(generated.seed, `pool:${spec.alias}`)));
  }
  const deliveries = planDeliveries({
    seed: generated.seed,
    window,
    pools,
    levelAt,
    readingsPerDay: generated.sizes.readingsPerDay,
    factor: generated.scale === 'full' ? 10 : 1,
  });
  const taken = new Map<string, Set<string>>();
  const departments = (await modules.org.service.departmentDirectory()).byCode;
  let batches = 0;
  let skipped = 0;
  let rejected = 0;
  for (const d of deliveries) {
    const days = taken.get(d.spec.alias) ?? (await batchDays(modules, d.spec.alias, window));
    taken.set(d.spec.alias, days);
    if (days.has(d.day)) {
      skipped++;
      continue;
    }
    const headers = pools.get(d.spec.alias)?.headers ?? d.spec.headers;
    const file = await writeDelivery(path.join(generated.dir, 'history'), d, headers);
    const batch = await modules.ingest.service.ingestFile(ctx, {
      resource: d.spec.alias,
      file,
      sourceDepartmentId: departments.get(d.spec.department)?.id ?? null,
      receivedAt: d.at,
    });
    batches++;
    rejected += batch.rejected;
  }
  await modules.ingest.service.idle();
  return { batches, skipped, rejected, seconds: since(started) };
}

/** The demo's devices and their profiles' rules and offline times. */
async function demoDevices(modules: Modules, codes: string[]) {
  const refs: DeviceRef[] = [];
  // In code order, whatever order they are given in: the plan picks devices by their place in the list.
  for (const code of [...codes].sort()) {
    const ref = await modules.iot.devices.byCode(code);
    if (ref && ref.status !== 'retired') refs.push(ref);
  }
  const rules = new Map<string, HistoryRule[]>();
  const offline = new Map<string, number>();
  for (const ref of refs)
    if (!rules.has(ref.profileCode)) {
      rules.set(ref.profileCode, await modules.iot.rules.rulesFor(ref));
      offline.set(ref.profileCode, (await modules.iot.profiles.find(ref.profileCode))?.offlineMinutes ?? 10);
    }
  return { refs, rules, offline };
}

/**
 * Loads the month of history of the generated demo, up to `now` (by default the instant its cases were generated
 * against, so that a load done again the same day makes the same history). `codes` are the demo's devices.
 */
export async function loadOperationsHistory(
  modules: Modules,
  generated: GeneratedDemo,
  options: { codes: string[]; now?: Date; onProgress?: (line: string) => void },
): Promise<LoadedHistory> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const window = historyWindow(options.now ?? casesNow(generated.dir));
  const scale = historyScales[generated.scale];
  const ctx = demoCtx('demo.history', '演示数据（运行历史）');

  const calls = await loadCalls(modules, ctx, generated.seed, window, scale.callShare);
  progress(`history: ${calls.imported.toLocaleString('en')} sharing calls in ${calls.seconds.toFixed(1)} s`);

  const { refs, rules, offline } = await demoDevices(modules, options.codes);
  const devices: HistoryDevice[] = refs.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    profileCode: r.profileCode,
    attributes: r.attributes ?? {},
  }));
  const rulesOf = (profile: string) => rules.get(profile) ?? [];
  const calmer = createCalmer(rulesOf);
  const plan = planAlarms({
    seed: generated.seed,
    window,
    scale,
    byProfile: Map.groupBy(devices, (d) => d.profileCode),
    rulesOf,
    calmer,
    offlineMinutes: (profile) => offline.get(profile) ?? 10,
  });

  // 水利局's files read its stations as their telemetry has them.
  const byCode = new Map(devices.map((d) => [d.code, d]));
  const episodesOf = Map.groupBy(plan.episodes, (e: Episode) => e.deviceId);
  const deliveries = await loadDeliveries(modules, ctx, generated, window, (station, at) => {
    const device = byCode.get(`${DEMO_DEVICE_PREFIX}SW-${station.code}`);
    if (!device) return null;
    const values = calmer.valuesAt(device, at);
    for (const e of episodesOf.get(device.id) ?? [])
      if (at >= e.from && at < e.to) Object.assign(values, e.values(at, values));
    return Number(values.level);
  });
  progress(
    `history: ${deliveries.batches} deliveries (${deliveries.rejected} rows rejected) in ${deliveries.seconds.toFixed(1)} s`,
  );

  const readingsStarted = performance.now();
  const imported = await modules.iot.history.importReadings(
    ctx,
    refs,
    readingBatches({ devices, window, scale, calmer, episodes: plan.episodes, silences: plan.silences }),
  );
  const readings = { points: imported.points, skipped: imported.skipped, seconds: since(readingsStarted) };
  progress(
    `history: ${readings.points.toLocaleString('en')} device readings in ${readings.seconds.toFixed(1)} s`,
  );

  // The alarms of the devices whose readings were written now: a device that had its history already (a load done
  // again, another day) keeps the alarms its readings tell of.
  const alarmsStarted = performance.now();
  const written = new Set(imported.devices);
  const raised = await modules.iot.history.importAlarms(
    ctx,
    plan.alarms.filter((a) => written.has(a.deviceCode)),
  );
  const alarms = { ...raised, seconds: since(alarmsStarted) };
  progress(
    `history: ${alarms.imported} alarms (${alarms.cases} with cases) in ${alarms.seconds.toFixed(1)} s`,
  );

  return { days: window.days.length, calls, deliveries, readings, alarms, seconds: since(started) };
}
