// First: @apollo/gateway must find federation-internals' exports as plain data (see there).
import './plain-federation-exports';
import { createLogger } from '../platform/logger';
import { runMain } from '../platform/run-main';
import { gatewayConfigFromEnv } from './config';
import { startGateway } from './service';

void runMain(
  createLogger('gateway'),
  async () => startGateway(gatewayConfigFromEnv()),
  (service) => `gateway ready at ${service.url}`,
);
