import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w @traiettorie/employment-centre` writes SQL migrations offline;
// the service applies them at start (drizzle-orm/node-postgres/migrator).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/company-registry/company-registry.schema.ts',
  out: './drizzle',
});
