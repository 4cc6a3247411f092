import 'reflect-metadata';
import { consumerOf, topicOf } from '@traiettorie/contracts';
import { kafkaEventMicroservice } from '@traiettorie/messaging';
import { createHttpApp, listen, registerHealth, runService } from '@traiettorie/nest-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config.js';

runService('read-models', async () => {
  const config = loadConfig();
  const options = {
    name: 'read-models',
    description: "Operators' read models built from every agency's events: case summaries.",
    port: config.PORT,
    host: config.HOST,
  };
  const app = await createHttpApp(AppModule.forRoot(config), options);
  const consumer = kafkaEventMicroservice(config, 'read-models', consumerOf('read-models').contexts.map((context) => topicOf(context, config.KAFKA_TOPIC_PREFIX)));
  registerHealth('consumer', () => consumer.strategy.stats());
  app.connectMicroservice(consumer, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await listen(app, options);
});
