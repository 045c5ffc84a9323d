import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every module's schema.ts and committed; the app applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/modules/*/schema.ts',
  out: './migrations',
});
