/** The councils subgraph as a running service. It holds no database: its registry is a small sourced file. */
import { envPort, envString } from '../shared/config';
import { startService, type RunningService } from '../shared/http-server';
import { readRegistry } from './registry';
import { buildCouncilsSchema } from './schema';

export const COUNCILS_DEFAULT_PORT = 4003;

export interface CouncilsConfig {
  host: string;
  port: number;
  log: (message: string) => void;
}

export function councilsConfigFromEnv(): CouncilsConfig {
  return {
    host: envString('COUNCILS_HOST') ?? envString('HOST', '127.0.0.1'),
    port: envPort(envString('COUNCILS_PORT') !== undefined ? 'COUNCILS_PORT' : 'PORT', COUNCILS_DEFAULT_PORT),
    log: (m) => console.error(`[councils] ${m}`),
  };
}

export async function startCouncilsService(config: CouncilsConfig): Promise<RunningService> {
  const registry = readRegistry();
  const { schema } = await buildCouncilsSchema();
  return startService({
    name: 'councils',
    host: config.host,
    port: config.port,
    schema,
    context: async () => ({ registry }),
    ready: async () => {},
    log: config.log,
  });
}
