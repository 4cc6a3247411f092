import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { thirdSector } from './service.js';

startService(thirdSector);
