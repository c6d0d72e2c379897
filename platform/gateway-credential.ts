/**
 * Subgraph calls authenticated as the gateway's: the gateway signs every call with a shared
 * secret (SUBGRAPH_SECRET), and a subgraph that knows the secret answers only signed calls.
 *
 * The header, `x-hub-gateway: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, is a
 * signature of the body with a timestamp rather than the secret itself: a regional team may
 * expose its subgraph over a network it does not control (HOST=0.0.0.0), and whoever can read
 * one call there would otherwise hold the secret for good. A signed call gives an observer
 * nothing to forge another body with, and only a replay of that same body within
 * SIGNATURE_TOLERANCE_SECONDS. A replayed read returns what the observer already saw. The
 * gateway carries mutations too, with the client's bearer token (platform/bearer-auth.ts):
 * a replayed write is refused when it names the version it expects (CONFLICT), but the token
 * itself crosses the same link, so a link that carries writes needs TLS or a network nobody
 * else reads; the signature does not replace that. The window allows for clock skew between
 * the gateway's machine and the subgraph's; both should keep time with NTP.
 *
 * The signature is compared in constant time (crypto.timingSafeEqual). An unsigned call, a
 * wrong or stale one, answers 401 with a GraphQL error coded UNAUTHENTICATED before anything
 * is executed; the secret and the header never go to the log. Health endpoints stay open.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { ConfigurationError, envFlag, envString } from './config';

export const GATEWAY_SIGNATURE_HEADER = 'x-hub-gateway';
/** A secret shorter than this is refused: 32 characters of a random token are ≥ 128 bits. */
export const MIN_SECRET_LENGTH = 32;
/** How far a call's timestamp may be from the subgraph's clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const HEADER_FORMAT = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;
const RAW_BODY = Symbol('rawBody');

function hmac(secret: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The header value the gateway sends with a call whose JSON body is `body`. */
export function signGatewayCall(secret: string, body: string, nowMs = Date.now()): string {
  const t = String(Math.floor(nowMs / 1000));
  return `t=${t},v1=${hmac(secret, t, body).toString('hex')}`;
}

/** Whether `header` is the gateway's signature of `body`, made within the tolerance of `nowMs`. */
export function verifyGatewayCall(secret: string, header: string | string[] | undefined, body: Buffer, nowMs = Date.now()): boolean {
  if (typeof header !== 'string') return false;
  const match = HEADER_FORMAT.exec(header);
  if (!match) return false;
  const [, t, signature] = match;
  if (Math.abs(Number(t) - nowMs / 1000) > SIGNATURE_TOLERANCE_SECONDS) return false;
  // Both 32 bytes: the format above fixes the length, so timingSafeEqual cannot throw.
  return timingSafeEqual(Buffer.from(signature, 'hex'), hmac(secret, t, body));
}

/** A secret from the environment checked for length; what the error says never contains it. */
export function checkSecret(name: string, secret: string | undefined): string | undefined {
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigurationError(`${name} must be at least ${MIN_SECRET_LENGTH} characters long (got ${secret.length})`);
  }
  return secret;
}

/**
 * The secret a subgraph checks calls with (SUBGRAPH_SECRET). In production
 * (NODE_ENV=production) it is required, unless ALLOW_UNAUTHENTICATED_SUBGRAPH=true says
 * the port is protected some other way: a subgraph then refuses to start without it.
 */
export function subgraphSecretFromEnv(): string | undefined {
  const secret = checkSecret('SUBGRAPH_SECRET', envString('SUBGRAPH_SECRET'));
  const allowOpen = envFlag('ALLOW_UNAUTHENTICATED_SUBGRAPH', false);
  if (secret === undefined && process.env.NODE_ENV === 'production' && !allowOpen) {
    throw new ConfigurationError(
      `SUBGRAPH_SECRET is required with NODE_ENV=production (at least ${MIN_SECRET_LENGTH} characters, the same as the gateway's), or set ALLOW_UNAUTHENTICATED_SUBGRAPH=true if the port is protected otherwise`,
    );
  }
  return secret;
}

export interface GatewayCredentialCheck {
  /** express.json's `verify` option: keeps the raw body the signature is made over. */
  keepRawBody: (req: IncomingMessage, res: unknown, buf: Buffer) => void;
  /** Answers 401 UNAUTHENTICATED unless the call carries the gateway's signature of its body. */
  check: RequestHandler;
}

/** The subgraph's side: wired by platform/http-server.ts around its JSON body parser. */
export function gatewayCredentialCheck(secret: string, now: () => number = Date.now): GatewayCredentialCheck {
  return {
    keepRawBody: (req, _res, buf) => {
      (req as IncomingMessage & { [RAW_BODY]?: Buffer })[RAW_BODY] = buf;
    },
    check: (req, res, next) => {
      const body = (req as IncomingMessage & { [RAW_BODY]?: Buffer })[RAW_BODY] ?? Buffer.alloc(0);
      if (verifyGatewayCall(secret, req.headers[GATEWAY_SIGNATURE_HEADER], body, now())) {
        next();
        return;
      }
      res
        .status(401)
        .set('www-authenticate', 'HubGateway')
        .json({ errors: [{ message: 'This subgraph answers the gateway only: the call is not signed with its secret.', extensions: { code: 'UNAUTHENTICATED' } }] });
    },
  };
}
