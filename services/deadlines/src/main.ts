import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { deadlinesService } from './service.js';

startService(deadlinesService);
