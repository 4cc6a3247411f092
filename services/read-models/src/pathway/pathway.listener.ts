import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventBatch } from '@traiettorie/messaging';
import { pathwayEventTypes, type PathwayEvent } from './pathway.projection.js';
import { PathwayRepository } from './pathway.read-model.js';

/** Keeps each case's pathway up to date from every agency's events but the health services', a fetched batch per transaction. */
@Controller()
export class PathwayListener {
  constructor(@Inject(PathwayRepository) private readonly pathways: PathwayRepository) {}

  @EventBatch(pathwayEventTypes)
  async onEvents(@Payload() events: PathwayEvent[]): Promise<void> {
    await this.pathways.apply(events);
  }
}
