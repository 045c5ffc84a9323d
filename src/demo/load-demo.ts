/**
 * Loading the generated files as the departments would deliver them: each through the ingest service's file
 * path (the one `onecity ingest` uses), so decoding, mapping, standardizing, rejects and batches happen as for
 * a real delivery; the registries merge each batch as it commits. Then the e-licenses are issued, and the
 * departments' sharing applications made (sharing-demo.ts).
 */
import { systemCtx } from '../core/context.ts';
import { seedCitizenDirectory } from '../modules/citizen/index.ts';
import { seedDemoForms } from '../modules/forms/index.ts';
import type { RegistryName } from '../modules/registry/index.ts';
import type { Modules } from '../server/modules.ts';
import { casesNow, loadCaseHistory } from './case-history-load.ts';
import { describeDemoResident, seedDemoResident } from './demo-resident.ts';
import { loadDemoFacilities } from './facilities.ts';
import type { GeneratedDemo } from './generate.ts';
import { DAY, HOUR, historyWindow } from './history-window.ts';
import { loadDemoDevices } from './iot-devices-load.ts';
import { type LoadedHistory, loadOperationsHistory } from './operations-history.ts';
import { describeSeededSharing, seedSharingDemo } from './sharing-demo.ts';

/** One file's batch: its counts as ingest reports them. */
export type LoadedBatch = {
  alias: string;
  fileName: string;
  batchId: number;
  total: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  warnings: number;
  rejectedByReason: Record<string, number>;
};

/**
 * What loading did: the batches, the licenses issued (0 when the registry had licenses already), the counts, and
 * the time taken in all, by the files (ingest and registry merges) and by the licenses.
 */
export type LoadedDemo = {
  batches: LoadedBatch[];
  licenses: number;
  stats: Record<RegistryName, number>;
  seconds: number;
  filesSeconds: number;
  licensesSeconds: number;
  /** The 12345 case history: cases loaded, and the time it took. */
  cases: { loaded: number; skipped: number; seconds: number };
  /** The sensing devices: registered by this load, and the demo's in all. */
  devices: { registered: number; planned: number };
  /** The schools, shelters and hospitals of the operations screen: added, changed and already there. */
  facilities: { created: number; updated: number; unchanged: number };
  /** The month of operations behind the operations center's panels (operations-history.ts). */
  history: LoadedHistory;
};

// Licenses are issued in transactions of this many (each is numbered, signed and delivered to the registry).
const LICENSE_CHUNK = 2000;

/** Loads generated demo files into the platform and issues the demo's licenses. */
export async function loadDemo(
  modules: Modules,
  generated: GeneratedDemo,
  options: { onProgress?: (line: string) => void } = {},
): Promise<LoadedDemo> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const ctx = systemCtx('demo');
  const departments = new Map<string, number>();
  for (const code of new Set([
    ...generated.files.map((f) => f.department),
    ...generated.licenses.map((l) => l.issuer),
  ])) {
    const department = await modules.org.service.findDepartmentByCode(code);
    if (!department) throw new Error(`The demo needs department ${code}, which does not exist`);
    departments.set(code, department.id);
  }

  // The first delivery of each file was made the day before the month of history began (its later changes follow
  // day by day, see operations-history.ts); files delivered again are received now.
  const now = casesNow(generated.dir);
  const first = (await modules.ingest.service.list(ctx, { page: 1, pageSize: 1 })).total === 0;
  const firstDelivery = historyWindow(now).start.getTime() - DAY + 9 * HOUR;
  const batches: LoadedBatch[] = [];
  for (const [i, file] of generated.files.entries()) {
    let reported = 0;
    const batch = await modules.ingest.service.ingestFile(ctx, {
      resource: file.alias,
      file: file.file,
      sourceDepartmentId: departments.get(file.department)!,
      ...(first && { receivedAt: new Date(firstDelivery + i * 10 * 60_000) }),
      onProgress: (rows) => {
        if (rows - reported < 100_000) return;
        reported = rows;
        progress(`  ${file.fileName}: ${rows.toLocaleString('en')} rows`);
      },
    });
    const { id, total, accepted, rejected, duplicates, warnings, rejectedByReason } = batch;
    batches.push({
      alias: file.alias,
      fileName: file.fileName,
      batchId: id,
      total,
      accepted,
      rejected,
      duplicates,
      warnings,
      rejectedByReason,
    });
    progress(
      `loaded ${file.fileName} (${file.department}): ${total.toLocaleString('en')} rows, ${accepted.toLocaleString('en')} accepted, ${rejected} rejected, ${duplicates} duplicates`,
    );
  }
  progress('merging into the registries…');
  await modules.ingest.service.idle();
  const filesSeconds = (performance.now() - started) / 1000;

  // Issued once: loading the same files again must not issue the licenses twice.
  let licenses = 0;
  if ((await modules.registry.service.stats()).license === 0) {
    const inputs = generated.licenses.map(({ issuer, ...license }) => ({
      ...license,
      issuerDepartmentId: departments.get(issuer)!,
    }));
    for (let i = 0; i < inputs.length; i += LICENSE_CHUNK) {
      licenses += (await modules.registry.licenses.issueMany(ctx, inputs.slice(i, i + LICENSE_CHUNK))).length;
      if (inputs.length > LICENSE_CHUNK)
        progress(
          `  issued ${licenses.toLocaleString('en')} of ${inputs.length.toLocaleString('en')} licenses`,
        );
    }
    progress(`issued ${licenses.toLocaleString('en')} e-licenses`);
  }
  const licensesSeconds = (performance.now() - started) / 1000 - filesSeconds;
  // Sharing applications in every state, once (none are added when any exist).
  progress(describeSeededSharing(await seedSharingDemo(modules)));
  progress(describeDemoResident(await seedDemoResident(modules)));
  const cases = await loadCaseHistory(modules, { ...generated, cases: generated.sizes.cases });
  progress(
    `loaded ${cases.loaded.toLocaleString('en')} 12345 cases (${cases.skipped} already there) in ${cases.seconds.toFixed(1)} s`,
  );
  // The sensing devices, fitted to the components the registry now holds.
  const { codes, ...devices } = await loadDemoDevices(modules, generated);
  progress(`registered ${devices.registered} sensing devices (${devices.planned} in the demo)`);
  const facilities = await loadDemoFacilities(modules, generated);
  progress(
    `added ${facilities.created} schools, shelters and hospitals (${facilities.unchanged} already there)`,
  );
  progress(`published ${(await seedDemoForms(modules.forms)).created} "report once" forms (最多报一次)`);
  const history = await loadOperationsHistory(modules, generated, { codes, now, onProgress: progress });
  progress(`loaded ${history.days} days of operations history in ${history.seconds.toFixed(1)} s`);
  await seedCitizenDirectory(modules.citizen.directory, modules.org.service, progress);
  const stats = await modules.registry.service.stats();
  return {
    batches,
    licenses,
    stats,
    seconds: (performance.now() - started) / 1000,
    filesSeconds,
    licensesSeconds,
    cases,
    devices,
    facilities,
    history,
  };
}
