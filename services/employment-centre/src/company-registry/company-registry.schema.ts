import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The employment centre's own schema: its registry of employers and tirocinio hosts. */
export const employmentCentreSchema = pgSchema('employment_centre');

/** An employer or tirocinio host of the territory (the seeds' "banca dati delle aziende"). No person's data. */
export const companies = employmentCentreSchema.table(
  'companies',
  {
    companyId: uuid('company_id').primaryKey(),
    name: text('name').notNull(),
    /** The company's partita IVA (11 digits). */
    vatNumber: text('vat_number').unique(),
    /** e.g. srl, spa, cooperativa-sociale-b, associazione. */
    legalForm: text('legal_form').notNull(),
    /** ATECO 2007 code, e.g. 52.10.00. */
    atecoCode: text('ateco_code').notNull(),
    sector: text('sector').notNull(),
    comune: text('comune').notNull(),
    ambito: text('ambito').notNull(),
    /** employer, tirocinio-host, or both. */
    roles: text('roles').array().notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('companies_ambito_idx').on(table.ambito, table.comune)],
);

/** A convention (convenzione di tirocinio) between a promoter and a host company, with its validity. */
export const conventions = employmentCentreSchema.table(
  'conventions',
  {
    conventionRef: text('convention_ref').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.companyId),
    /** The promoter's organisation id, e.g. afol-metropolitana. */
    promoterId: text('promoter_id').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
  },
  (table) => [index('conventions_company_idx').on(table.companyId), check('conventions_valid_range', sql`${table.validUntil} >= ${table.validFrom}`)],
);

/** A placement a company offers: a tirocinio (or a job) in a sector, for so many hours a week. */
export const placements = employmentCentreSchema.table(
  'placements',
  {
    placementId: uuid('placement_id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.companyId),
    kind: text('kind').notNull(),
    /** The kind of tirocinio, for a tirocinio placement. */
    tirocinioType: text('tirocinio_type'),
    title: text('title').notNull(),
    sector: text('sector').notNull(),
    hoursPerWeek: integer('hours_per_week').notNull(),
    seats: integer('seats').notNull(),
    requirements: text('requirements').array().notNull(),
    /** open or closed. */
    status: text('status').notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
  },
  (table) => [
    index('placements_company_idx').on(table.companyId, table.status),
    check('placements_hours', sql`${table.hoursPerWeek} BETWEEN 1 AND 40`),
    check('placements_seats', sql`${table.seats} >= 1`),
  ],
);
