import type { ConsentPurpose } from './consent-ledger.js';

/**
 * What each PDND purpose (the voucher's `purposeId`) is for, in the terms a
 * ConsentRecorded names its `purpose`: a consent covers a read only when the
 * reader's purpose is among them. Registered with the client, like its Ambiti.
 */
export type PurposeRegistry = ReadonlyMap<string, readonly ConsentPurpose[]>;

/** The demo clients' purposes (see `demoClients`). */
export const demoPurposes: PurposeRegistry = new Map<string, readonly ConsentPurpose[]>([
  // ss-sesto, ss-adda: the social services assess and monitor the pact.
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e501', ['multidisciplinary-assessment', 'pact-monitoring']],
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e502', ['multidisciplinary-assessment', 'pact-monitoring']],
  // cpi-sesto: the employment centre plans activation.
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e503', ['activation-planning', 'multidisciplinary-assessment']],
  // cps-sesto: the health service shares what it records.
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e504', ['multidisciplinary-assessment', 'pact-monitoring', 'activation-planning']],
  // serd-sesto: the addiction service shares only what the person consents to.
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e508', ['multidisciplinary-assessment', 'pact-monitoring', 'activation-planning']],
  // prog-sesto: the Ambito's project office reports on funded operations.
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e509', []],
  // ets-sesto: the third-sector partner hosts activation activities.
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e505', ['activation-planning']],
  // funder-lom and auditor read no health item under consent.
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e506', []],
  ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e507', []],
]);
