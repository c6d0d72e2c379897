import 'reflect-metadata';
import { councilsConfigFromEnv, startCouncilsService } from './service';

async function main() {
  let config;
  try {
    config = councilsConfigFromEnv();
  } catch (error) {
    console.error(`[councils] configuration error: ${(error as Error).message}`);
    process.exit(1);
  }
  try {
    const service = await startCouncilsService(config);
    config.log(`subgraph ready at ${service.url}`);
    const stop = async (signal: string) => {
      config.log(`${signal}: finishing requests in flight, then stopping`);
      await service.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    config.log(`failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
}
void main();
