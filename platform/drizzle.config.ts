import { defineConfig } from 'drizzle-kit';

// Migrations are generated files (`npm run db:generate`) applied at start with migrate(),
// never `drizzle-kit push` (HOUSE_STYLE).
export default defineConfig({
  dialect: 'postgresql',
  schema: './platform/src/db/schema/index.ts',
  out: './platform/drizzle',
});
