/**
 * Names of audit targets (a user's, a department's, a resource's) for the audit page, which otherwise could only
 * show a kind and an id. The modules that own the targets register a namer when they are wired together; the
 * audit module knows none of them. Names are read when the log is shown, so they are today's names.
 */

/** Names of targets of one type, by target id; ids it does not know are left out. */
export type TargetNamer = (ids: string[]) => Promise<Map<string, string>>;

/** Namers by target type; `download.csv` and the like are named by the namer of their first part. */
export function createTargetNames() {
  const namers = new Map<string, TargetNamer>();
  const namerOf = (type: string) => namers.get(type) ?? namers.get(type.split('.')[0]!);

  return {
    register(targetType: string, namer: TargetNamer) {
      namers.set(targetType, namer);
    },

    /** Each entry with its target's name, or null when it has none (no namer, gone, or its namer failed). */
    async name<E extends { targetType: string | null; targetId: string | null }>(entries: E[]) {
      const idsByType = new Map<string, Set<string>>();
      for (const e of entries)
        if (e.targetType && e.targetId && namerOf(e.targetType))
          idsByType.set(e.targetType, (idsByType.get(e.targetType) ?? new Set()).add(e.targetId));
      const names = new Map<string, Map<string, string>>();
      await Promise.all(
        [...idsByType].map(async ([type, ids]) => {
          // A name is a convenience: the log is shown without it rather than not at all.
          const found = await namerOf(type)!([...ids]).catch(() => new Map<string, string>());
          names.set(type, found);
        }),
      );
      return entries.map((e) => ({
        ...e,
        targetName: (e.targetType && e.targetId && names.get(e.targetType)?.get(e.targetId)) || null,
      }));
    },
  };
}
