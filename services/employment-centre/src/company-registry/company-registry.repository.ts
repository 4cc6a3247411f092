import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { z } from 'zod';
import type { Company, openPlacementRequest, Placement, registerCompanyRequest } from './company.request.js';
import { companies, conventions, placements } from './company-registry.schema.js';
import { sectorOfAteco, sectors, type Sector } from './sectors.js';

export interface CompanyFilter {
  /** The Ambiti the caller may see; undefined for everywhere. */
  ambiti?: readonly string[];
  ambito?: string;
  comune?: string;
  sector?: Sector;
  role?: 'employer' | 'tirocinio-host';
}

type CompanyRow = typeof companies.$inferSelect;
type ConventionRow = typeof conventions.$inferSelect;
type PlacementRow = typeof placements.$inferSelect;

/** The CPI's registry of employers and tirocinio hosts, in its own schema (`employment_centre`). */
export class CompanyRegistry {
  constructor(private readonly db: NodePgDatabase) {}

  async list(filter: CompanyFilter): Promise<Company[]> {
    const where: SQL[] = [];
    if (filter.ambiti) where.push(inArray(companies.ambito, [...filter.ambiti]));
    if (filter.ambito) where.push(eq(companies.ambito, filter.ambito));
    if (filter.comune) where.push(eq(companies.comune, filter.comune));
    if (filter.sector) where.push(eq(companies.sector, filter.sector));
    const rows = await this.db
      .select()
      .from(companies)
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(asc(companies.ambito), asc(companies.comune), asc(companies.name));
    const found = filter.role ? rows.filter((row) => row.roles.includes(filter.role!)) : rows;
    return this.withDetails(found);
  }

  async get(companyId: string): Promise<Company> {
    const [row] = await this.db.select().from(companies).where(eq(companies.companyId, companyId));
    if (!row) throw new NotFoundError(`no company ${companyId} in the registry`);
    const [company] = await this.withDetails([row]);
    return company!;
  }

  /** Registers a company with its conventions; the sector is its ATECO division's. */
  async register(companyId: string, request: z.output<typeof registerCompanyRequest>): Promise<Company> {
    const sector = sectorOfAteco(request.atecoCode);
    if (!sector) throw new IllegalStateError(`atecoCode ${request.atecoCode}: the registry files no sector under ATECO division ${request.atecoCode.slice(0, 2)}`);
    await this.db.transaction(async (tx) => {
      if (request.vatNumber) {
        const [same] = await tx.select({ id: companies.companyId }).from(companies).where(eq(companies.vatNumber, request.vatNumber));
        if (same) throw new IllegalStateError(`a company with vatNumber ${request.vatNumber} is already registered (${same.id})`);
      }
      const refs = request.conventions.map((c) => c.conventionRef);
      if (new Set(refs).size !== refs.length) throw new IllegalStateError('conventions: each conventionRef once');
      if (refs.length > 0) {
        const taken = await tx.select({ ref: conventions.conventionRef }).from(conventions).where(inArray(conventions.conventionRef, refs));
        if (taken.length > 0) throw new IllegalStateError(`conventions: conventionRef ${taken.map((t) => t.ref).join(', ')} is already registered`);
      }
      await tx.insert(companies).values({
        companyId,
        name: request.name,
        vatNumber: request.vatNumber ?? null,
        legalForm: request.legalForm,
        atecoCode: request.atecoCode,
        sector,
        comune: request.comune,
        ambito: request.ambito,
        roles: request.roles,
      });
      if (request.conventions.length > 0) await tx.insert(conventions).values(request.conventions.map((c) => ({ ...c, companyId })));
    });
    return this.get(companyId);
  }

  /** Opens a placement at a company that may offer it: a tirocinio at a host, a job at an employer. */
  async openPlacement(companyId: string, placementId: string, request: z.output<typeof openPlacementRequest>): Promise<Company> {
    const company = await this.get(companyId);
    const role = request.kind === 'tirocinio' ? 'tirocinio-host' : 'employer';
    if (!company.roles.includes(role)) {
      throw new IllegalStateError(`company ${companyId} is not registered as ${role}, so it cannot open a ${request.kind} placement`);
    }
    await this.db.insert(placements).values({
      placementId,
      companyId,
      kind: request.kind,
      tirocinioType: request.tirocinioType ?? null,
      title: request.title,
      sector: request.sector,
      hoursPerWeek: request.hoursPerWeek,
      seats: request.seats,
      requirements: request.requirements,
      status: 'open',
      openedOn: request.openedOn,
    });
    return this.get(companyId);
  }

  /** The companies of an Ambito with their open tirocinio placements: what the matching looks at. */
  async openTirociniIn(ambito: string): Promise<Company[]> {
    const withPlacements = await this.list({ ambito, role: 'tirocinio-host' });
    return withPlacements
      .map((company) => ({ ...company, placements: company.placements.filter((p) => p.status === 'open' && p.kind === 'tirocinio') }))
      .filter((company) => company.placements.length > 0);
  }

  private async withDetails(rows: readonly CompanyRow[]): Promise<Company[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.companyId);
    const [conventionRows, placementRows] = await Promise.all([
      this.db.select().from(conventions).where(inArray(conventions.companyId, ids)).orderBy(asc(conventions.validFrom), asc(conventions.conventionRef)),
      this.db.select().from(placements).where(inArray(placements.companyId, ids)).orderBy(asc(placements.status), asc(placements.openedOn), asc(placements.placementId)),
    ]);
    return rows.map((row) => toCompany(row, conventionRows.filter((c) => c.companyId === row.companyId), placementRows.filter((p) => p.companyId === row.companyId)));
  }
}

function toCompany(row: CompanyRow, conventionRows: readonly ConventionRow[], placementRows: readonly PlacementRow[]): Company {
  const sector = row.sector as Sector;
  return {
    companyId: row.companyId,
    name: row.name,
    ...(row.vatNumber ? { vatNumber: row.vatNumber } : {}),
    legalForm: row.legalForm as Company['legalForm'],
    atecoCode: row.atecoCode,
    sector,
    sectorLabel: sectors[sector].label,
    comune: row.comune,
    ambito: row.ambito,
    roles: row.roles as Company['roles'],
    conventions: conventionRows.map(({ conventionRef, promoterId, validFrom, validUntil }) => ({ conventionRef, promoterId, validFrom, validUntil })),
    placements: placementRows.map(toPlacement),
  };
}

function toPlacement(row: PlacementRow): Placement {
  return {
    placementId: row.placementId,
    kind: row.kind as Placement['kind'],
    ...(row.tirocinioType ? { tirocinioType: row.tirocinioType as NonNullable<Placement['tirocinioType']> } : {}),
    title: row.title,
    sector: row.sector as Sector,
    hoursPerWeek: row.hoursPerWeek,
    seats: row.seats,
    requirements: row.requirements,
    status: row.status as Placement['status'],
    openedOn: row.openedOn,
  };
}
