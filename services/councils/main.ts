import 'reflect-metadata';
import { createLogger } from '../../platform/logger';
import { runMain } from '../../platform/run-main';
import { councilsConfigFromEnv, startCouncilsService } from './service';

void runMain(
  createLogger('councils'),
  () => startCouncilsService(councilsConfigFromEnv()),
  (service) => `subgraph ready at ${service.url}`,
);
