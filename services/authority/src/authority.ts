import type { ClientRegistration } from '@traiettorie/access';
import { createLocalJWKSet, errors, jwtVerify, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { SigningKey } from './keys.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AuthorityOptions {
  /** The vouchers' `iss`. */
  issuer: string;
  /** The `aud` a client assertion must carry: the token endpoint's audience. */
  tokenAudience: string;
  /** The vouchers' `aud`: the hub. */
  voucherAudience: string;
  voucherTtlSeconds: number;
  /** The first signs; all are published (rotation). */
  signingKeys: readonly SigningKey[];
  clients: readonly ClientRegistration[];
  clientKeys: ReadonlyMap<string, readonly JWK[]>;
  /** Seconds since the epoch; the system clock by default. */
  now?: () => number;
}

/** An OAuth2 error (RFC 6749 §5.2). */
class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, readonly description: string) {
    super(description);
  }
}

const MAX_BODY = 16 * 1024;
/** A client assertion may live at most this long (seconds): it is a one-shot proof. */
const MAX_ASSERTION_LIFETIME = 300;

/**
 * A local OAuth2 authorization server shaped like PDND Interoperabilità's:
 * `POST /token` (client credentials with a `private_key_jwt` client assertion,
 * RFC 7521/7523) issues RS256 vouchers (`typ: at+jwt`) carrying `client_id`,
 * `purposeId` and, for AgID Audit REST 02, the assertion's `digest` of the
 * tracking evidence; `GET /.well-known/jwks.json` publishes its keys.
 */
export function createAuthority(options: AuthorityOptions): http.Server {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const [signer] = options.signingKeys;
  if (!signer) throw new Error('the authority needs at least one signing key');
  const jwks = { keys: options.signingKeys.map((k) => k.publicJwk) };
  /** Assertion jtis seen, until their expiry: a replayed assertion gets no voucher. */
  const seen = new Map<string, number>();

  const issue = async (form: URLSearchParams) => {
    if (form.get('grant_type') !== 'client_credentials') throw new OAuthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) throw new OAuthError(400, 'invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
    const assertion = form.get('client_assertion');
    const clientId = form.get('client_id');
    if (!assertion || !clientId) throw new OAuthError(400, 'invalid_request', 'client_id and client_assertion are required');
    const client = options.clients.find((c) => c.clientId === clientId);
    const keys = options.clientKeys.get(clientId);
    if (!client || !keys?.length) throw new OAuthError(401, 'invalid_client', 'unknown client');
    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, createLocalJWKSet({ keys: keys.map((k) => ({ ...k, alg: 'RS256' })) }), {
        algorithms: ['RS256'],
        issuer: clientId,
        subject: clientId,
        audience: options.tokenAudience,
        requiredClaims: ['jti', 'iat', 'exp'],
        maxTokenAge: MAX_ASSERTION_LIFETIME,
        clockTolerance: 30,
        currentDate: new Date(now() * 1000),
      }));
    } catch (error) {
      const reason = error instanceof errors.JOSEError ? error.code : 'invalid';
      throw new OAuthError(401, 'invalid_client', `the client assertion is not valid (${reason})`);
    }
    const exp = payload.exp as number;
    if (exp - now() > MAX_ASSERTION_LIFETIME) throw new OAuthError(400, 'invalid_grant', `the client assertion must expire within ${MAX_ASSERTION_LIFETIME} s`);
    for (const [jti, until] of seen) if (until < now() - 60) seen.delete(jti);
    const jti = `${clientId}:${String(payload.jti)}`;
    if (seen.has(jti)) throw new OAuthError(400, 'invalid_grant', 'the client assertion was already used');
    const purposeId = payload['purposeId'];
    if (typeof purposeId !== 'string' || !client.purposes.includes(purposeId)) {
      throw new OAuthError(400, 'invalid_grant', 'purposeId is missing or not one of the client\u2019s purposes');
    }
    const digest = payload['digest'] as { alg?: unknown; value?: unknown } | undefined;
    if (digest !== undefined && (digest?.alg !== 'SHA256' || typeof digest.value !== 'string' || !/^[0-9a-f]{64}$/.test(digest.value))) {
      throw new OAuthError(400, 'invalid_request', "digest must be { alg: 'SHA256', value: <64 lowercase hex digits> }");
    }
    seen.set(jti, exp);
    const issuedAt = now();
    const voucher = await new SignJWT({ client_id: clientId, purposeId, ...(digest ? { digest: { alg: 'SHA256', value: digest.value } } : {}) })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: signer.kid })
      .setIssuer(options.issuer)
      .setSubject(clientId)
      .setAudience(options.voucherAudience)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + options.voucherTtlSeconds)
      .setJti(randomUUID())
      .sign(signer.privateKey);
    return { access_token: voucher, token_type: 'Bearer', expires_in: options.voucherTtlSeconds };
  };

  return http.createServer((request, response) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') return send(200, { status: 'ok', pid: process.pid });
    if (request.method === 'GET' && path === '/.well-known/jwks.json') return send(200, jwks, { 'cache-control': 'public, max-age=300' });
    if (path !== '/token') return send(404, { error: 'not_found' });
    if (request.method !== 'POST') return send(405, { error: 'invalid_request', error_description: 'POST only' }, { allow: 'POST' });
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return send(400, { error: 'invalid_request', error_description: 'the body must be application/x-www-form-urlencoded' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      issue(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        .then((body) => send(200, body))
        .catch((error: unknown) => {
          if (error instanceof OAuthError) return send(error.status, { error: error.error, error_description: error.description });
          process.stderr.write(`${JSON.stringify({ level: 'error', context: 'authority', message: String(error) })}\n`);
          return send(500, { error: 'server_error' });
        });
    });
  });
}
