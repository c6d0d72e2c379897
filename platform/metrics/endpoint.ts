/**
 * `GET /metrics`: the service's registry in Prometheus' text format, on the service's own
 * port, protected by a bearer token.
 *
 * Why a token on the main port rather than a port of its own: every service already has
 * exactly one port that the hub's process runner, the health probes and the deployment know;
 * a second port per service would be one more number to allocate for each of them (four
 * services on one host, replicas in a pod). The answer tells request counts, operation
 * names and pool sizes, which is not for the public, so it is served only when METRICS_TOKEN
 * is set (at least MIN_SECRET_LENGTH characters) and only to a request carrying
 * `Authorization: Bearer <METRICS_TOKEN>` (Prometheus: `authorization: { credentials_file: … }`
 * in the scrape config). Without METRICS_TOKEN there is no /metrics at all (404), so a
 * deployment that forgets it exposes nothing. The comparison takes the same time whatever
 * the token sent.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { envString } from '../config';
import { checkSecret } from '../gateway-credential';
import type { ServiceMetrics } from './registry';

export const METRICS_PATH = '/metrics';

/** METRICS_TOKEN, checked for length; undefined: no /metrics. */
export function metricsTokenFromEnv(): string | undefined {
  return checkSecret('METRICS_TOKEN', envString('METRICS_TOKEN'));
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when the request carries `Authorization: Bearer <token>`. */
export function bearsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  // Digests of equal length, so timingSafeEqual never throws and the length is not told.
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

export function metricsEndpoint(metrics: ServiceMetrics, token: string): RequestHandler {
  return async (req: Request, res: Response) => {
    if (!bearsToken(req.headers.authorization, token)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'metrics need the bearer token of METRICS_TOKEN' });
      return;
    }
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
