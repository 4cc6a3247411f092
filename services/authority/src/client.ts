import { SignJWT } from 'jose';
import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { CLIENT_ASSERTION_TYPE } from './authority.js';

/** Who acts at the client, as AgID Audit REST 02's tracking evidence says. */
export interface Operator {
  userID: string;
  userLocation: string;
  LoA: string;
}

export interface VoucherRequest {
  /** The authority's base URL, e.g. `http://127.0.0.1:3010`. */
  authorityUrl: string;
  /** The `aud` of the client assertion; `<authorityUrl>/token` by default. */
  tokenAudience?: string;
  clientId: string;
  purposeId: string;
  privateKey: KeyObject;
  /** The hub's audience: the tracking evidence's `aud`. */
  hubAudience: string;
  /** With an operator, a tracking evidence is made and bound to the voucher by its digest. */
  operator?: Operator;
}

export interface Voucher {
  voucher: string;
  trackingEvidence?: string;
  /** The HTTP headers to send: `Authorization` and, with an operator, `Agid-JWT-TrackingEvidence`. */
  headers: Record<string, string>;
}

/** The sha256 of a JWT's compact form, hex: the digest that binds a tracking evidence to a voucher. */
export function digestOf(jwt: string): string {
  return createHash('sha256').update(jwt, 'ascii').digest('hex');
}

/** An `Agid-JWT-TrackingEvidence`, signed by the client's key, valid `ttlSeconds`. */
export function signTrackingEvidence(
  options: { clientId: string; privateKey: KeyObject; hubAudience: string; operator: Operator; kid?: string },
  ttlSeconds = 600,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...options.operator })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(options.kid ? { kid: options.kid } : {}) })
    .setIssuer(options.clientId)
    .setAudience(options.hubAudience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(options.privateKey);
}

/** A `private_key_jwt` client assertion (RFC 7523 §3), valid one minute. */
export function signClientAssertion(
  options: { clientId: string; privateKey: KeyObject; tokenAudience: string; purposeId: string; digest?: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ purposeId: options.purposeId, ...(options.digest ? { digest: { alg: 'SHA256', value: options.digest } } : {}) })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.tokenAudience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(options.privateKey);
}

/** The client-credentials flow: a client assertion for a voucher, with a bound tracking evidence when an operator is given. */
export async function requestVoucher(request: VoucherRequest): Promise<Voucher> {
  const base = request.authorityUrl.replace(/\/$/, '');
  const trackingEvidence = request.operator
    ? await signTrackingEvidence({ clientId: request.clientId, privateKey: request.privateKey, hubAudience: request.hubAudience, operator: request.operator })
    : undefined;
  const assertion = await signClientAssertion({
    clientId: request.clientId,
    privateKey: request.privateKey,
    tokenAudience: request.tokenAudience ?? `${base}/token`,
    purposeId: request.purposeId,
    ...(trackingEvidence ? { digest: digestOf(trackingEvidence) } : {}),
  });
  const response = await fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: request.clientId,
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(`the authority refused ${request.clientId}: ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim());
  }
  return {
    voucher: body.access_token,
    ...(trackingEvidence ? { trackingEvidence } : {}),
    headers: { authorization: `Bearer ${body.access_token}`, ...(trackingEvidence ? { 'agid-jwt-trackingevidence': trackingEvidence } : {}) },
  };
}
