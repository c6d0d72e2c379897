/**
 * The entry point every service shares: start, log where it serves, stop gracefully on
 * SIGTERM/SIGINT (finish requests in flight, close pools, exit 0), and exit 1 with one
 * log line when it cannot start.
 */
import type { Logger } from './logger';
import type { RunningService } from './http-server';
import { awaitHubEnvironment } from './hub-environment';
import { StartupError } from './startup-error';
import { startTracingFromEnv } from './tracing/tracing';

export async function runMain(logger: Logger, start: () => Promise<RunningService>, readyMessage: (s: RunningService) => string): Promise<void> {
  // Before the service starts, so its HTTP layer and database install their span hooks; on
  // only with OTEL_EXPORTER_OTLP_ENDPOINT (platform/tracing/tracing.ts). Named as its logs are.
  const tracing = startTracingFromEnv(String(logger.bindings().service ?? 'hub'));
  let service: RunningService;
  try {
    // Spawned early by the hub: its modules are loaded by now, the rest of its settings come next.
    await awaitHubEnvironment();
    service = await start();
  } catch (error) {
    const e = error as Error;
    logger.fatal(e instanceof StartupError ? e.message : `failed to start: ${e.message}`);
    logger.flush();
    process.exit(1);
  }
  logger.info(readyMessage(service));
  // A parent that started this process (tools/hub.ts) learns the URL over IPC, whatever the log level.
  process.send?.({ type: 'ready', url: service.url });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, then stopping`);
    try {
      await service.close();
      // The spans of the last requests are sent before the process exits.
      await tracing?.shutdown().catch((error: Error) => logger.warn(`traces not sent: ${error.message}`));
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    } catch (error) {
      logger.error(`error while stopping: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
