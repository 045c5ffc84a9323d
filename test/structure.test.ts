import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cyclesOf, importsOf, sourceFiles } from './import-graph.ts';
import { breach, handWrittenRoles, moduleOf, sqlOutsideRepository } from './structure-rules.ts';

// Checks of the structure rules (structure-rules.ts) over every source file, and of import cycles.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = sourceFiles(root, ['src', 'web', 'test', 'e2e', 'bench', 'scripts']);
const imports = importsOf(root, files);

describe('code structure', () => {
  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(imports.length).toBeGreaterThan(1000);
  });

  it('has no import that reaches into another module or up a layer', () => {
    const breaches = imports.flatMap((imp) => {
      const why = breach(imp);
      return why ? [`${imp.from} → ${imp.to}: ${why}`] : [];
    });
    expect(breaches).toEqual([]);
  });

  it('has no import cycles between files (type-only imports count; import() does not)', () => {
    expect(cyclesOf(imports.filter((i) => !i.dynamic))).toEqual([]);
  });

  it('has no cycles between modules', () => {
    const edges = imports.flatMap(({ from, to }) => {
      const a = moduleOf(from);
      const b = moduleOf(to);
      return a && b && a !== b ? [{ from: a, to: b }] : [];
    });
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('writes role lists only in policy files, so routes and the console ask one policy', () => {
    const found = files.flatMap((file) => {
      const why = handWrittenRoles(file, fs.readFileSync(path.join(root, file), 'utf8'));
      return why ? [`${file}: ${why}`] : [];
    });
    expect(found).toEqual([]);
  });

  it("keeps each module's SQL in its repository files", () => {
    const found = files.flatMap((file) => {
      const why = sqlOutsideRepository(file, fs.readFileSync(path.join(root, file), 'utf8'));
      return why ? [`${file}: ${why}`] : [];
    });
    expect(found).toEqual([]);
  });

  it('catches a reach into another module and a cycle (the checks can fail)', () => {
    expect(
      breach({ from: 'src/modules/sharing/x.ts', to: 'src/modules/registry/feeds.ts', dynamic: false }),
    ).toMatch(/index\.ts/);
    expect(breach({ from: 'src/core/db.ts', to: 'src/server/app.ts', dynamic: false })).toBeDefined();
    expect(breach({ from: 'web/kit/api.ts', to: 'web/src/app.tsx', dynamic: false })).toBeDefined();
    expect(
      breach({ from: 'src/modules/org/service.ts', to: 'web/kit/api.ts', dynamic: false }),
    ).toBeDefined();
    expect(
      breach({ from: 'src/modules/org/web/a.tsx', to: 'src/modules/catalog/index.ts', dynamic: false }),
    ).toBeDefined();
    expect(
      breach({ from: 'src/modules/catalog/web/a.tsx', to: 'src/modules/ingest/web/tab.tsx', dynamic: false }),
    ).toBeDefined();
    expect(
      breach({
        from: 'src/modules/ingest/web/a.tsx',
        to: 'src/modules/catalog/web/index.ts',
        dynamic: false,
      }),
    ).toBeUndefined();
    expect(handWrittenRoles('src/modules/org/routes.ts', "{ access: ['admin'] }")).toBeDefined();
    expect(
      handWrittenRoles('src/modules/org/web/a.tsx', "const staff = ['admin', 'steward'];"),
    ).toBeDefined();
    expect(
      handWrittenRoles('src/modules/org/policy.ts', "const staff = ['admin', 'steward'];"),
    ).toBeUndefined();
    expect(sqlOutsideRepository('src/modules/org/service.ts', 'await queryRows(db, q)')).toBeDefined();
    expect(sqlOutsideRepository('src/modules/org/repository.ts', 'await queryRows(db, q)')).toBeUndefined();
    expect(
      cyclesOf([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ]),
    ).toEqual([['a', 'b', 'c']]);
  });
});

describe('message codes', () => {
  it("loads every module's messages without a clash (a clash throws at import, stopping the start)", async () => {
    await expect(import('../src/server/modules.ts')).resolves.toBeDefined();
    const { message } = await import('../src/core/messages.ts');
    // The two modules' not_a_number, which once overwrote each other.
    expect(message('not_a_number', 'zh-CN', { value: 'x' }, 'catalog')).toBe('“x”不是数字');
    expect(message('not_a_number', 'zh-CN', { minimum: 1, maximum: 9 }, 'sharing')).toBe(
      '应为 1 至 9 的整数',
    );
  });
});
