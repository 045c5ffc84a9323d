import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '..');

// The console's root is web/, but module pages live in src/modules/<name>/web, so the dev server may read the whole repo.
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two apps, one build: the console (index.html) and the citizen app for phones (m/index.html), which shares
    // no chunk with the console's antd so its first load stays small.
    rollupOptions: {
      input: { console: path.join(webRoot, 'index.html'), mobile: path.join(webRoot, 'm/index.html') },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    // `npm run dev:web` next to `npm start`: the API stays on the server's port.
    proxy: { '/api': `http://localhost:${process.env.ONECITY_API_PORT ?? 8080}` },
  },
});
