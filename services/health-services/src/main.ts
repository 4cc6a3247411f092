import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { healthServices } from './service.js';

startService(healthServices);
