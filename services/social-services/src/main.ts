import 'reflect-metadata';
import { createHttpApp, listen, runService } from '@traiettorie/nest-kit';
import { AppModule } from './app.module.js';
import { loadConfig } from './config.js';

runService('social-services', async () => {
  const config = loadConfig();
  const options = {
    name: 'social-services',
    description: "Municipal social services: open a case, record the assessment, sign the Patto per l'inclusione.",
    port: config.PORT,
    host: config.HOST,
  };
  const app = await createHttpApp(AppModule.forRoot(config), options);
  await listen(app, options);
});
