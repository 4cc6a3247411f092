/** The variables of infra/ports.mjs's `servicePorts`, for the TypeScript that starts the hub (e2e, bench). */
export type PortVariable =
  | 'AUTHORITY_PORT'
  | 'RELAY_PORT'
  | 'SOCIAL_SERVICES_PORT'
  | 'EMPLOYMENT_CENTRE_PORT'
  | 'HEALTH_SERVICES_PORT'
  | 'THIRD_SECTOR_PORT'
  | 'PROGRAMME_PORT'
  | 'DEADLINES_PORT'
  | 'READ_MODELS_PORT'
  | 'EVENTS_PORT';

export interface ServicePort {
  name: string;
  variable: PortVariable;
  defaultPort: number;
  api: boolean;
}

export declare const servicePorts: readonly ServicePort[];
