import { ambitoCode, isoDate, organisationId, tirocinioTypes } from '@traiettorie/contracts';
import { z } from 'zod';
import { sectorKeys } from './sectors.js';

export const companyRoles = ['employer', 'tirocinio-host'] as const;
export const legalForms = ['srl', 'srls', 'spa', 'snc', 'sas', 'ditta-individuale', 'cooperativa', 'cooperativa-sociale-a', 'cooperativa-sociale-b', 'associazione', 'ente-pubblico'] as const;

const comune = z.string().min(2).max(80).describe("the Comune of the workplace, e.g. 'Sesto San Giovanni'");
const atecoCode = z
  .string()
  .regex(/^\d{2}(\.\d{1,2}){0,2}$/, 'an ATECO 2007 code such as 52.10.00')
  .describe('the ATECO 2007 code of the main activity; the sector is derived from its division');

const convention = z
  .strictObject({
    conventionRef: z.string().min(1).max(80),
    promoterId: organisationId.describe('the promoter, e.g. afol-metropolitana'),
    validFrom: isoDate,
    validUntil: isoDate,
  })
  .refine((c) => c.validUntil >= c.validFrom, { path: ['validUntil'], message: 'a convention ends on or after its start (validFrom)' });

/** POST /companies: an employer or tirocinio host; no person's data. */
export const registerCompanyRequest = z.strictObject({
  name: z.string().min(2).max(160),
  vatNumber: z.string().regex(/^\d{11}$/, 'a partita IVA of 11 digits').optional(),
  legalForm: z.enum(legalForms),
  atecoCode,
  comune,
  ambito: ambitoCode.describe('the Ambito territoriale of the Comune, e.g. LOM-SESTO-SAN-GIOVANNI'),
  roles: z
    .array(z.enum(companyRoles))
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, 'each role once'),
  conventions: z.array(convention).default([]),
});

/** POST /companies/:companyId/placements: an open placement. */
export const openPlacementRequest = z
  .strictObject({
    kind: z.enum(['tirocinio', 'job']),
    tirocinioType: z.enum(tirocinioTypes).optional().describe('required for a tirocinio, absent for a job'),
    title: z.string().min(2).max(120).describe('the role, e.g. "Addetto/a al magazzino"'),
    sector: z.enum(sectorKeys),
    hoursPerWeek: z.int().min(1).max(40),
    seats: z.int().min(1).max(50).default(1),
    requirements: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'a requirement code such as haccp or patente-b'))
      .max(10)
      .default([]),
    openedOn: isoDate,
  })
  .refine((p) => (p.kind === 'tirocinio') === (p.tirocinioType !== undefined), {
    path: ['tirocinioType'],
    message: 'a tirocinio placement, and only it, names its tirocinioType',
  });

const placementResponse = z.strictObject({
  placementId: z.uuid(),
  kind: z.enum(['tirocinio', 'job']),
  tirocinioType: z.enum(tirocinioTypes).optional(),
  title: z.string(),
  sector: z.enum(sectorKeys),
  hoursPerWeek: z.int(),
  seats: z.int(),
  requirements: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  openedOn: isoDate,
});
export type Placement = z.output<typeof placementResponse>;

export const companyResponse = z.strictObject({
  companyId: z.uuid(),
  name: z.string(),
  vatNumber: z.string().optional(),
  legalForm: z.enum(legalForms),
  atecoCode: z.string(),
  sector: z.enum(sectorKeys),
  sectorLabel: z.string().describe('the sector, in Italian'),
  comune: z.string(),
  ambito: z.string(),
  roles: z.array(z.enum(companyRoles)),
  conventions: z.array(z.strictObject({ conventionRef: z.string(), promoterId: z.string(), validFrom: isoDate, validUntil: isoDate })),
  placements: z.array(placementResponse).describe('its placements, open first'),
});
export type Company = z.output<typeof companyResponse>;

export const companiesQuery = z.strictObject({
  ambito: ambitoCode.optional(),
  comune: z.string().min(2).max(80).optional(),
  sector: z.enum(sectorKeys).optional(),
  role: z.enum(companyRoles).optional(),
});

export const registerCompanyExamples = {
  host: {
    summary: 'A social cooperative of Cologno Monzese that hosts tirocini under a convention with AFOL',
    value: {
      name: 'Cooperativa Sociale Esempio',
      legalForm: 'cooperativa-sociale-b',
      atecoCode: '81.29.10',
      comune: 'Cologno Monzese',
      ambito: 'LOM-SESTO-SAN-GIOVANNI',
      roles: ['tirocinio-host'],
      conventions: [{ conventionRef: 'CONV-AFOL-2026-0999', promoterId: 'afol-metropolitana', validFrom: '2026-01-01', validUntil: '2028-12-31' }],
    } satisfies z.input<typeof registerCompanyRequest>,
  },
};

export const openPlacementExamples = {
  tirocinio: {
    summary: 'A tirocinio di inclusione in a warehouse, 25 hours a week',
    value: {
      kind: 'tirocinio',
      tirocinioType: 'inclusione-sociale',
      title: 'Addetto/a al magazzino',
      sector: 'logistica',
      hoursPerWeek: 25,
      seats: 1,
      requirements: ['formazione-sicurezza-base'],
      openedOn: '2026-11-02',
    } satisfies z.input<typeof openPlacementRequest>,
  },
};
