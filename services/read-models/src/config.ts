import { commonConfig, kafkaConfig, parseConfig } from '@traiettorie/nest-kit';
import { z } from 'zod';

export const loadConfig = () =>
  parseConfig(
    z.object({
      ...commonConfig,
      ...kafkaConfig,
      PORT: commonConfig.PORT.default(3003),
      KAFKA_GROUP_ID: z.string().min(1).default('read-models'),
    }),
  );

export type ReadModelsConfig = ReturnType<typeof loadConfig>;
