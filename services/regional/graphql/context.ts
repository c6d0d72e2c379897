import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionCode } from '../../../schema/contract';
import { createLoaders, type Loaders } from './loaders';

export interface RegionalContext {
  requestId: string;
  region: RegionCode;
  /** A fork of the entity manager for this request alone: no identity map shared across requests. */
  em: EntityManager;
  loaders: Loaders;
}

export function createRegionalContext(em: EntityManager, region: RegionCode): Omit<RegionalContext, 'requestId'> {
  const fork = em.fork();
  return { region, em: fork, loaders: createLoaders(fork) };
}
