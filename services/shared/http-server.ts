/**
 * The HTTP side every service shares: Apollo Server on express 5 at /graphql (and /),
 * liveness and readiness endpoints, and a close() that stops accepting connections and
 * lets requests in flight finish.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { maskError } from './errors';

export interface ServiceOptions<C extends BaseContext> {
  name: string;
  host: string;
  port: number;
  schema?: GraphQLSchema;
  gateway?: GatewayInterface;
  context: () => Promise<C>;
  /** Readiness: resolves when the service can answer (its database, or its subgraphs). */
  ready: () => Promise<void>;
  plugins?: ApolloServerPlugin<C>[];
  /** Mounted before GraphQL, e.g. the local sandbox page. */
  routers?: Router[];
  introspection?: boolean;
  log?: (message: string) => void;
}

export interface RunningService {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startService<C extends BaseContext>(options: ServiceOptions<C>): Promise<RunningService> {
  const log = options.log ?? ((m: string) => console.error(`[${options.name}] ${m}`));
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<C>({
    ...(options.gateway ? { gateway: options.gateway } : { schema: options.schema! }),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? true,
    formatError: maskError(log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Inline traces only serve Apollo's hosted usage reporting, which this hub does not use.
      ...(options.schema ? [ApolloServerPluginInlineTraceDisabled()] : []),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/health/ready', async (_req, res) => {
    try {
      await options.ready();
      res.json({ status: 'ready', service: options.name });
    } catch (error) {
      log(`not ready: ${(error as Error).message}`);
      res.status(503).json({ status: 'unavailable', service: options.name });
    }
  });
  for (const router of options.routers ?? []) app.use(router);
  const graphql = expressMiddleware(apollo, { context: options.context });
  app.use(['/graphql', '/'], express.json({ limit: '1mb' }), graphql);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    // apollo.stop() drains: it stops accepting, waits for requests in flight, then closes.
    close: () => apollo.stop(),
  };
}
