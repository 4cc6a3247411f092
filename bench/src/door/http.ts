import http from 'node:http';

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * One keep-alive connection per service, one request at a time (closed loop):
 * the latency of a request is the hub's, not a queue's.
 */
export function createSequentialClient() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 4000 });
  const send = (method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const request = http.request(
        url,
        {
          method,
          agent,
          timeout: 60_000,
          headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: kept as text
            }
            resolve({ status: response.statusCode ?? 0, body: parsed });
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within 60 s: ${method} ${url}`)));
      request.on('error', reject);
      request.end(payload);
    });
  return {
    get: (url: string, headers: Record<string, string> = {}) => send('GET', url, headers),
    post: (url: string, body: unknown, headers: Record<string, string> = {}) => send('POST', url, headers, body),
    close: () => agent.destroy(),
  };
}

export type SequentialClient = ReturnType<typeof createSequentialClient>;
