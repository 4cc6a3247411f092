import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { events } from './service.js';

startService(events);
