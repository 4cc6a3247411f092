import { loadServiceConfig } from '@traiettorie/nest-kit';
import { readModels } from './app.module.js';

/** The read models' configuration, as the service parses it at start. */
export const loadConfig = () => loadServiceConfig(readModels);
