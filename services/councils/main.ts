import 'reflect-metadata';
import { createLogger } from '../shared/logger';
import { runMain } from '../shared/run-main';
import { councilsConfigFromEnv, startCouncilsService } from './service';

void runMain(
  createLogger('councils'),
  () => startCouncilsService(councilsConfigFromEnv()),
  (service) => `subgraph ready at ${service.url}`,
);
