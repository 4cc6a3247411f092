import {
  applyDecorators,
  createParamDecorator,
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, type OpenAPIObject } from '@nestjs/swagger';
import { demoClients, type Caller, type ClientRegistration } from '@traiettorie/access';
import type { Request } from 'express';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { z } from 'zod';
import { createPgPool } from './event-store.module.js';
import { ProblemException } from './problem-details.filter.js';

/** The header of AgID's Audit REST 02 pattern: who acts at the client. */
export const TRACKING_EVIDENCE_HEADER = 'Agid-JWT-TrackingEvidence';
/** The problem type of every 401 the door answers. */
export const UNAUTHENTICATED = 'urn:traiettorie:problem:unauthenticated';

/** Why the door refused a request: the `rule` of its 401 problem. */
export type DoorRule =
  | 'voucher-missing'
  | 'voucher-malformed'
  | 'voucher-expired'
  | 'voucher-not-yet-valid'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'wrong-type'
  | 'unknown-key'
  | 'alg-none'
  | 'unsupported-algorithm'
  | 'unknown-client'
  | 'purpose-not-allowed'
  | 'voucher-replayed'
  | 'tracking-evidence-missing'
  | 'tracking-evidence-invalid'
  | 'tracking-evidence-not-bound';

const ruleDetails: Record<DoorRule, string> = {
  'voucher-missing': 'send a voucher: Authorization: Bearer <voucher>',
  'voucher-malformed': 'the voucher is not a well-formed JWT with the required claims',
  'voucher-expired': 'the voucher has expired',
  'voucher-not-yet-valid': 'the voucher is not valid yet (nbf)',
  'wrong-audience': 'the voucher is not meant for this hub (aud)',
  'wrong-issuer': 'the voucher was not issued by the authority this hub trusts (iss)',
  'wrong-type': "the token is not an access token (typ must be 'at+jwt')",
  'unknown-key': "the voucher's signature does not verify with the issuer's published keys",
  'alg-none': 'an unsigned token (alg none) is never accepted',
  'unsupported-algorithm': 'the voucher must be signed with RS256',
  'unknown-client': "the voucher's client_id is not a client registered with the hub",
  'purpose-not-allowed': "the voucher's purposeId is not one of the client's purposes",
  'voucher-replayed': 'this voucher was already used for a command; get a new one',
  'tracking-evidence-missing': `reading personal data needs the ${TRACKING_EVIDENCE_HEADER} header (AgID Audit REST 02)`,
  'tracking-evidence-invalid': `the ${TRACKING_EVIDENCE_HEADER} is not a JWT signed by the calling client with userID, userLocation and LoA`,
  'tracking-evidence-not-bound': `the voucher's digest is not the sha256 of this ${TRACKING_EVIDENCE_HEADER}`,
};

/** A 401 naming the rule; nothing of the request is echoed. */
export class Unauthenticated extends ProblemException {
  constructor(readonly rule: DoorRule) {
    super(
      { type: UNAUTHENTICATED, title: 'Unauthenticated', status: 401, detail: ruleDetails[rule], rule },
      { 'WWW-Authenticate': rule === 'voucher-missing' ? 'Bearer realm="traiettorie"' : 'Bearer realm="traiettorie", error="invalid_token"' },
    );
  }
}

/** The door's variables (see README, "Who may call"). */
export const doorConfig = {
  VOUCHER_ISSUER: z.string({ error: "required: the vouchers' issuer (iss), e.g. npm start's http://127.0.0.1:3010" }).min(1),
  VOUCHER_AUDIENCE: z.string({ error: "required: the hub's audience (aud) in vouchers, e.g. traiettorie" }).min(1),
  VOUCHER_JWKS_URL: z.url({ error: "required: the issuer's JWKS URL, e.g. http://127.0.0.1:3010/.well-known/jwks.json" }),
  TRAIETTORIE_CLIENT_KEYS_FILE: z.string({ error: "required: the JSON file of the registered clients' public keys; npm start makes one" }).min(1),
  TRAIETTORIE_CLIENTS_FILE: z.string().min(1).optional(),
  VOUCHER_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
};
export type DoorConfig = z.output<z.ZodObject<typeof doorConfig>>;

/** The client registry: `demoClients` unless TRAIETTORIE_CLIENTS_FILE names a JSON array of registrations. */
export function loadClientRegistry(file: string | undefined): readonly ClientRegistration[] {
  if (!file) return demoClients;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`TRAIETTORIE_CLIENTS_FILE: ${file} is not a JSON array of client registrations`);
  return parsed as ClientRegistration[];
}

/** The clients' public keys from a JSON file `{ "<clientId>": JWK | JWK[] }`. */
export function loadClientPublicKeys(file: string): Map<string, JWK[]> {
  if (!existsSync(file)) throw new Error(`TRAIETTORIE_CLIENT_KEYS_FILE: ${file} does not exist`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, JWK | JWK[]>;
  return new Map(Object.entries(parsed).map(([clientId, keys]) => [clientId, Array.isArray(keys) ? keys : [keys]]));
}

const PUBLIC_ROUTE = Symbol('PUBLIC_ROUTE');
const READS_PERSONAL_DATA = Symbol('READS_PERSONAL_DATA');

/** A route anyone may call (health): the door lets it through. */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * A route that reads personal data: besides the voucher it needs the
 * operator's `Agid-JWT-TrackingEvidence`, signed by the calling client and
 * bound to the voucher (its digest). Documented in OpenAPI.
 */
export const ReadsPersonalData = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(READS_PERSONAL_DATA, true),
    ApiHeader({
      name: TRACKING_EVIDENCE_HEADER,
      required: true,
      description: "AgID Audit REST 02: a JWT signed by the calling client's key with userID, userLocation, LoA; the voucher's `digest` is its sha256",
      schema: { type: 'string' },
    }),
  );

/** The caller the door admitted, on the request (`request.caller`). */
export interface AdmittedRequest extends Request {
  caller?: Caller;
}

/** The admitted `Caller` (see @traiettorie/access) as a route parameter. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AdmittedRequest>().caller;
  if (!caller) throw new Error('CurrentCaller on a route the door does not guard');
  return caller;
});

/** Remembers voucher ids used on commands until they expire, in PostgreSQL, so that every instance agrees. */
export class UsedVouchers implements OnApplicationShutdown {
  private readonly ready: Promise<void>;
  private readonly purge: NodeJS.Timeout;

  constructor(private readonly pool: pg.Pool) {
    this.ready = UsedVouchers.migrate(pool);
    this.ready.catch(() => undefined);
    this.purge = setInterval(() => {
      pool.query(`DELETE FROM door.used_vouchers WHERE expires_at < now() - interval '5 minutes'`).catch((error: unknown) => {
        new Logger('door').warn(`could not purge expired voucher ids: ${String(error)}`);
      });
    }, 60_000);
    this.purge.unref();
  }

  /** Makes the table once; services starting together take turns (an advisory lock), as IF NOT EXISTS alone races. */
  private static async migrate(pool: pg.Pool): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('traiettorie.door.used_vouchers'))");
      await client.query(
        `CREATE SCHEMA IF NOT EXISTS door;
         CREATE TABLE IF NOT EXISTS door.used_vouchers (
           issuer text NOT NULL, jti text NOT NULL, expires_at timestamptz NOT NULL, PRIMARY KEY (issuer, jti));
         CREATE INDEX IF NOT EXISTS used_vouchers_expiry ON door.used_vouchers (expires_at);`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Made at start: fails the start when the table cannot be made. */
  async init(): Promise<void> {
    await this.ready;
  }

  /** Records a voucher's first use; false when it was already used. */
  async firstUse(issuer: string, jti: string, expiresAt: number): Promise<boolean> {
    await this.ready;
    const { rowCount } = await this.pool.query(
      'INSERT INTO door.used_vouchers (issuer, jti, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING',
      [issuer, jti, expiresAt],
    );
    return rowCount === 1;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.purge);
    await this.pool.end();
  }
}

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*) *$/i;

/** What the door checks, from the configuration. */
export class Door {
  private readonly jwks: JWTVerifyGetKey;
  private readonly clients: ReadonlyMap<string, ClientRegistration>;
  private readonly clientKeys: ReadonlyMap<string, JWTVerifyGetKey>;

  constructor(
    private readonly config: DoorConfig,
    private readonly usedVouchers: Pick<UsedVouchers, 'firstUse'>,
    jwks?: JWTVerifyGetKey,
  ) {
    // Cached; a voucher with an unknown kid makes it fetch again (at most every 30 s): key rotation.
    this.jwks = jwks ?? createRemoteJWKSet(new URL(config.VOUCHER_JWKS_URL), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    this.clients = new Map(loadClientRegistry(config.TRAIETTORIE_CLIENTS_FILE).map((c) => [c.clientId, c]));
    this.clientKeys = new Map(
      [...loadClientPublicKeys(config.TRAIETTORIE_CLIENT_KEYS_FILE)].map(([id, keys]) => [id, createLocalJWKSet({ keys: keys.map((k) => ({ alg: 'RS256', ...k })) })]),
    );
  }

  /** The caller of a request, or a 401 `Unauthenticated` naming the rule. */
  async admit(request: Request, route: { command: boolean; readsPersonalData: boolean }): Promise<Caller> {
    const authorization = request.headers.authorization;
    if (!authorization) throw new Unauthenticated('voucher-missing');
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw new Unauthenticated('voucher-malformed');
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new Unauthenticated('voucher-malformed');
    }
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') throw new Unauthenticated('alg-none');
    if (alg !== 'RS256') throw new Unauthenticated('unsupported-algorithm');
    const voucher = await this.verifyVoucher(token);
    const client = this.clients.get(voucher['client_id'] as string);
    if (!client) throw new Unauthenticated('unknown-client');
    const purposeId = voucher['purposeId'] as string;
    if (!client.purposes.includes(purposeId)) throw new Unauthenticated('purpose-not-allowed');
    const evidence = request.headers[TRACKING_EVIDENCE_HEADER.toLowerCase()];
    if (route.readsPersonalData && !evidence) throw new Unauthenticated('tracking-evidence-missing');
    const operator = typeof evidence === 'string' ? await this.verifyEvidence(evidence, client, voucher) : undefined;
    if (evidence !== undefined && typeof evidence !== 'string') throw new Unauthenticated('tracking-evidence-invalid');
    // Last: a refused request leaves no trace, not even its voucher's id.
    if (route.command && !(await this.usedVouchers.firstUse(this.config.VOUCHER_ISSUER, voucher.jti as string, voucher.exp as number))) {
      throw new Unauthenticated('voucher-replayed');
    }
    return { client, purposeId, voucherId: voucher.jti as string, ...(operator ? { operator } : {}) };
  }

  private async verifyVoucher(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        typ: 'at+jwt',
        algorithms: ['RS256'],
        issuer: this.config.VOUCHER_ISSUER,
        audience: this.config.VOUCHER_AUDIENCE,
        clockTolerance: this.config.VOUCHER_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'client_id', 'purposeId'],
      });
      if (typeof payload['client_id'] !== 'string' || typeof payload['purposeId'] !== 'string') throw new Unauthenticated('voucher-malformed');
      return payload;
    } catch (error) {
      throw this.voucherRefusal(error);
    }
  }

  private voucherRefusal(error: unknown): Error {
    if (error instanceof Unauthenticated) return error;
    if (error instanceof errors.JWTExpired) return new Unauthenticated('voucher-expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      const byClaim: Record<string, DoorRule> = { nbf: 'voucher-not-yet-valid', aud: 'wrong-audience', iss: 'wrong-issuer', typ: 'wrong-type' };
      return new Unauthenticated(error.reason === 'check_failed' ? (byClaim[error.claim] ?? 'voucher-malformed') : 'voucher-malformed');
    }
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) return new Unauthenticated('unknown-key');
    if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return new Unauthenticated('unsupported-algorithm');
    if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return new Unauthenticated('voucher-malformed');
    // The issuer's keys could not be fetched: not the caller's fault.
    new Logger('door').error(`cannot verify vouchers: ${error instanceof Error ? error.message : String(error)}`);
    return new ProblemException(
      { type: 'urn:traiettorie:problem:issuer-unavailable', title: 'Service Unavailable', status: 503, detail: "the issuer's keys could not be fetched; try again" },
      { 'Retry-After': '5' },
    );
  }

  private async verifyEvidence(evidence: string, client: ClientRegistration, voucher: JWTPayload): Promise<Caller['operator']> {
    const keys = this.clientKeys.get(client.clientId);
    if (!keys) throw new Unauthenticated('tracking-evidence-invalid');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(evidence, keys, {
        algorithms: ['RS256'],
        issuer: client.clientId,
        audience: this.config.VOUCHER_AUDIENCE,
        clockTolerance: this.config.VOUCHER_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['jti', 'iat', 'exp', 'userID', 'userLocation', 'LoA'],
      }));
    } catch {
      throw new Unauthenticated('tracking-evidence-invalid');
    }
    const { userID, userLocation, LoA } = claims;
    if (typeof userID !== 'string' || typeof userLocation !== 'string' || typeof LoA !== 'string') throw new Unauthenticated('tracking-evidence-invalid');
    const digest = voucher['digest'] as { alg?: unknown; value?: unknown } | undefined;
    if (digest?.alg !== 'SHA256' || digest.value !== createHash('sha256').update(evidence, 'ascii').digest('hex')) {
      throw new Unauthenticated('tracking-evidence-not-bound');
    }
    return { userID, userLocation, LoA };
  }
}

export const DOOR = Symbol('DOOR');

/**
 * The hub's door, a global guard: every HTTP route but the public ones (health)
 * needs a voucher (see `Door.admit`); a command's voucher is good once; a route
 * marked `@ReadsPersonalData()` needs a bound tracking evidence. The admitted
 * `Caller` is `request.caller`, and `@CurrentCaller()` in a route.
 */
@Injectable()
export class DoorGuard implements CanActivate {
  constructor(
    @Inject(DOOR) private readonly door: Door,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AdmittedRequest>();
    request.caller = await this.door.admit(request, {
      command: !['GET', 'HEAD', 'OPTIONS'].includes(request.method),
      readsPersonalData: this.reflector.getAllAndOverride<boolean>(READS_PERSONAL_DATA, targets) ?? false,
    });
    return true;
  }
}

/** The door's providers for a service module: the guard is global (APP_GUARD). */
export function doorProviders(config: DoorConfig, databaseUrl: string) {
  return [
    {
      provide: UsedVouchers,
      useFactory: async () => {
        const used = new UsedVouchers(createPgPool(databaseUrl, 2));
        await used.init();
        return used;
      },
    },
    { provide: DOOR, useFactory: (used: UsedVouchers) => new Door(config, used), inject: [UsedVouchers] },
  ];
}

/** The name of the vouchers' security scheme in OpenAPI documents. */
export const VOUCHER_SCHEME = 'voucher';

/**
 * Documents the door in a service's OpenAPI document: the bearer scheme
 * required by every operation but the public ones (health), and their 401.
 */
export function documentDoor(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.securitySchemes = {
    ...components.securitySchemes,
    [VOUCHER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        "A PDND-shaped voucher (RS256, typ at+jwt) with client_id and purposeId, from the hub's authority (`npm run token -- --client <clientId>`); a command's voucher is good once",
    },
  };
  document.security = [{ [VOUCHER_SCHEME]: [] }];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { security?: unknown[]; responses?: Record<string, unknown> }>)) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      if (path === '/health') {
        operation.security = [];
        continue;
      }
      operation.responses['401'] = {
        description: 'No valid voucher, or a personal-data read without a bound tracking evidence (type `urn:traiettorie:problem:unauthenticated`; `rule` names why)',
        headers: { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } },
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      };
    }
  }
  return document;
}
