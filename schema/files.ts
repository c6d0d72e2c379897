/**
 * Where the generated SDL lives: each subgraph's printed schema and the composed
 * supergraph the gateway serves. `npm run schema:print` writes them; a test checks them.
 */
import { join } from 'node:path';

export const SCHEMA_DIR = __dirname;
export const supergraphPath = join(SCHEMA_DIR, 'supergraph.graphql');
export const subgraphSdlPath = (name: string) => join(SCHEMA_DIR, `${name}.graphql`);
