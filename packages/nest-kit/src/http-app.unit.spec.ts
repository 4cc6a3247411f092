import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHttpApp, KEEP_ALIVE_TIMEOUT_MS } from './http-app.js';

@Controller('ping')
class PingController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }

  /** Answers after a while, as a long-poll `GET /events?wait=` does. */
  @Get('slow')
  async slow(): Promise<{ ok: true }> {
    await sleep(1_500);
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

interface Answer {
  status: number;
  keepAlive: string | undefined;
  reusedSocket: boolean;
}

function request(url: string, agent: Agent, path = '/ping'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = get(`${url}${path}`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, keepAlive: response.headers['keep-alive']?.toString(), reusedSocket: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

describe("a service's HTTP server and a client that keeps its connection", () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await createHttpApp(PingModule, { name: 'keep-alive-test', description: 'keep-alive', port: 0 });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('advertises how long an idle connection stays open', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      const answer = await request(url, agent);

      expect(answer.status).toBe(200);
      expect(answer.keepAlive).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
    } finally {
      agent.destroy();
    }
  });

  it('when the client pauses longer than Node’s default 5 s › its next request goes on the same connection and is answered', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await request(url, agent)).status).toBe(200);
      await sleep(6_000);
      const again = await request(url, agent);

      expect(again).toMatchObject({ status: 200, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  }, 20_000);
});

describe("a service's HTTP server shutting down with keep-alive clients connected", () => {
  const started = async () => {
    const app = await createHttpApp(PingModule, { name: 'keep-alive-shutdown-test', description: 'keep-alive', port: 0 });
    await app.listen(0, '127.0.0.1');
    return { app, url: await app.getUrl() };
  };
  const closing = async (app: INestApplication) => {
    const since = Date.now();
    await app.close();
    return Date.now() - since;
  };

  it('closes at once with an idle keep-alive connection open', async () => {
    const { app, url } = await started();
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await request(url, agent)).status).toBe(200);

      expect(await closing(app)).toBeLessThan(5_000);
    } finally {
      agent.destroy();
    }
  }, 20_000);

  it('answers a request in flight, then closes its connection instead of keeping it idle for the keep-alive timeout', async () => {
    const { app, url } = await started();
    const agent = new Agent({ keepAlive: true });
    try {
      const inFlight = request(url, agent, '/ping/slow');
      await sleep(300);
      const closed = closing(app);

      expect((await inFlight).status).toBe(200);
      expect(await closed).toBeLessThan(10_000);
    } finally {
      agent.destroy();
    }
  }, 90_000);
});
