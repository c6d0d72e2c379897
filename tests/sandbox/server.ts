/**
 * A stand-in for the gateway, wired the way the gateway mounts the sandbox:
 * sandbox router first at "/", then Apollo Server on the same path.
 *
 * The browser test only depends on `SandboxTestServer`, so this helper can be
 * swapped for one that starts the real gateway once it exists.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { useLocalSandbox, type LocalSandboxOptions } from '../../gateway/sandbox';

export interface SandboxTestServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

const typeDefs = /* GraphQL */ `
  type Query {
    regions: [Region!]!
  }
  type Region {
    code: String!
    name: String!
  }
`;

const regions = [
  { code: 'NORDJYLLAND', name: 'Region Nordjylland' },
  { code: 'SYDDANMARK', name: 'Region Syddanmark' },
];

export async function startSandboxTestServer(sandboxOptions: LocalSandboxOptions = {}): Promise<SandboxTestServer> {
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer({
    typeDefs,
    resolvers: { Query: { regions: () => regions } },
    // Ours replaces it; Apollo's needs a CDN.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.use('/', useLocalSandbox(sandboxOptions));
  app.use('/', express.json(), expressMiddleware(apollo));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    // apollo.stop() drains and closes the HTTP server through the plugin.
    close: () => apollo.stop(),
  };
}
