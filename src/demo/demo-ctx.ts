/** Who the demo acts as: the system, named so the console shows where the rows come from. */
import { type Ctx, systemCtx } from '../core/context.ts';

/** The system as `name`, shown as `displayName` (演示数据 and what part of the demo wrote the rows). */
export function demoCtx(name = 'demo', displayName = '演示数据'): Ctx {
  const ctx = systemCtx(name);
  return { ...ctx, actor: { ...ctx.actor!, displayName } };
}
