import type { ConnectionType, EntityManager } from '@mikro-orm/postgresql';
import type { RegionCode } from '../../../schema/contract';
import { createLoaders, type Loaders } from './loaders';

export interface RegionalContext {
  requestId: string;
  region: RegionCode;
  /** A fork of the entity manager for this request alone: no identity map shared across requests. */
  em: EntityManager;
  loaders: Loaders;
  /**
   * The subject of the request's bearer token, when the token may write to this region;
   * otherwise throws UNAUTHENTICATED or FORBIDDEN. Only write operations call it: reads are public.
   */
  writer(): Promise<string>;
  /** A line to the service's log, for the progress of long writes. */
  log(message: string): void;
  /**
   * False under PUBLISH_SENSITIVE_PERSONAL_DATA=false: party letters and named people's
   * absences from agenda items are answered as null or empty (personal-data.ts).
   */
  publishSensitivePersonalData: boolean;
}

export interface RequestOptions {
  writer: () => Promise<string>;
  log: (message: string) => void;
  publishSensitivePersonalData: boolean;
  /**
   * Where the request's reads go: 'read' (a replica, when the database has any) or 'write'
   * (the primary). Absent: the primary. Whatever it is, once the request has a writer its
   * reads go to the primary: a write's answer must show the write, which a replica may not
   * have replayed yet.
   */
  readFrom?: ConnectionType;
}

export function createRegionalContext(em: EntityManager, region: RegionCode, request: RequestOptions): Omit<RegionalContext, 'requestId'> {
  const fork = em.fork();
  let readFrom: ConnectionType = request.readFrom ?? 'write';
  const writer = async () => {
    const subject = await request.writer();
    readFrom = 'write';
    return subject;
  };
  return {
    region,
    em: fork,
    loaders: createLoaders(fork, () => readFrom),
    writer,
    log: request.log,
    publishSensitivePersonalData: request.publishSensitivePersonalData,
  };
}
