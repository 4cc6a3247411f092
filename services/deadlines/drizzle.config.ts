import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w @traiettorie/deadlines` writes SQL migrations offline;
// the service applies them at start (drizzle-orm/node-postgres/migrator).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/deadline/deadline.schema.ts',
  out: './drizzle',
});
