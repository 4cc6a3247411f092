import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IllegalStateError, NotFoundError, type EventData, type EventType, type HubEvent } from '@traiettorie/contracts';
import { toNewEvent } from '@traiettorie/command-handling';
import { createPostgresEventStore, migrateEventStore, type EventStore } from '@traiettorie/event-store';
import { createTestDatabase, sampleEvent, waitFor, type TestDatabase } from '@traiettorie/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { randomUUID } from 'node:crypto';
import { readEmploymentStreams } from '../employment/employment.read.js';
import { employmentStream } from '../employment/employment.state.js';
import { readyPeople } from '../tirocinio-matching/tirocinio-matching.controller.js';
import { matchTirocini } from '../tirocinio-matching/tirocinio-matching.js';
import type { z } from 'zod';
import type { openPlacementRequest, registerCompanyRequest } from './company.request.js';
import { REGISTRY_MIGRATIONS } from './company-registry.module.js';
import { CompanyRegistry } from './company-registry.repository.js';

const SESTO = 'LOM-SESTO-SAN-GIOVANNI';
const ADDA = 'LOM-ADDA-MARTESANA';

describe('the company registry and the tirocinio matching, on PostgreSQL', () => {
  let db: TestDatabase;
  let registry: CompanyRegistry;
  let store: EventStore;

  const migrateRegistry = () => migrate(drizzle({ client: db.pool }), { migrationsFolder: REGISTRY_MIGRATIONS, migrationsSchema: 'employment_centre' });

  beforeAll(async () => {
    db = await createTestDatabase('employment_registry');
    await migrateRegistry();
    registry = new CompanyRegistry(drizzle({ client: db.pool }));
    await migrateEventStore(db.pool);
    store = createPostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  describe('the registry', () => {
    it('starts with the demo companies of the seeds’ territory, by Ambito, Comune and name, with sector labels and conventions', async () => {
      const sesto = await registry.list({ ambito: SESTO });
      const adda = await registry.list({ ambito: ADDA });

      expect(sesto.map((c) => [c.comune, c.name, c.sectorLabel])).toEqual([
        ['Cologno Monzese', 'Il Ponte Cooperativa Sociale di tipo B', 'Pulizie e servizi alle imprese'],
        ['Sesto San Giovanni', 'Logistica Brianza S.r.l.', 'Logistica e magazzino'],
        ['Sesto San Giovanni', 'Officine Meccaniche Sestesi S.p.A.', 'Manifattura e meccanica'],
      ]);
      expect(adda.map((c) => c.comune)).toEqual(['Cernusco sul Naviglio', 'Melzo', 'Pioltello']);
      expect(sesto[1]!.conventions).toEqual([{ conventionRef: 'CONV-AFOL-2026-0311', promoterId: 'afol-metropolitana', validFrom: '2026-01-01', validUntil: '2028-12-31' }]);
    });

    it('migrating again at the next start changes nothing, and keeps its bookkeeping in its own schema (not beside the read models’)', async () => {
      await migrateRegistry();

      expect((await registry.list({})).length).toBe(6);
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM employment_centre.__drizzle_migrations`);
      expect(rows[0].n).toBe(2);
      const { rowCount } = await db.pool.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = 'drizzle'`);
      expect(rowCount).toBe(0);
    });

    it('registers a company with its sector derived from the ATECO code, and finds it by filters', async () => {
      const id = randomUUID();
      const registered = await registry.register(id, {
        name: 'Magazzini Cologno S.r.l.',
        vatNumber: '01234567890',
        legalForm: 'srl',
        atecoCode: '52.24.20',
        comune: 'Cologno Monzese',
        ambito: SESTO,
        roles: ['employer', 'tirocinio-host'],
        conventions: [{ conventionRef: 'CONV-AFOL-2026-7001', promoterId: 'afol-metropolitana', validFrom: '2026-06-01', validUntil: '2027-05-31' }],
      });

      expect(registered).toMatchObject({ companyId: id, sector: 'logistica', sectorLabel: 'Logistica e magazzino', placements: [] });
      expect((await registry.list({ ambiti: [SESTO], sector: 'logistica', comune: 'Cologno Monzese' })).map((c) => c.name)).toEqual(['Magazzini Cologno S.r.l.']);
      expect((await registry.list({ ambiti: [ADDA], sector: 'logistica' })).map((c) => c.name)).toEqual([]);
      expect((await registry.list({ ambito: SESTO, role: 'employer' })).map((c) => c.name)).toEqual([
        'Il Ponte Cooperativa Sociale di tipo B',
        'Magazzini Cologno S.r.l.',
        'Logistica Brianza S.r.l.',
        'Officine Meccaniche Sestesi S.p.A.',
      ]);
    });

    it('refuses a second company with the same partita IVA, a convention already registered, and an ATECO division it files no sector under', async () => {
      const base: z.output<typeof registerCompanyRequest> = {
        name: 'Altra S.r.l.',
        legalForm: 'srl',
        atecoCode: '52.10.00',
        comune: 'Sesto San Giovanni',
        ambito: SESTO,
        roles: ['employer'],
        conventions: [],
      };

      await expect(registry.register(randomUUID(), { ...base, vatNumber: '01234567890' })).rejects.toThrow(IllegalStateError);
      await expect(
        registry.register(randomUUID(), {
          ...base,
          roles: ['tirocinio-host'],
          conventions: [{ conventionRef: 'CONV-AFOL-2026-0311', promoterId: 'afol-metropolitana', validFrom: '2026-01-01', validUntil: '2026-12-31' }],
        }),
      ).rejects.toThrow(/conventionRef CONV-AFOL-2026-0311 is already registered/);
      await expect(registry.register(randomUUID(), { ...base, atecoCode: '99.00.00' })).rejects.toThrow(/files no sector under ATECO division 99/);
      expect((await registry.list({ ambito: SESTO })).map((c) => c.name)).not.toContain('Altra S.r.l.');
    });

    it('opens a tirocinio only at a host, a job only at an employer; an unknown company is not found', async () => {
      const [officine] = await registry.list({ ambito: SESTO, sector: 'manifattura' });
      const tirocinio: z.output<typeof openPlacementRequest> = {
        kind: 'tirocinio',
        tirocinioType: 'inclusione-sociale',
        title: 'Addetto/a al montaggio',
        sector: 'manifattura',
        hoursPerWeek: 20,
        seats: 1,
        requirements: [],
        openedOn: '2026-11-30',
      };

      await expect(registry.openPlacement(officine!.companyId, randomUUID(), tirocinio)).rejects.toThrow(/not registered as tirocinio-host/);
      await expect(registry.openPlacement(randomUUID(), randomUUID(), tirocinio)).rejects.toThrow(NotFoundError);
      const [ponte] = await registry.list({ ambito: SESTO, comune: 'Cologno Monzese', sector: 'pulizie-servizi' });
      const placementId = randomUUID();
      const opened = await registry.openPlacement(ponte!.companyId, placementId, { ...tirocinio, title: 'Addetto/a alla sanificazione', sector: 'pulizie-servizi' });

      expect(opened.placements.map((p) => p.title)).toEqual(['Addetto/a alle pulizie civili', 'Addetto/a alla sanificazione']);
      expect(opened.placements[1]).toEqual({ ...tirocinio, placementId, title: 'Addetto/a alla sanificazione', sector: 'pulizie-servizi', status: 'open' });
    });
  });

  describe('the matching, from the CPI’s streams in the event store', () => {
    /** A person's history at the CPI, appended to `employment-<caseId>` as the deciders would have: the contracts' examples, with overrides. */
    async function pathway(ambito: string, steps: [EventType, Record<string, unknown>?][]): Promise<string> {
      const caseId = randomUUID();
      const events = steps.map(([type, data]) => ({ ...sampleEvent(type, { caseId, ...(data ? { data: data as Partial<EventData<typeof type>> } : {}) }), ambito }) as HubEvent);
      await store.appendToStream(employmentStream(caseId), events.map(toNewEvent));
      return caseId;
    }

    it('ranks the people a pact asked a tirocinio for × the open placements of their Ambito, explaining each match, naming the person by reference only', async () => {
      const requested = await pathway(SESTO, [
        ['EmploymentReferralReceived'],
        ['DIDRegistered'],
        ['ServicePactSigned', { actions: ['orientation'] }],
        ['TrainingEnrolled'],
        ['TrainingCompleted'],
        ['TirocinioPlacementRequested'],
      ]);
      const inTirocinio = await pathway(SESTO, [['EmploymentReferralReceived'], ['DIDRegistered'], ['ServicePactSigned'], ['TirocinioStarted']]);
      const elsewhere = await pathway(ADDA, [['EmploymentReferralReceived'], ['TirocinioPlacementRequested']]);
      const all = await waitFor(() => readEmploymentStreams(store), (events) => events.length >= 12, { what: 'the global log to show the pathways' });

      const people = readyPeople(all, SESTO);
      const matches = matchTirocini(people, await registry.openTirociniIn(SESTO), { on: '2026-12-01', promoterId: 'afol-metropolitana' });

      expect(people.map((p) => p.caseId)).toEqual([requested]);
      expect(people.map((p) => p.caseId)).not.toContain(inTirocinio);
      expect(readyPeople(all, ADDA).map((p) => p.caseId)).toEqual([elsewhere]);
      expect(matches.map((m) => [m.rank, m.companyName, m.title, m.score])).toEqual([
        [1, 'Logistica Brianza S.r.l.', 'Addetto/a al magazzino', 10],
        [2, 'Il Ponte Cooperativa Sociale di tipo B', 'Addetto/a alle pulizie civili', 6],
        [3, 'Il Ponte Cooperativa Sociale di tipo B', 'Addetto/a alla sanificazione', 6],
      ]);
      expect(matches[0]!.reasons).toEqual([
        'stesso Comune del CPI di riferimento',
        'settore coerente con il profilo (formazione completata)',
        "tirocinio di inclusione, come richiesto dal Patto per l'inclusione",
        'convenzione in corso con il promotore (CONV-AFOL-2026-0311)',
        'requisiti da verificare: formazione-sicurezza-base',
      ]);
      expect(matches[1]!.reasons).toEqual([
        'stesso Ambito territoriale',
        "tirocinio di inclusione, come richiesto dal Patto per l'inclusione",
        'convenzione in corso con il promotore (CONV-AFOL-2026-0412)',
        'nessun requisito specifico',
      ]);
      expect(new Set(matches.map((m) => m.personRef))).toEqual(new Set(['P-SSG-7f3a91']));
    });

    it('in Adda Martesana, an expired convention is said to need renewing', async () => {
      const all = await readEmploymentStreams(store);
      const matches = matchTirocini(readyPeople(all, ADDA), await registry.openTirociniIn(ADDA), { on: '2026-12-01', promoterId: 'afol-metropolitana' });

      // Verde Martesana 6 (inclusion, convention, no requirement); Market Adda 4 (inclusion, no requirement, convention expired);
      // the Trattoria 3 (a convention, but a tirocinio di inserimento that asks HACCP).
      expect(matches.map((m) => [m.companyName, m.score])).toEqual([
        ['Verde Martesana Cooperativa Sociale', 6],
        ['Market Adda S.r.l.', 4],
        ['Trattoria del Naviglio S.n.c.', 3],
      ]);
      expect(matches.find((m) => m.companyName === 'Market Adda S.r.l.')!.reasons).toContain('convenzione con il promotore da stipulare o rinnovare');
    });
  });
});
