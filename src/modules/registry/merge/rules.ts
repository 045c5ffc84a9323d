/** One source's value of one item of an entity, as last delivered. */
export type Candidate = { source: string; value: string; batchId: number; observedAt: string };

/** A steward's choice for an item whose sources disagreed, valid while they still offer the same values. */
export type Resolution = { fingerprint: string; value: string; source: string | null };

/** The merged value of one item and where it came from. */
export type MergedItem = {
  value: string;
  source: string;
  batchId: number;
  observedAt: string;
  /** How the value was chosen. */
  rule: 'only' | 'agreed' | 'precedence' | 'resolution' | 'newest';
  /** The disagreeing values when no rule settled them (the newest is used meanwhile). */
  conflict: Candidate[] | null;
};

/** Identifies a disagreement by who offered what, so a resolution applies until a source changes its value. */
export function fingerprint(candidates: Candidate[]): string {
  return candidates
    .map((c) => `${c.source}=${c.value}`)
    .sort()
    .join('\u0001');
}

const newestFirst = (a: Candidate, b: Candidate) =>
  b.observedAt.localeCompare(a.observedAt) || b.batchId - a.batchId;

/**
 * Picks one item's value from what its sources offer. Agreement needs no rule; otherwise the first source in
 * the item's precedence list that has a value wins (公安 on names, 民政 on marital status); otherwise a steward's
 * resolution of the same disagreement; otherwise the newest value is used and the disagreement is returned as
 * a conflict for a steward. Returns null when no source has a value.
 */
export function mergeItem(
  candidates: Candidate[],
  precedence: readonly string[] = [],
  resolution?: Resolution,
): MergedItem | null {
  const offered = candidates.filter((c) => c.value !== '');
  if (offered.length === 0) return null;
  const newest = [...offered].sort(newestFirst);
  const pick = (c: Candidate, rule: MergedItem['rule'], conflict: Candidate[] | null = null): MergedItem => ({
    value: c.value,
    source: c.source,
    batchId: c.batchId,
    observedAt: c.observedAt,
    rule,
    conflict,
  });
  if (new Set(offered.map((c) => c.value)).size === 1)
    return pick(newest[0]!, offered.length === 1 ? 'only' : 'agreed');
  for (const source of precedence) {
    const preferred = offered.find((c) => c.source === source);
    if (preferred) return pick(preferred, 'precedence');
  }
  if (resolution && resolution.fingerprint === fingerprint(offered)) {
    const chosen = offered.find(
      (c) => c.value === resolution.value && (!resolution.source || c.source === resolution.source),
    );
    if (chosen) return pick(chosen, 'resolution');
  }
  return pick(newest[0]!, 'newest', offered);
}
