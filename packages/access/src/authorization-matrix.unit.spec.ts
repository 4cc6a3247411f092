import { describe, expect, it, test } from '@jest/globals';
import { catalogue } from '@traiettorie/contracts';
import { authorizeActingOn, authorizeEmit } from './authorize-emit.js';
import { authorizeRead } from './authorize-read.js';
import { demoClients } from './demo-clients.js';
import type { Caller, ClientRegistration, Decision } from './identity.js';
import { readScopes, type ReadScope } from './read-scopes.js';

/** The registry's two Ambiti, one in the funder's region that nobody acts for, one outside it. */
const ambiti = ['LOM-SESTO-SAN-GIOVANNI', 'LOM-ADDA-MARTESANA', 'LOM-MILANO', 'PIE-TORINO'] as const;

const callerOf = (client: ClientRegistration): Caller => ({ client, purposeId: client.purposes[0]!, voucherId: `jti-${client.clientId}` });
const caller = (clientId: string): Caller => callerOf(demoClients.find((c) => c.clientId === clientId)!);

type Expected = { allowed: true } | { allowed: false; status: 403; rule: string };
const refused = (rule: string): Expected => ({ allowed: false, status: 403, rule });

/**
 * The rules, stated once more and plainly, without the code under test:
 * an agency emits the types whose contract names its kind, for its own Ambiti;
 * funder and auditor emit nothing.
 */
function expectedEmit(client: ClientRegistration, emitters: readonly string[], ambito: string, type: string): Expected {
  if (type === 'PersonalDataAccessed' || type === 'DeadlineMissed') return refused('recorded-by-the-hub');
  if (client.kind === 'funder' || client.kind === 'auditor' || !emitters.includes(client.kind)) return refused('emitter-not-allowed');
  if (!client.ambiti.includes(ambito)) return refused('ambito-not-yours');
  return { allowed: true };
}

/**
 * Reads: the auditor reads everything; the funder aggregates only, of Ambiti
 * of its regions (`LOM-…`); an agency reads cases, summaries and lists of its
 * own Ambiti, referrals only if it is the employment centre or the social
 * service, the company registry if it places people in work (CPI, social
 * service, third sector), and aggregates of its own Ambiti.
 */
function expectedRead(client: ClientRegistration, scope: ReadScope, ambito: string): Expected {
  if (client.kind === 'auditor') return { allowed: true };
  if (client.kind === 'funder') {
    if (scope !== 'aggregates') return refused('aggregates-only');
    return ambito.startsWith('LOM-') ? { allowed: true } : refused('region-not-yours');
  }
  if (scope === 'referral' && client.kind !== 'employment-centre' && client.kind !== 'social-services') return refused('scope-not-for-this-kind');
  if (scope === 'company-registry' && !['employment-centre', 'social-services', 'third-sector'].includes(client.kind)) return refused('scope-not-for-this-kind');
  return client.ambiti.includes(ambito) ? { allowed: true } : refused('ambito-not-yours');
}

/** A decision as the oracle states one: allowed, or a status and a rule. */
const shape = (d: Decision): { allowed: true } | { allowed: false; status: number; rule: string } =>
  d.allowed ? { allowed: true } : { allowed: false, status: d.status, rule: d.rule };

const emitCells = demoClients.flatMap((client) =>
  catalogue.flatMap((definition) => ambiti.map((ambito) => ({ client, type: definition.type, emitters: definition.emitters, ambito }))),
);
const readCells = demoClients.flatMap((client) => readScopes.flatMap((scope) => ambiti.map((ambito) => ({ client, scope, ambito }))));

describe('the authorisation matrix (catalogue × demo clients × Ambiti)', () => {
  it('covers every cell', () => {
    console.log(
      `authorisation matrix: ${emitCells.length} emit cells (${demoClients.length} clients × ${catalogue.length} event types × ${ambiti.length} Ambiti), ` +
        `${readCells.length} read cells (${demoClients.length} clients × ${readScopes.length} scopes × ${ambiti.length} Ambiti), ${emitCells.length + readCells.length} in all`,
    );
    expect(emitCells.length).toBe(demoClients.length * catalogue.length * ambiti.length);
  });

  // One test per client; a failure lists every cell where the decision and the rules disagree.
  test.each(demoClients.map((client) => [client.clientId, client] as const))('emit: every (event type × Ambito) cell of %s is as the rules say', (_id, client) => {
    const wrong = emitCells
      .filter((cell) => cell.client === client)
      .map((cell) => ({ cell: `${cell.type} in ${cell.ambito}`, got: shape(authorizeEmit(callerOf(client), cell)), expected: expectedEmit(client, cell.emitters, cell.ambito, cell.type) }))
      .filter(({ got, expected }) => JSON.stringify(got) !== JSON.stringify(expected));
    expect(wrong).toEqual([]);
  });

  test.each(demoClients.map((client) => [client.clientId, client] as const))('read: every (scope × Ambito) cell of %s is as the rules say', (_id, client) => {
    const wrong = readCells
      .filter((cell) => cell.client === client)
      .map((cell) => ({ cell: `${cell.scope} of ${cell.ambito}`, got: shape(authorizeRead(callerOf(client), cell)), expected: expectedRead(client, cell.scope, cell.ambito) }))
      .filter(({ got, expected }) => JSON.stringify(got) !== JSON.stringify(expected));
    expect(wrong).toEqual([]);
  });

  it('the refused cells are many and of every rule', () => {
    const rules = new Set(
      [...emitCells.map((c) => authorizeEmit(callerOf(c.client), c)), ...readCells.map((c) => authorizeRead(callerOf(c.client), c))].flatMap((d) =>
        d.allowed ? [] : [d.rule],
      ),
    );
    expect([...rules].sort()).toEqual(['aggregates-only', 'ambito-not-yours', 'emitter-not-allowed', 'recorded-by-the-hub', 'region-not-yours', 'scope-not-for-this-kind']);
  });

  it('each client may emit exactly its kind’s event types in its own Ambito, nothing else', () => {
    const allowedPerClient = Object.fromEntries(
      demoClients.map((client) => [
        client.clientId,
        emitCells.filter((cell) => cell.client === client && authorizeEmit(callerOf(client), cell).allowed).length,
      ]),
    );
    // By hand: 16 social-services types (PersonalDataAccessed and DeadlineMissed are the hub's own records), 11 employment-centre, 5 health-services (CPS and SerD alike), 4 third-sector, 6 programme; one Ambito each.
    expect(allowedPerClient).toEqual({
      'ss-sesto': 16,
      'ss-adda': 16,
      'cpi-sesto': 11,
      'cps-sesto': 5,
      'serd-sesto': 5,
      'ets-sesto': 4,
      'prog-sesto': 6,
      'funder-lom': 0,
      auditor: 0,
    });
  });

  it('each client may read exactly what its kind may, where it may', () => {
    const allowedPerClient = Object.fromEntries(
      demoClients.map((client) => [client.clientId, readCells.filter((cell) => cell.client === client && authorizeRead(callerOf(client), cell).allowed).length]),
    );
    // By hand: agencies 6 scopes of their Ambito (no referral for CPS, SerD, ETS and the project office; no company registry for CPS, SerD and the project office);
    // the funder aggregates of 3 LOM-… Ambiti; the auditor all 6 × 4.
    expect(allowedPerClient).toEqual({
      'ss-sesto': 6,
      'ss-adda': 6,
      'cpi-sesto': 6,
      'cps-sesto': 4,
      'serd-sesto': 4,
      'ets-sesto': 5,
      'prog-sesto': 4,
      'funder-lom': 3,
      auditor: 24,
    });
  });
});

describe('spot checks, written by hand', () => {
  it('when cpi-sesto starts a tirocinio in its own Ambito › it is allowed', () => {
    expect(authorizeEmit(caller('cpi-sesto'), { type: 'TirocinioStarted', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toEqual({ allowed: true });
  });

  it('when cpi-sesto starts a tirocinio in Adda Martesana › it is refused 403 ambito-not-yours', () => {
    expect(authorizeEmit(caller('cpi-sesto'), { type: 'TirocinioStarted', ambito: 'LOM-ADDA-MARTESANA' })).toMatchObject({
      allowed: false,
      status: 403,
      rule: 'ambito-not-yours',
    });
  });

  it('when the employment centre signs a social-services pact › it is refused 403 emitter-not-allowed', () => {
    expect(authorizeEmit(caller('cpi-sesto'), { type: 'PactSigned', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toMatchObject({ status: 403, rule: 'emitter-not-allowed' });
  });

  it('when the auditor or the funder tries to emit anything › it is refused 403 emitter-not-allowed', () => {
    expect(authorizeEmit(caller('auditor'), { type: 'CaseOpened', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toMatchObject({ rule: 'emitter-not-allowed' });
    expect(authorizeEmit(caller('funder-lom'), { type: 'ExpenditureDeclared', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toMatchObject({ rule: 'emitter-not-allowed' });
  });

  it('when an event type is not in the catalogue › it is refused 403 unknown-event-type', () => {
    expect(authorizeEmit(caller('ss-sesto'), { type: 'CaseTeleported', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toMatchObject({ status: 403, rule: 'unknown-event-type' });
  });

  it('when ss-adda reads a Sesto case › it is refused 403 ambito-not-yours', () => {
    expect(authorizeRead(caller('ss-adda'), { scope: 'case-history', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toMatchObject({
      allowed: false,
      status: 403,
      rule: 'ambito-not-yours',
    });
  });

  it('when funder-lom reads a case › it is refused 403 aggregates-only', () => {
    expect(authorizeRead(caller('funder-lom'), { scope: 'case-summary', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toMatchObject({ status: 403, rule: 'aggregates-only' });
  });

  it('when funder-lom reads aggregates of Lombardy › it is allowed, no personal data, nothing to log', () => {
    expect(authorizeRead(caller('funder-lom'), { scope: 'aggregates', ambito: 'LOM-MILANO' })).toEqual({
      allowed: true,
      extent: { regions: ['LOM'] },
      personalData: false,
      mustLog: false,
    });
  });

  it('when the auditor reads aggregates › it is allowed and must be logged', () => {
    expect(authorizeRead(caller('auditor'), { scope: 'aggregates' })).toEqual({ allowed: true, extent: { everywhere: true }, personalData: false, mustLog: true });
  });

  it('when ss-sesto reads its case list without a filter › it is allowed, limited to its Ambito, and logged as a personal-data read', () => {
    expect(authorizeRead(caller('ss-sesto'), { scope: 'case-list' })).toEqual({
      allowed: true,
      extent: { ambiti: ['LOM-SESTO-SAN-GIOVANNI'] },
      personalData: true,
      mustLog: true,
    });
  });

  it('when the third-sector partner reads a referral › it is refused 403 scope-not-for-this-kind', () => {
    expect(authorizeRead(caller('ets-sesto'), { scope: 'referral', ambito: 'LOM-SESTO-SAN-GIOVANNI' })).toMatchObject({ rule: 'scope-not-for-this-kind' });
  });

  it('a refusal names its rule and Ambito but never a person', () => {
    const refusal = authorizeRead(caller('ss-adda'), { scope: 'case-history', ambito: 'LOM-SESTO-SAN-GIOVANNI' });
    expect(refusal.allowed ? '' : refusal.detail).toBe('client ss-adda does not act for Ambito LOM-SESTO-SAN-GIOVANNI');
  });
});

describe('acting on an existing case, before any of its rules is decided', () => {
  const caller = (clientId: string) => ({ client: demoClients.find((c) => c.clientId === clientId)!, purposeId: 'p', voucherId: 'v' });

  it.each([
    ['ss-sesto', 'LOM-SESTO-SAN-GIOVANNI', { allowed: true }],
    ['cpi-sesto', 'LOM-SESTO-SAN-GIOVANNI', { allowed: true }],
    ['ss-adda', 'LOM-SESTO-SAN-GIOVANNI', { allowed: false, status: 403, rule: 'ambito-not-yours' }],
    ['funder-lom', 'LOM-SESTO-SAN-GIOVANNI', { allowed: false, status: 403, rule: 'emitter-not-allowed' }],
    ['auditor', 'LOM-SESTO-SAN-GIOVANNI', { allowed: false, status: 403, rule: 'emitter-not-allowed' }],
  ])('%s on a case of %s › %o', (clientId, ambito, expected) => {
    expect(authorizeActingOn(caller(clientId), ambito)).toMatchObject(expected);
  });
});
