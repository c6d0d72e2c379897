import { gatewayConfigFromEnv, type GatewayConfig } from './config';
import { startGateway } from './service';

async function main() {
  let config: GatewayConfig;
  try {
    config = gatewayConfigFromEnv();
  } catch (error) {
    console.error(`[gateway] configuration error: ${(error as Error).message}`);
    process.exit(1);
  }
  try {
    const service = await startGateway(config);
    config.log(`gateway ready at ${service.url}${config.sandbox ? ` (sandbox: http://${config.host}:${service.port}/)` : ''}`);
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
