/**
 * The demo district on first start: a fresh data directory (no batch delivered, no registry entity) gets the
 * small demo loaded before the server opens, so that a new installation has people, companies, components
 * and licenses to look at. ONECITY_DEMO=none turns this off. A load cut short (the process stopped) is done
 * again at the next start: a marker file says it began, and loading is idempotent. Processes starting together
 * on one database take turns (a database-wide lock), so the demo is loaded once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.ts';
import { systemCtx } from '../core/context.ts';
import type { Database } from '../core/db.ts';
import type { Modules } from '../server/modules.ts';
import { type DemoScale, generateDemo } from './generate.ts';
import { loadDemo } from './load-demo.ts';

/** True when nothing was ever delivered: no ingest batch and no registry entity. */
export async function isFresh(modules: Modules): Promise<boolean> {
  const batches = await modules.ingest.service.list(systemCtx('demo'), { page: 1, pageSize: 1 });
  if (batches.total > 0) return false;
  const stats = await modules.registry.service.stats();
  return Object.values(stats).every((n) => n === 0);
}

/** Loads the demo district when the configuration asks for it and the data is fresh; returns whether it did. */
export async function loadDemoOnFirstStart(
  modules: Modules,
  database: Database,
  config: Config,
  print: (line: string) => void,
): Promise<boolean> {
  const scale = config.demo;
  if (scale === 'none') return false;
  return database.exclusive('onecity.demo.first-start', () =>
    loadIfFresh(modules, path.join(config.dataDir, 'demo'), scale, print),
  );
}

async function loadIfFresh(modules: Modules, dir: string, scale: DemoScale, print: (line: string) => void) {
  const marker = path.join(dir, '.loading');
  const resuming = fs.existsSync(marker);
  if (!resuming && !(await isFresh(modules))) return false;
  const started = performance.now();
  print(
    resuming
      ? `Resuming the load of the ${scale} demo district, cut short last time…`
      : `First start: loading the ${scale} demo district of 望城区 (ONECITY_DEMO=none skips this)…`,
  );
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(marker, scale);
    const generated = await generateDemo({ scale, dir });
    const loaded = await loadDemo(modules, generated, { onProgress: (line) => print(`  ${line}`) });
    fs.rmSync(marker);
    const counts = Object.entries(loaded.stats)
      .map(([registry, n]) => `${registry} ${n.toLocaleString('en')}`)
      .join(', ');
    print(`Demo district loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts}`);
  } catch (error) {
    // The platform works without its demo: say why it is missing and start anyway.
    print(`The demo district could not be loaded: ${(error as Error).message}`);
    return false;
  }
  return true;
}
