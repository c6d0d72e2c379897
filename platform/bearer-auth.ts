/**
 * Who may write: the bearer token a client sends (`Authorization: Bearer <JWT>`, passed on
 * by the gateway), verified with jose, becomes a Principal (subject and scopes), and a write
 * asks requireScope for the scope it needs (platform/scopes.ts: `<region>:write`).
 *
 * Which tokens are accepted:
 * - AUTH_ISSUER set: tokens of that issuer for AUTH_AUDIENCE, signed with a key from
 *   AUTH_JWKS_URL (the issuer's JSON Web Key Set, fetched and cached by jose) or the one
 *   public key in AUTH_PUBLIC_KEY_FILE (SPKI PEM: Ed25519, P-256 or RSA, whose algorithm
 *   alone is then accepted).
 * - No issuer, not production: tokens signed with the development key
 *   (platform/dev-token.ts, `npm run token`), issuer DEV_ISSUER, audience DEV_AUDIENCE.
 * - No issuer, production: none. The development key is never read there, so a token
 *   signed with it is refused like any other.
 * The algorithms are always an allow-list (EdDSA, ES256, RS256; never `none`, never an HMAC
 * whose secret could be a public key); `sub` and `exp` are required, with
 * CLOCK_TOLERANCE_SECONDS of leeway for clocks that differ.
 *
 * A refused token is AuthenticationError (UNAUTHENTICATED) and a missing scope
 * AuthorisationError (FORBIDDEN), with messages that do not say which check failed: the
 * reason goes to the caller's log callback, never to the client. Neither sets an HTTP
 * status: a subgraph answers them in a 200, which the gateway passes on with their codes
 * (a non-2xx answer would be reported as the region failing). A key source that cannot be
 * reached (the JWKS endpoint down) is no fault of the token: that is a plain Error, an
 * internal error to the client, logged by the error mask.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ConfigurationError, envString } from './config';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, devSigningKey } from './dev-token';

export interface BearerAuthConfig {
  /** AUTH_ISSUER: the `iss` tokens must carry; unset: development tokens (outside production) or none. */
  issuer?: string;
  /** AUTH_AUDIENCE: the `aud` tokens must carry; required with an issuer. */
  audience?: string;
  /** AUTH_JWKS_URL: where the issuer publishes its signing keys. */
  jwksUrl?: string;
  /** AUTH_PUBLIC_KEY_FILE: the issuer's one public key, SPKI PEM. */
  publicKeyFile?: string;
  /** Where the development key lives (platform/dev-token.ts); used only without an issuer, outside production. */
  devKeyDirectory?: string;
  production: boolean;
}

export interface Principal {
  subject: string;
  scopes: ReadonlySet<string>;
}

/** null when the request has no Authorization header; throws AuthenticationError for a token it refuses. */
export type BearerVerifier = (authorization: string | undefined) => Promise<Principal | null>;

/** Where the reason a token or a scope was refused goes: the service's log, at debug or info. */
export type RefusalLog = (reason: string) => void;

export const ALLOWED_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];
/** Seconds a token's exp, nbf and iat may be off, for clocks that differ between issuer and service. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Longer Authorization values are refused unread. */
const MAX_AUTHORIZATION_LENGTH = 8192;
/** `Bearer` (any case, RFC 6750) and a compact JWS: three base64url parts, the signature possibly empty (then refused by jose). */
const BEARER = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/** jose's codes for faults of the token itself; any other failure is the key source's. */
const TOKEN_FAULTS: ReadonlySet<string> = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

export class AuthenticationError extends GraphQLError {
  constructor() {
    super('A valid bearer token is required.', { extensions: { code: 'UNAUTHENTICATED' } });
    this.name = 'AuthenticationError';
  }
}

export class AuthorisationError extends GraphQLError {
  constructor() {
    super('The token does not allow this operation.', { extensions: { code: 'FORBIDDEN' } });
    this.name = 'AuthorisationError';
  }
}

/** The principal if it holds `scope`: no principal is UNAUTHENTICATED, a principal without the scope FORBIDDEN. */
export function requireScope(principal: Principal | null, scope: string, log: RefusalLog = () => {}): Principal {
  if (principal === null) {
    log(`write refused: no bearer token (needs scope ${scope})`);
    throw new AuthenticationError();
  }
  if (!principal.scopes.has(scope)) {
    log(`write refused: subject ${principal.subject} lacks scope ${scope} (has ${[...principal.scopes].join(' ') || 'none'})`);
    throw new AuthorisationError();
  }
  return principal;
}

/** Scopes from `scope` (space-separated, OAuth 2) and `scp` (an array, or a space-separated string as some issuers send it). */
export function scopesOf(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  for (const claim of [payload.scope, payload.scp]) {
    const values = typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [];
    for (const value of values) if (typeof value === 'string' && value !== '') scopes.add(value);
  }
  return scopes;
}

/** The algorithm a public key is for: one per key type, so a token cannot choose another. */
function algorithmOf(key: KeyObject, file: string): string {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  throw new ConfigurationError(`AUTH_PUBLIC_KEY_FILE ${file} holds a ${key.asymmetricKeyType}${curve ? ` ${curve}` : ''} key; supported: Ed25519 (EdDSA), P-256 (ES256), RSA (RS256)`);
}

function publicKeyFromFile(file: string): { key: KeyObject; algorithm: string } {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`AUTH_PUBLIC_KEY_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // A private key would work (its public half is derived), but it does not belong on this machine.
  if (pem.includes('PRIVATE KEY')) throw new ConfigurationError(`AUTH_PUBLIC_KEY_FILE ${file} holds a private key; give the service the public key only (SPKI PEM, "BEGIN PUBLIC KEY")`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new ConfigurationError(`AUTH_PUBLIC_KEY_FILE ${file} is not a PEM public key (SPKI, "BEGIN PUBLIC KEY")`);
  }
  return { key, algorithm: algorithmOf(key, file) };
}

interface Expectation {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  algorithms: string[];
}

/** What a token must be, from the configuration; undefined: no token can be (production without an issuer). */
function expectationOf(config: BearerAuthConfig): Expectation | undefined {
  if (config.issuer !== undefined) {
    if (!config.audience) throw new ConfigurationError('an issuer of bearer tokens needs an audience (AUTH_AUDIENCE)');
    if (config.jwksUrl) {
      return { keys: createRemoteJWKSet(new URL(config.jwksUrl)), issuer: config.issuer, audience: config.audience, algorithms: ALLOWED_ALGORITHMS };
    }
    if (config.publicKeyFile) {
      const { key, algorithm } = publicKeyFromFile(config.publicKeyFile);
      return { keys: () => key, issuer: config.issuer, audience: config.audience, algorithms: [algorithm] };
    }
    throw new ConfigurationError('an issuer of bearer tokens needs its keys (AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE)');
  }
  if (config.production) return undefined;
  if (config.devKeyDirectory === undefined) throw new ConfigurationError('development tokens need the directory of the development key');
  const { publicKey } = devSigningKey(config.devKeyDirectory);
  return { keys: () => publicKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: [DEV_ALGORITHM] };
}

/**
 * The verifier of a service's bearer tokens. Reads its keys now (a key file that is missing
 * or wrong stops the start-up with a ConfigurationError); a JWKS is fetched on first use.
 */
export function createBearerVerifier(config: BearerAuthConfig, log: RefusalLog = () => {}): BearerVerifier {
  const expected = expectationOf(config);
  return async (authorization) => {
    if (authorization === undefined) return null;
    const token = authorization.length <= MAX_AUTHORIZATION_LENGTH ? BEARER.exec(authorization)?.[1] : undefined;
    if (token === undefined) {
      log('bearer token refused: the Authorization header is not "Bearer" and a compact JWT');
      throw new AuthenticationError();
    }
    if (expected === undefined) {
      log('bearer token refused: no issuer is configured (AUTH_ISSUER), and development tokens are not accepted in production');
      throw new AuthenticationError();
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, expected.keys, {
        issuer: expected.issuer,
        audience: expected.audience,
        algorithms: expected.algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) {
        log(`bearer token refused: ${error.code}: ${error.message}`);
        throw new AuthenticationError();
      }
      throw new Error('the signing keys of bearer tokens could not be used', { cause: error });
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      log('bearer token refused: its "sub" is empty');
      throw new AuthenticationError();
    }
    return { subject: payload.sub, scopes: scopesOf(payload) };
  };
}

/** A JWKS URL must be https, except on the machine itself: keys fetched in the clear could be swapped on the way. */
function checkJwksUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`AUTH_JWKS_URL must be a URL, got "${url}"`);
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new ConfigurationError(`AUTH_JWKS_URL must be an https URL (http only to this machine), got "${url}"`);
  }
  return url;
}

/**
 * The configuration from AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL and AUTH_PUBLIC_KEY_FILE;
 * production is NODE_ENV=production. A half-configured issuer is refused, with one line,
 * rather than falling back to development tokens or to no check at all.
 */
export function bearerAuthConfigFromEnv(devKeyDirectory: string): BearerAuthConfig {
  const production = process.env.NODE_ENV === 'production';
  const issuer = envString('AUTH_ISSUER');
  const audience = envString('AUTH_AUDIENCE');
  const jwksUrl = envString('AUTH_JWKS_URL');
  const publicKeyFile = envString('AUTH_PUBLIC_KEY_FILE');
  if (issuer === undefined) {
    const stray = Object.entries({ AUTH_AUDIENCE: audience, AUTH_JWKS_URL: jwksUrl, AUTH_PUBLIC_KEY_FILE: publicKeyFile }).filter(([, value]) => value !== undefined);
    if (stray.length > 0) {
      const names = stray.map(([name]) => name).join(' and ');
      throw new ConfigurationError(`${names} ${stray.length > 1 ? 'are' : 'is'} set but AUTH_ISSUER is not: set AUTH_ISSUER too, or unset ${names}`);
    }
    return { production, devKeyDirectory };
  }
  if (jwksUrl === undefined && publicKeyFile === undefined) {
    throw new ConfigurationError("AUTH_ISSUER is set but neither AUTH_JWKS_URL nor AUTH_PUBLIC_KEY_FILE: the issuer's signing keys are needed");
  }
  if (jwksUrl !== undefined && publicKeyFile !== undefined) throw new ConfigurationError('set AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE, not both');
  if (audience === undefined) throw new ConfigurationError('AUTH_ISSUER is set but AUTH_AUDIENCE is not: tokens must name this hub as their audience');
  if (production && issuer === DEV_ISSUER) throw new ConfigurationError(`AUTH_ISSUER may not be the development issuer ${DEV_ISSUER} with NODE_ENV=production`);
  return {
    production,
    issuer,
    audience,
    ...(jwksUrl !== undefined ? { jwksUrl: checkJwksUrl(jwksUrl) } : { publicKeyFile: resolve(publicKeyFile!) }),
  };
}
