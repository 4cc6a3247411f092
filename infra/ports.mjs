/**
 * The services `npm start` runs, in the order it starts them (infra/start.mjs),
 * each with the variable that names its port (README, Configuration), the port
 * it takes by default, and whether it is an HTTP API a user calls: one list for
 * start.mjs and for the e2e tests and benches that start the hub on ports of
 * their own.
 */
export const servicePorts = [
  { name: 'authority', variable: 'AUTHORITY_PORT', defaultPort: 3010, api: false },
  { name: 'relay', variable: 'RELAY_PORT', defaultPort: 3009, api: false },
  { name: 'social-services', variable: 'SOCIAL_SERVICES_PORT', defaultPort: 3001, api: true },
  { name: 'employment-centre', variable: 'EMPLOYMENT_CENTRE_PORT', defaultPort: 3002, api: true },
  { name: 'health-services', variable: 'HEALTH_SERVICES_PORT', defaultPort: 3004, api: true },
  { name: 'third-sector', variable: 'THIRD_SECTOR_PORT', defaultPort: 3005, api: true },
  { name: 'programme', variable: 'PROGRAMME_PORT', defaultPort: 3006, api: true },
  { name: 'deadlines', variable: 'DEADLINES_PORT', defaultPort: 3007, api: true },
  { name: 'read-models', variable: 'READ_MODELS_PORT', defaultPort: 3003, api: true },
  { name: 'events', variable: 'EVENTS_PORT', defaultPort: 3000, api: true },
];
