import 'reflect-metadata';
import { topicOf } from '@traiettorie/contracts';
import { kafkaEventMicroservice } from '@traiettorie/messaging';
import { createHttpApp, listen, runService } from '@traiettorie/nest-kit';
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
  app.connectMicroservice(kafkaEventMicroservice(config, 'employment-centre', [topicOf('social-services', config.KAFKA_TOPIC_PREFIX)]), { inheritAppConfig: true });
  await app.startAllMicroservices();
  await listen(app, options);
});
