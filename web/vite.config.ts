import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';
import { serviceWorkerBuild } from './service-worker.ts';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '..');
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
          groups: [{ name: 'react', test: (id) => sharedAtStart.test(id), priority: 10 }],
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
