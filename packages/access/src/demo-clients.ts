import type { ClientRegistration } from './identity.js';

/**
 * The demo clients `npm start` and the tests register (issue 10): one per
 * kind of participant (a CPS and a SerD for the health services), two social
 * services in different Ambiti so tenancy can be seen refusing. Purpose ids are ours, PDND-shaped (UUIDs).
 */
export const demoClients: readonly ClientRegistration[] = [
  {
    clientId: 'ss-sesto',
    kind: 'social-services',
    agencyId: 'ambito-sesto-san-giovanni',
    name: 'Servizi sociali – Ambito di Sesto San Giovanni',
    ambiti: ['LOM-SESTO-SAN-GIOVANNI'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e501'],
  },
  {
    clientId: 'ss-adda',
    kind: 'social-services',
    agencyId: 'ambito-adda-martesana',
    name: 'Servizi sociali – Ambito Adda Martesana',
    ambiti: ['LOM-ADDA-MARTESANA'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e502'],
  },
  {
    clientId: 'cpi-sesto',
    kind: 'employment-centre',
    agencyId: 'afol-metropolitana',
    name: 'Centro per l’Impiego – AFOL Metropolitana',
    ambiti: ['LOM-SESTO-SAN-GIOVANNI'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e503'],
  },
  {
    clientId: 'cps-sesto',
    kind: 'health-services',
    agencyId: 'asst-nord-milano-cps-sesto',
    name: 'CPS – ASST Nord Milano',
    ambiti: ['LOM-SESTO-SAN-GIOVANNI'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e504'],
  },
  {
    clientId: 'serd-sesto',
    kind: 'health-services',
    agencyId: 'asst-nord-milano-serd-sesto',
    name: 'SerD – ASST Nord Milano',
    ambiti: ['LOM-SESTO-SAN-GIOVANNI'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e508'],
  },
  {
    clientId: 'ets-sesto',
    kind: 'third-sector',
    agencyId: 'coop-lotta-contro-emarginazione',
    name: 'Ente del Terzo Settore – Cooperativa sociale Lotta contro l’Emarginazione',
    ambiti: ['LOM-SESTO-SAN-GIOVANNI'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e505'],
  },
  {
    clientId: 'prog-sesto',
    kind: 'programme',
    agencyId: 'ufficio-di-piano-sesto',
    name: 'Ufficio di Piano – Ambito di Sesto San Giovanni (progetti FSE+)',
    ambiti: ['LOM-SESTO-SAN-GIOVANNI'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e509'],
  },
  {
    clientId: 'funder-lom',
    kind: 'funder',
    agencyId: 'regione-lombardia-fse',
    name: 'Autorità di gestione FSE+ – Regione Lombardia',
    ambiti: [],
    regions: ['LOM'],
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e506'],
  },
  {
    clientId: 'auditor',
    kind: 'auditor',
    agencyId: 'audit',
    name: 'Revisore (sola lettura)',
    ambiti: [],
    allAmbiti: true,
    purposes: ['6a0f1c3e-1b2d-4c5e-8f90-a1b2c3d4e507'],
  },
];
