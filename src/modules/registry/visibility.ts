import type { Ctx } from '../../core/context.ts';
import { maskAs, maskPlan } from '../../core/masking.ts';
import type { Resource } from '../catalog/index.ts';
import { registryPolicy } from './policy.ts';

/** What one answer shows: personal values raw (the caller may and asked to) or masked. */
export type Visibility = {
  raw: boolean;
  /** Codes of the registry's personal items. */
  personal: string[];
  /** Values with personal items masked, unless raw. */
  values(values: Record<string, string>): Record<string, string>;
  /** One item's value, masked if personal and not raw. */
  value(item: string, value: string): string;
  /** The entity key as shown: masked when the key item is personal (a population ID number). */
  key(key: string): string;
};

/**
 * The visibility of a registry's data for this caller; `askedRaw` is the caller's `raw=true` (with a reason, which
 * the service checks). Masked, the items derived from a personal item are masked with it: the birth date, sex
 * and age beside a masked ID number (the key), which would otherwise rebuild it.
 */
export function visibilityFor(ctx: Ctx, resource: Resource, askedRaw: boolean): Visibility {
  const raw = askedRaw && registryPolicy.maySeeRaw(ctx.actor, resource);
  const plan = maskPlan(resource.items, (i) => i.personal);
  const keyKind = plan.get(resource.keyItems[0]!);
  const value = (item: string, v: string) => {
    const kind = plan.get(item);
    return raw || !kind ? v : maskAs(v, kind);
  };
  return {
    raw,
    personal: resource.items.filter((i) => i.personal).map((i) => i.code),
    value,
    values: (values) =>
      raw ? values : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, value(k, v)])),
    key: (key) => (raw || !keyKind ? key : maskAs(key, keyKind)),
  };
}

/** Candidate values of a conflict, as the sources offered them. */
export type Candidates = { source: string; value: string; batchId: number; observedAt: string }[];

/** Candidate values of a conflict as the caller may see them. */
export function maskCandidates(shown: Visibility, item: string, candidates: Candidates): Candidates {
  return candidates.map((c) => ({ ...c, value: shown.value(item, c.value) }));
}
