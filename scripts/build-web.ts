// Builds the web console into web/dist. Run by `npm install` (postinstall) and `npm run build:web`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

if (process.argv.includes('--if-missing') && fs.existsSync(path.join(root, 'web/dist/index.html'))) process.exit(0);
if (!fs.existsSync(vite)) {
  // A production install without dev dependencies cannot build; the server then serves the API only.
  console.warn('vite is not installed; skipping the web console build');
  process.exit(0);
}
execFileSync(process.execPath, [vite, 'build', '--config', path.join(root, 'web/vite.config.ts')], { cwd: root, stdio: 'inherit' });
