import { createLogger } from '../services/shared/logger';
import { runMain } from '../services/shared/run-main';
import { gatewayConfigFromEnv } from './config';
import { startGateway } from './service';

void runMain(
  createLogger('gateway'),
  async () => startGateway(gatewayConfigFromEnv()),
  (service) => `gateway ready at ${service.url}`,
);
