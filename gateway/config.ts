/** The gateway's configuration from environment variables, with documented defaults. */
import { SUBGRAPH_DEFAULT_URLS } from '../schema/compose';
import { envPort, envString } from '../services/shared/config';

export interface GatewayConfig {
  host: string;
  port: number;
  /** Subgraph name → URL; overrides the URLs written into the composed supergraph. */
  subgraphUrls: Record<string, string>;
  /** Milliseconds a subgraph call may take before it is aborted. */
  subgraphTimeoutMs: number;
  supergraphPath?: string;
  sandbox: boolean;
  introspection: boolean;
  log: (message: string) => void;
}

export const GATEWAY_DEFAULT_PORT = 4000;
export const SUBGRAPH_TIMEOUT_DEFAULT_MS = 10_000;

export function gatewayConfigFromEnv(): GatewayConfig {
  const production = process.env.NODE_ENV === 'production';
  const subgraphUrls: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(SUBGRAPH_DEFAULT_URLS)) {
    subgraphUrls[name] = envString(`${name.toUpperCase()}_URL`, fallback);
  }
  const timeout = Number(envString('SUBGRAPH_TIMEOUT_MS', String(SUBGRAPH_TIMEOUT_DEFAULT_MS)));
  if (!Number.isInteger(timeout) || timeout <= 0) throw new Error(`SUBGRAPH_TIMEOUT_MS must be a positive whole number of milliseconds`);
  const flag = (name: string, fallback: boolean) => {
    const raw = envString(name);
    if (raw === undefined) return fallback;
    if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be true or false, got "${raw}"`);
    return raw === 'true';
  };
  return {
    host: envString('GATEWAY_HOST') ?? envString('HOST', '127.0.0.1'),
    port: envPort(envString('GATEWAY_PORT') !== undefined ? 'GATEWAY_PORT' : 'PORT', GATEWAY_DEFAULT_PORT),
    subgraphUrls,
    subgraphTimeoutMs: timeout,
    supergraphPath: envString('SUPERGRAPH_PATH'),
    // Off in production unless asked for: a public endpoint need not advertise its schema.
    sandbox: flag('SANDBOX', !production),
    introspection: flag('INTROSPECTION', !production),
    log: (m) => console.error(`[gateway] ${m}`),
  };
}
