import 'reflect-metadata';
import { startService } from '@traiettorie/nest-kit';
import { employmentCentre } from './service.js';

startService(employmentCentre);
