import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

// The line of public/m/sw.js that the build replaces; the dev server serves the file as it is.
const placeholder = /^const BUILD = \{ version: 'dev', precache: \[\] \};.*$/m;

/**
 * Stamps the citizen app's service worker (public/m/sw.js) with the build: its version (a hash of the app's first
 * load, whose file names change whenever any of its code does, lazy pages included, since the entry names them) and
 * the files of that first load to keep for offline use. A new release thus changes the worker's bytes, so browsers
 * install it on the next visit and it drops the caches of the old one: a phone never keeps an old app.
 */
export function serviceWorkerBuild({ entry, template }: { entry: string; template: string }): Plugin {
  return {
    name: 'onecity-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const main = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === entry);
      if (!main || main.type !== 'chunk') throw new Error(`no entry chunk named ${entry}`);
      const files = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (!chunk || chunk.type !== 'chunk' || files.has(fileName)) return;
        files.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const imported of chunk.imports) visit(imported);
      };
      visit(main.fileName);
      const precache = [...files].sort().map((file) => `/${file}`);
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const source = fs.readFileSync(template, 'utf8');
      if (!placeholder.test(source)) throw new Error(`${template} has no line \`const BUILD = …\` to stamp`);
      this.emitFile({
        type: 'asset',
        fileName: path.posix.join('m', path.basename(template)),
        source: source.replace(placeholder, `const BUILD = ${JSON.stringify({ version, precache })};`),
      });
    },
  };
}
