/**
 * Loading the demo district's case history: the year of closed cases and the open ones in every state, generated
 * for the categories and departments the platform has, through the events import's bulk path. The generation's
 * "now" is kept beside the demo's files, so that a load cut short and done again makes the same cases (and loads
 * only those missing); a day later it is taken afresh, so the open cases' clocks stay current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemCtx } from '../core/context.ts';
import type { Modules } from '../server/modules.ts';
import { generateDemoCases } from './case-history.ts';
import { loadDistrict } from './places.ts';

/** The instant the demo's cases are generated against: kept in `dir` for a day, to the minute. */
export function casesNow(dir: string, now = new Date()): Date {
  const file = path.join(dir, 'cases-now.txt');
  const kept = fs.existsSync(file) ? new Date(fs.readFileSync(file, 'utf8').trim()) : null;
  if (kept && !Number.isNaN(kept.getTime()) && now.getTime() - kept.getTime() < 86_400_000 && kept <= now)
    return kept;
  const fresh = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, fresh.toISOString());
  return fresh;
}

/** Open cases per state for a history of `count` cases: a few at the small scale, more for the full district. */
export function openPerState(count: number): number {
  return Math.max(3, Math.min(20, Math.round(count / 7500)));
}

/** Generates and loads the case history; returns what was loaded and skipped, and the time it took. */
export async function loadCaseHistory(
  modules: Modules,
  demo: { seed: number; dir: string; cases: number },
): Promise<{ loaded: number; skipped: number; seconds: number }> {
  const started = performance.now();
  const categories = await modules.events.categories.list();
  const departments = await modules.events.categories.departments();
  const routes = new Map<string, number>();
  for (const c of categories) routes.set(c.code, await modules.events.categories.route(c.code, null));
  const options = {
    seed: demo.seed,
    count: demo.cases,
    now: casesNow(demo.dir),
    district: await loadDistrict(),
    categories,
    departmentOf: (code: string) => routes.get(code) ?? null,
    departmentName: (id: number) => departments.byId.get(id)?.name ?? '承办部门',
  };
  const cases = generateDemoCases({ ...options, perState: openPerState(demo.cases) });
  const result = await modules.events.imports.loadCases(systemCtx('demo'), cases, { source: 'demo' });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}
