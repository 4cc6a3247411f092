import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { socialServices } from './service.js';

startService(socialServices);
