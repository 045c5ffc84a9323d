import fs from 'node:fs';
import path from 'node:path';

/** One import of a source file: the file it names (resolved, relative to the repository) and how. */
export type Import = { from: string; to: string; dynamic: boolean };

const sourceExt = /\.(ts|tsx)$/;
// Static imports and re-exports (import/export … from '…', import '…') and dynamic import('…').
const staticImport =
  /(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
const dynamicImport = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every .ts/.tsx file under the folders given, as paths relative to `root`. */
export function sourceFiles(root: string, folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(rel);
      } else if (sourceExt.test(entry.name)) files.push(rel);
    }
  };
  for (const folder of folders) if (fs.existsSync(path.join(root, folder))) walk(folder);
  return files.sort();
}

/** The relative imports of each file (package imports are left out), resolved to repository paths. */
export function importsOf(root: string, files: string[]): Import[] {
  const imports: Import[] = [];
  for (const from of files) {
    const text = fs.readFileSync(path.join(root, from), 'utf8');
    const add = (spec: string | undefined, dynamic: boolean) => {
      if (!spec?.startsWith('.')) return;
      imports.push({
        from,
        to: path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)),
        dynamic,
      });
    };
    for (const m of text.matchAll(staticImport)) add(m[1] ?? m[2], false);
    for (const m of text.matchAll(dynamicImport)) add(m[1], true);
  }
  return imports;
}

/** The cycles of a directed graph (Tarjan's strongly connected components of more than one node, or a self-loop). */
export function cyclesOf(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || next.get(node)!.includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
