import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from './door.js';

const sources = new Map<string, () => unknown>();
const startedAt = new Date().toISOString();

/**
 * Adds a section to the service's `GET /health` output, e.g. its Kafka
 * consumer's counters (`consumer: { handled, deadLettered, … }`).
 */
export function registerHealth(name: string, source: () => unknown): void {
  sources.set(name, source);
}

export interface Health {
  status: 'ok';
  /** The process answering, so that a supervisor can tell it is the one it started. */
  pid: number;
  startedAt: string;
  [section: string]: unknown;
}

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  @Get()
  @ApiOperation({ summary: 'Liveness, with the process id and what the service counted (dead letters among them)' })
  health(): Health {
    const health: Health = { status: 'ok', pid: process.pid, startedAt };
    for (const [name, source] of sources) health[name] = source();
    return health;
  }
}
