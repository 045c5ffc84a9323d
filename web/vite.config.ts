import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';
import { serviceWorkerBuild } from './service-worker.ts';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '..');
// What the citizen app's first screen needs besides React: the shell (web/m), the modules' app registrations and
// strings, the antd-mobile parts the shell draws and the icons of the home tiles. The automatic split cuts these
// into a dozen small files, and on slow 4G each round of six requests costs a whole round trip.
const mobileAtStart =
  /web[\\/]m[\\/]|src[\\/]modules[\\/][^\\/]+[\\/]app[\\/]|antd-mobile(-icons)?[\\/]/;
const uiHelpers = /node_modules[\\/](classnames|ahooks|warning|rc-util|@rc-component[\\/]util)[\\/]/;
const sharedAtStart =
  /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](query-core|react-query)|use-sync-external-store|@babel[\\/]runtime)[\\/]|vite[\\/](preload-helper|modulepreload-polyfill)/;

// The console's root is web/, but module pages live in src/modules/<name>/web, so the dev server may read the whole repo.
export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    serviceWorkerBuild({ entry: 'mobile', template: path.join(webRoot, 'public/m/sw.js') }),
    precompress(),
  ],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two apps, one build: the console (index.html) and the citizen app for phones (m/index.html), which shares
    // no chunk with the console's antd so its first load stays small.
    rollupOptions: {
      input: { console: path.join(webRoot, 'index.html'), mobile: path.join(webRoot, 'm/index.html') },
      // What both apps load at start (React, its router, react-query, the bundler's and Babel's small helpers) in one
      // file rather than the five or six the automatic split makes of it: a phone's HTTP/1.1 connection fetches six
      // files at a time, and each one more waits a whole round trip (bench/mobile).
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: (id) => sharedAtStart.test(id), priority: 10 },
            // The small helpers antd and antd-mobile share, in one file rather than one each.
            { name: 'ui-helpers', test: (id) => uiHelpers.test(id), tags: ['$initial'], priority: 8 },
            {
              name: 'mobile-start',
              test: (id) => mobileAtStart.test(id),
              tags: ['$initial'],
              // Not their dependencies: small libraries antd-mobile shares with antd (classnames …) would drag this
              // chunk into the console.
              includeDependenciesRecursively: false,
              priority: 5,
            },
          ],
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    // `npm run dev:web` next to `npm start`: the API stays on the server's port.
    proxy: { '/api': `http://localhost:${process.env.ONECITY_API_PORT ?? 8080}` },
  },
});
