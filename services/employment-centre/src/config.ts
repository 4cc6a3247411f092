import { sourceOf } from '@traiettorie/contracts';
import { commonConfig, kafkaConfig, parseConfig } from '@traiettorie/nest-kit';
import { z } from 'zod';

export const EMPLOYMENT_CENTRE_SOURCE = Symbol('EMPLOYMENT_CENTRE_SOURCE');

export const loadConfig = () =>
  parseConfig(
    z.object({
      ...commonConfig,
      ...kafkaConfig,
      PORT: commonConfig.PORT.default(3002),
      AGENCY_ID: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('afol-metropolitana'),
      KAFKA_GROUP_ID: z.string().min(1).default('employment-centre'),
    }),
  );

export type EmploymentCentreConfig = ReturnType<typeof loadConfig>;
export const sourceFor = (config: EmploymentCentreConfig) => sourceOf('employment-centre', config.AGENCY_ID);
