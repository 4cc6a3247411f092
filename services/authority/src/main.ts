import { createAuthority } from './authority.js';
import { loadAuthorityConfig } from './config.js';

const log = (message: string, level = 'log') => process.stdout.write(`${JSON.stringify({ level, context: 'authority', message })}\n`);

/** The local authorization server (`npm start` starts it first): see authority.ts. */
try {
  const config = loadAuthorityConfig();
  const server = createAuthority(config);
  if (process.env['TRAIETTORIE_SUPERVISED'] === '1') {
    process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
    process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
    process.stdin.resume();
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
  server.listen(config.port, config.host, () => {
    log(`listening on http://${config.host}:${config.port} (issuer ${config.issuer}, ${config.clients.length} clients, JWKS: /.well-known/jwks.json)`);
  });
} catch (error) {
  process.stderr.write(`authority failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
