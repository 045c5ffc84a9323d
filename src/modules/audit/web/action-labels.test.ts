// Every action code and target type the server writes to the audit log has a name in zh-CN and en, so the audit
// page never shows a raw code. The codes are collected from the source, so a new one without names fails here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en, zhCN } from './messages.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The server's source files: not tests, not the console (whose strings are not audit codes). */
function serverFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'web' ? [] : serverFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

const sources = serverFiles(src).map((file) => fs.readFileSync(file, 'utf8'));
const quoted = (text: string) => [...text.matchAll(/'([a-z]+\.[a-z_]+)'/g)].map((m) => m[1]!);

/**
 * The action codes written: the `x.y` literals of every `action: …` (a ternary included), then every literal of
 * those namespaces anywhere (a code handed to a helper, like `setPassword(…, 'user.password_reset')`).
 */
function actionCodes() {
  const direct = sources.flatMap((text) =>
    [...text.matchAll(/\baction: ([^\n]*)/g)].flatMap((m) => quoted(m[1]!)),
  );
  const namespaces = new Set(direct.map((code) => code.split('.')[0]!));
  const all = sources.flatMap(quoted).filter((code) => namespaces.has(code.split('.')[0]!));
  return [...new Set([...direct, ...all])].sort();
}

/** The target types written: literals, each registry's name (its entities), and `download` (download.<format>). */
function targetTypes() {
  const literal = sources.flatMap((text) =>
    [...text.matchAll(/\btargetType: '([a-z_]+)'/g)].map((m) => m[1]!),
  );
  const feeds = fs.readFileSync(path.join(src, 'modules/registry/feeds.ts'), 'utf8');
  const registries = [
    ...(feeds.match(/registryNames = \[([^\]]*)\]/)?.[1] ?? '').matchAll(/'([a-z_]+)'/g),
  ].map((m) => m[1]!);
  const dynamic = sources.some((text) => text.includes('targetType: `download.')) ? ['download'] : [];
  return [...new Set([...literal, ...registries, ...dynamic])].sort();
}

describe('audit names', () => {
  const codes = actionCodes();
  const types = targetTypes();

  it('finds the codes the server writes', () => {
    // A scan that found nothing would pass every check below.
    expect(codes).toEqual(
      expect.arrayContaining(['access.denied', 'sharing.approve', 'user.password_reset']),
    );
    expect(codes.length).toBeGreaterThan(30);
    expect(types).toEqual(expect.arrayContaining(['user', 'application', 'population', 'download']));
  });

  it('names every action code in zh-CN and en', () => {
    expect(codes.filter((code) => !zhCN.actionLabels[code]?.trim())).toEqual([]);
    expect(codes.filter((code) => !(en.actionLabels as Record<string, string>)[code]?.trim())).toEqual([]);
  });

  it('names every target type in zh-CN and en', () => {
    expect(types.filter((type) => !zhCN.targetTypes[type]?.trim())).toEqual([]);
    expect(types.filter((type) => !(en.targetTypes as Record<string, string>)[type]?.trim())).toEqual([]);
  });

  it('names no code twice in one language (two actions would read alike)', () => {
    for (const labels of [zhCN.actionLabels, en.actionLabels as Record<string, string>]) {
      const names = Object.values(labels);
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    }
  });
});
