import type { Import } from './import-graph.ts';

// The structure the code keeps as it grows (docs/architecture.md, docs/modules.md): modules use each other only
// through their public files, the shared layers (core, the console kit) depend on nothing above them.

/** The module a file belongs to, if any. */
export function moduleOf(file: string): string | undefined {
  return /^src\/modules\/([^/]+)\//.exec(file)?.[1];
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
// A module's test kit: support for its own tests, which other modules' tests may use too.
const isTestKit = (file: string) => /-test-(kit|fixture)\.ts$/.test(file);
const isWeb = (file: string) => /^src\/modules\/[^/]+\/(web|app)\//.test(file) || file.startsWith('web/');
// The citizen app (web/m and each module's app/): kept apart from the console so a phone loads little.
const isApp = (file: string) => /^src\/modules\/[^/]+\/app\//.test(file) || file.startsWith('web/m/');

/** Why an import breaks the structure, or undefined when it is allowed. */
export function breach({ from, to }: Import): string | undefined {
  const source = moduleOf(from);
  const target = moduleOf(to);
  if (from.startsWith('web/kit/') && !to.startsWith('web/kit/') && !to.startsWith('src/core/'))
    return 'the console kit depends only on itself and core';
  // Tests assemble the platform (src/server) through the harness (test/).
  const harness =
    (isTest(from) || isTestKit(from)) && (to.startsWith('test/') || to.startsWith('src/server/'));
  if (from.startsWith('src/core/') && !to.startsWith('src/core/') && !harness)
    return 'core depends on nothing above it';
  if (source && !isWeb(from) && to.startsWith('web/')) return 'server code does not import the console';
  if (
    isApp(from) &&
    (to.startsWith('web/kit/') || to.startsWith('web/src/') || /^src\/modules\/[^/]+\/web\//.test(to))
  )
    return 'the citizen app does not import the console';
  if (source) {
    const own = target === source;
    const kit = to.startsWith('web/kit/') || (isApp(from) && to.startsWith('web/m/'));
    if (!own && !target && !to.startsWith('src/core/') && !kit && !harness)
      return 'a module depends only on core, the console kit and other modules';
  }
  if (target && target !== source) {
    const rest = to.slice(`src/modules/${target}/`.length);
    if (isTest(from) && isTestKit(to)) return undefined;
    if (isWeb(from)) {
      if (rest !== 'contract.ts' && rest !== 'web/index.ts' && rest !== 'app/index.ts')
        return `web code uses another module through its contract.ts, web/index.ts or app/index.ts, not ${rest}`;
    } else {
      const schemaReference = rest === 'schema.ts' && from.endsWith('/schema.ts');
      if (rest !== 'index.ts' && rest !== 'contract.ts' && !schemaReference)
        return `server code uses another module through its index.ts or contract.ts, not ${rest}`;
    }
  }
  if (to.startsWith('web/src/') && !from.startsWith('web/src/'))
    return 'only the console shell imports the shell (web/src)';
  return undefined;
}

const roleName = "'(?:admin|steward|department_user|leader|citizen)'";
// An array of two or more role names, or a route's access written as an array in place.
const roleList = new RegExp(String.raw`\[\s*${roleName}\s*,\s*${roleName}|access:\s*\[`);

/** Why a file writes out who may do what outside a policy, or undefined. */
export function handWrittenRoles(file: string, text: string): string | undefined {
  if (/(^|\/)policy\.ts$/.test(file) || file === 'src/core/context.ts' || isTest(file) || isTestKit(file))
    return undefined;
  if (!file.startsWith('src/modules/') && !file.startsWith('src/server/') && !file.startsWith('web/'))
    return undefined;
  return roleList.test(text) ? 'role lists belong in the module’s policy.ts' : undefined;
}

// Querying: Drizzle's query builder and sql template, the raw driver, and the helpers around them. Opening a
// transaction is not querying: a service says where its work begins and ends, and hands the transaction on.
const querying =
  /from 'drizzle-orm'|\bqueryRows\(|\.execute\(|\bcopyIn\(|\b(?:db|database|tx)\.(?:query|select|insert|update|delete)\(/;

/** Why a module file other than a repository or schema queries the database, or undefined. */
export function sqlOutsideRepository(file: string, text: string): string | undefined {
  if (!file.startsWith('src/modules/') || isWeb(file) || isTest(file) || isTestKit(file)) return undefined;
  if (/(^|\/|-)repository\.ts$/.test(file) || file.endsWith('/schema.ts')) return undefined;
  return querying.test(text) ? 'SQL belongs in the repository files' : undefined;
}
