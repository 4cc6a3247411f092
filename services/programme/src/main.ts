import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { programme } from './service.js';

startService(programme);
