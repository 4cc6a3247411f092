import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { readModels } from './app.module.js';

startService(readModels);
