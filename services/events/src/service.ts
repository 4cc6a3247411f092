import type { ServiceDefinition } from '@traiettorie/nest-kit';
import { EventsController } from './events.controller.js';
import { Feed } from './feed/feed.js';
import { INBOUND_CONFIG, InboundConsumer, inboundConfigFromEnv } from './inbound/inbound.consumer.js';
import { CloudEventsBodyModule } from './publish/cloudevents-body.module.js';
import { Publishing, RECORDERS } from './publish/publishing.js';
import { recordersByType } from './recorders.js';

/**
 * One address for every agency's system: publish events (`POST /events`,
 * CloudEvents in binary, structured or batch mode) and read those it may
 * (`GET /events`, a resumable long-poll feed). It acts as its caller: no
 * agency of its own.
 */
export const events = {
  name: 'events',
  description:
    "Agency systems publish CloudEvents (POST /events: binary, structured or batch; each checked by its contract, its emitter's rights and the owning agency's decider) and read the events they may see (GET /events: a resumable long-poll feed in log order, redacted by the door's rules).",
  defaultPort: 3000,
  controllers: [EventsController],
  providers: [
    Publishing,
    Feed,
    { provide: RECORDERS, useFactory: () => recordersByType() },
    // With KAFKA_BROKERS, agencies' inbound topics too (`<prefix>.inbound.<clientId>`).
    { provide: INBOUND_CONFIG, useFactory: () => inboundConfigFromEnv() },
    InboundConsumer,
  ],
  imports: () => [{ module: CloudEventsBodyModule }],
} satisfies ServiceDefinition;
