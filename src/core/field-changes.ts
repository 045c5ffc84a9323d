/** For the audit log: each patched field with its value before and after. */
export function fieldChanges(before: object, patch: object): Record<string, { from: unknown; to: unknown }> {
  const old = before as Record<string, unknown>;
  return Object.fromEntries(Object.entries(patch).map(([key, to]) => [key, { from: old[key], to }]));
}
