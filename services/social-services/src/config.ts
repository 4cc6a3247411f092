import { commonConfig, parseConfig } from '@traiettorie/nest-kit';
import { sourceOf } from '@traiettorie/contracts';
import { z } from 'zod';

export const SOCIAL_SERVICES_SOURCE = Symbol('SOCIAL_SERVICES_SOURCE');

export const loadConfig = () =>
  parseConfig(
    z.object({
      ...commonConfig,
      PORT: commonConfig.PORT.default(3001),
      /** This social service's id within its kind, e.g. the Ambito's office. */
      AGENCY_ID: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('ambito-sesto-san-giovanni'),
    }),
  );

export type SocialServicesConfig = ReturnType<typeof loadConfig>;
export const sourceFor = (config: SocialServicesConfig) => sourceOf('social-services', config.AGENCY_ID);
