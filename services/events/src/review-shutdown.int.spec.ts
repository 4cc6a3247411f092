import { describe, expect, it } from '@jest/globals';
import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEventsHub } from './events.fixture.js';

/** What the 65 s keep-alive must not cost: a service that takes a minute to stop because a client's request was in flight. */
describe('the events service shutting down with a long-poll in flight on a keep-alive connection', () => {
  it('answers the long-poll, then stops without waiting out the keep-alive timeout', async () => {
    const hub = await startEventsHub('review_shutdown');
    const agent = new Agent({ keepAlive: true });
    try {
      const headers = await hub.as('ss-sesto');
      const polled = new Promise<number>((resolve, reject) => {
        get(`${hub.url}/events?wait=2`, { agent, headers }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        }).on('error', reject);
      });
      await sleep(300);
      const since = Date.now();
      const stopped = hub.stop();

      expect(await polled).toBe(200);
      await stopped;
      expect(Date.now() - since).toBeLessThan(15_000);
    } finally {
      agent.destroy();
    }
  }, 120_000);
});
