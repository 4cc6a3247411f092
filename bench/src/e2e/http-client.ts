import http from 'node:http';

export interface HttpResult {
  status: number;
  body: unknown;
}

/**
 * One request on `agent`, `body` sent as JSON: the status and the body (parsed
 * when it is JSON, the text otherwise); destroyed with `timeout.message` when
 * no answer came within `timeout.ms`.
 */
export function sendJson(agent: http.Agent, method: string, url: string, headers: Record<string, string>, body: unknown, timeout: { ms: number; message: string }): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const request = http.request(
      url,
      {
        method,
        agent,
        timeout: timeout.ms,
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
    request.on('timeout', () => request.destroy(new Error(timeout.message)));
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * JSON over keep-alive HTTP/1.1, at most `connections` sockets (as an agency
 * system's connection pool): a request beyond them waits in the client. That
 * wait is still counted, since latencies run from the scheduled send time; an
 * uncapped client instead opens thousands of connections under overload and
 * overflows the server's listen queue (Node's backlog of 511), so commands
 * fail with ECONNRESET at the TCP level rather than queue.
 */
export function createHttpClient(connections: number, timeoutMs = 120_000) {
  // An idle socket is dropped after 4 s, before the server's keep-alive timeout (Node's 5 s)
  // closes it: a POST sent on a socket the server is closing fails (socket hang up,
  // ECONNRESET) and must not be retried. Node's agent honours the server's
  // `Keep-Alive: timeout=` hint only when it has a timeout of its own.
  const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, timeout: 4000 });
  let agent = newAgent();
  const send = (method: 'GET' | 'POST', url: string, body: unknown, headers: Record<string, string>): Promise<HttpResult> =>
    sendJson(agent, method, url, headers, body, { ms: timeoutMs, message: `no answer within ${timeoutMs} ms` });
  return {
    post: (url: string, body: unknown, headers: Record<string, string> = {}) => send('POST', url, body, headers),
    get: (url: string, headers: Record<string, string> = {}) => send('GET', url, undefined, headers),
    /**
     * Drops idle connections: call before a phase, after a pause longer than
     * the server's keep-alive timeout, so no request races the server closing
     * an idle socket (ECONNRESET on a POST, which must not be retried).
     */
    fresh: () => {
      agent.destroy();
      agent = newAgent();
    },
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
