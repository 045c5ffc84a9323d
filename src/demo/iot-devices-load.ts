/**
 * Registering the demo's sensing devices after its files are loaded: lampposts and covers are fitted to the
 * components the component registry now holds, the dust monitors stand at the sites of 住建局's file.
 */
import { systemCtx } from '../core/context.ts';
import { openFile } from '../modules/ingest/index.ts';
import type { Modules } from '../server/modules.ts';
import type { GeneratedDemo } from './generate.ts';
import { type ComponentPoint, coverDepartments, planDemoDevices, type SitePoint } from './iot-devices.ts';
import { loadDistrict } from './places.ts';

/** The components of the registry of these subclasses, by code. */
async function componentsOf(modules: Modules, subclasses: string[]): Promise<ComponentPoint[]> {
  const found: ComponentPoint[] = [];
  for (const subclass of subclasses) {
    for (let page = 1; ; page++) {
      const { rows, total } = await modules.registry.service.share.page(
        'component',
        [['subclass', subclass]],
        {
          page,
          pageSize: 500,
        },
      );
      for (const { key, values } of rows) {
        const lng = Number(values.lng);
        const lat = Number(values.lat);
        if (Number.isFinite(lng) && Number.isFinite(lat) && values.lng && values.lat)
          found.push({ code: key, subclass, lng, lat, subdistrict: values.subdistrict ?? '' });
      }
      if (page * 500 >= total) break;
    }
  }
  return found.sort((a, b) => a.code.localeCompare(b.code));
}

/** The construction sites of 住建局's generated file. */
async function sitesOf(generated: GeneratedDemo): Promise<SitePoint[]> {
  const file = generated.files.find((f) => f.alias === 'zjj_construction_sites');
  if (!file) return [];
  const source = await openFile(file.file);
  const sites: SitePoint[] = [];
  for await (const batch of source.batches)
    for (const row of batch)
      sites.push({ code: row[0]!, name: row[1]!, lng: Number(row[8]), lat: Number(row[9]) });
  return sites;
}

/**
 * Registers the demo's devices not registered yet; returns how many it registered, how many there are, and their
 * codes.
 */
export async function loadDemoDevices(
  modules: Modules,
  generated: GeneratedDemo,
): Promise<{ registered: number; planned: number; codes: string[] }> {
  const [district, components, sites] = await Promise.all([
    loadDistrict(),
    componentsOf(modules, ['路灯', ...Object.keys(coverDepartments)]),
    sitesOf(generated),
  ]);
  const planned = planDemoDevices({
    seed: generated.seed,
    district,
    components,
    sites,
    asOf: generated.asOf,
  });
  const directory = await modules.org.service.departmentDirectory();
  const inputs = planned.map(({ department, ...device }) => {
    const departmentId = directory.byCode.get(department)?.id;
    if (departmentId === undefined)
      throw new Error(`The demo needs department ${department}, which does not exist`);
    return { ...device, departmentId };
  });
  const tokens = await modules.iot.simulator.register(systemCtx('demo'), inputs);
  return { registered: tokens.length, planned: planned.length, codes: planned.map((d) => d.code) };
}
