import http from 'node:http';
import { sendJson, type HttpResult } from '../e2e/http-client.js';

/**
 * One keep-alive connection per service, one request at a time (closed loop):
 * the latency of a request is the hub's, not a queue's.
 */
export function createSequentialClient() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 4000 });
  const send = (method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<HttpResult> =>
    sendJson(agent, method, url, headers, body, { ms: 60_000, message: `no answer within 60 s: ${method} ${url}` });
  return {
    get: (url: string, headers: Record<string, string> = {}) => send('GET', url, headers),
    post: (url: string, body: unknown, headers: Record<string, string> = {}) => send('POST', url, headers, body),
    close: () => agent.destroy(),
  };
}

export type SequentialClient = ReturnType<typeof createSequentialClient>;
