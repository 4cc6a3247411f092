import 'reflect-metadata';
import { consumerOf, topicOf } from '@traiettorie/contracts';
import { kafkaEventMicroservice } from '@traiettorie/messaging';
import { createHttpApp, listen, registerHealth, runService } from '@traiettorie/nest-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config.js';

runService('employment-centre', async () => {
  const config = loadConfig();
  const options = {
    name: 'employment-centre',
    description: "Centro per l'Impiego: takes in referrals from the social services' assessments.",
    port: config.PORT,
    host: config.HOST,
  };
  const app = await createHttpApp(AppModule.forRoot(config), options);
  const consumer = kafkaEventMicroservice(config, 'employment-centre', consumerOf('employment-centre').contexts.map((context) => topicOf(context, config.KAFKA_TOPIC_PREFIX)));
  registerHealth('consumer', () => consumer.strategy.stats());
  app.connectMicroservice(consumer, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await listen(app, options);
});
