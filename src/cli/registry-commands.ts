import type { Command } from 'commander';
import { lookupCtx, systemCtx } from '../core/context.ts';
import { applyMaskPlan, maskAs, maskPlan } from '../core/masking.ts';
import { rawReason } from '../core/raw-views.ts';
import { output, withConfigOptions, withPlatform } from './options.ts';

/** `registry stats` and `registry get REGISTRY KEY`. */
export function registerRegistryCommands(program: Command) {
  const registry = program
    .command('registry')
    .description('base registries: population, legal_person, license, component');

  withConfigOptions(registry.command('stats').description('entities per registry'))
    .option('--json', 'print the result as JSON')
    .action(async (opts, command: Command) => {
      const stats = await withPlatform(command, ({ modules }) => modules.registry.service.stats());
      output(opts.json, stats, () => {
        for (const [name, n] of Object.entries(stats)) console.log(`${name.padEnd(14)} ${n}`);
      });
    });

  withConfigOptions(
    registry.command('get <registry> <key>').description('one merged entity with its provenance'),
  )
    .option('--as-of <date>', 'the version valid at this date or time (ISO 8601)')
    .option('--raw', 'show personal items unmasked (needs --reason; the reading is audited)')
    .option('--reason <text>', 'why the personal items are needed unmasked')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, key: string, opts, command: Command) => {
      const asOf = opts.asOf ? new Date(opts.asOf) : undefined;
      // The console's policy here too: masked by default (the items derived from a masked one with it); raw only
      // with a stated reason, and audited.
      const reason = opts.raw ? rawReason(opts.reason) : null;
      const entity = await withPlatform(command, async ({ modules }) => {
        const found = await modules.registry.service.get(name, key, asOf);
        const resource = await modules.catalog.service.get(lookupCtx, name);
        const personal = resource.items.filter((i) => i.personal).map((i) => i.code);
        if (reason !== null) {
          if (personal.length)
            await modules.audit.service.recordNow(systemCtx('cli'), {
              action: 'registry.read_personal',
              targetType: name,
              targetId: key,
              detail: { reason, items: personal, asOf: opts.asOf ?? null },
            });
          return found;
        }
        const plan = maskPlan(resource.items, (i) => i.personal);
        const keyKind = plan.get(resource.keyItems[0]!);
        return {
          ...found,
          key: keyKind ? maskAs(found.key, keyKind) : found.key,
          values: applyMaskPlan(plan, found.values),
          sources: found.sources.map((s) => ({ ...s, values: applyMaskPlan(plan, s.values) })),
          conflicts: found.conflicts.map((c) => ({
            ...c,
            // Stored as the sources offered them: [{ source, value, batchId, observedAt }].
            candidates: (c.candidates as { value: string }[]).map((x) => {
              const kind = plan.get(c.item);
              return kind ? { ...x, value: maskAs(x.value, kind) } : x;
            }),
          })),
          history: found.history.map((h) => ({ ...h, values: applyMaskPlan(plan, h.values) })),
        };
      });
      output(opts.json, entity, () => {
        for (const [item, value] of Object.entries(entity.values)) {
          const from = entity.provenance[item];
          console.log(
            `${item.padEnd(20)} ${value}${from ? `  ← ${from.source} #${from.batchId} (${from.rule})` : ''}`,
          );
        }
        for (const c of entity.conflicts)
          console.log(`conflict on ${c.item}: ${JSON.stringify(c.candidates)}`);
      });
    });
}
