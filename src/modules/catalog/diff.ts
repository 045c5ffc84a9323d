/** Flattens a resource snapshot to path → value, with data items keyed by their code so reordering is not a change. */
function flatten(value: unknown, path: string, out: Map<string, unknown>) {
  if (Array.isArray(value)) {
    const keyed = value.every(
      (v) => v && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string',
    );
    if (keyed && value.length) {
      for (const v of value) flatten(v, `${path}[${(v as { code: string }).code}]`, out);
    } else {
      out.set(path, JSON.stringify(value));
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, JSON.stringify(value ?? null));
  }
}

/** The fields that differ between two versions of a resource, as path, old value and new value. */
export function diffSnapshots(a: Record<string, unknown>, b: Record<string, unknown>) {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  flatten(a, '', left);
  flatten(b, '', right);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  const parse = (v: unknown) => (v === undefined ? undefined : JSON.parse(v as string));
  return paths
    .filter((p) => left.get(p) !== right.get(p))
    .map((path) => ({ path, from: parse(left.get(path)), to: parse(right.get(path)) }));
}
