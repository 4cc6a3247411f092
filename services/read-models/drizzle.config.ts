import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w @traiettorie/read-models` writes SQL migrations offline;
// the service applies them at start (drizzle-orm/node-postgres/migrator).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/case-summary/case-summary.schema.ts', './src/pathway/pathway.schema.ts'],
  out: './drizzle',
});
