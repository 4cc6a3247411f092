import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import express from 'express';
import { BATCH, STRUCTURED } from './cloudevents-http.js';

/**
 * Parses the structured and batched CloudEvents media types as JSON on
 * `POST /events` (the services' parser takes `application/json` only), up to
 * 16 MB: a batch of a few thousand events.
 */
@Module({})
export class CloudEventsBodyModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(express.json({ type: [STRUCTURED, BATCH], limit: '16mb' })).forRoutes({ path: 'events', method: RequestMethod.POST });
  }
}
