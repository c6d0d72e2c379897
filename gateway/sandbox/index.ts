/**
 * Local GraphQL sandbox: GraphiQL served by the gateway itself, no internet needed.
 *
 * Apollo Server's default landing page pulls Apollo Sandbox from a CDN and stays
 * blank offline (on a train, behind a hospital proxy, in CI). This router serves
 * GraphiQL 3 and React 18 straight from node_modules instead.
 *
 *   app.use('/', useLocalSandbox());            // before the GraphQL middleware
 *   app.use('/', express.json(), expressMiddleware(server));
 *
 * A browser GET (Accept: text/html) on the mount path gets the page; every other
 * request on that path (GraphQL POSTs, GraphQL GETs from clients) falls through
 * to the next middleware.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { loadSandboxAssets } from './assets';
import type { ClientConfig } from './client';
import { defaultExamples, type ExampleOperation } from './examples';
import { resolveOptions, type LocalSandboxOptions } from './options';
import { PAGE_HEADERS, renderSandboxPage } from './page';

export { defaultExamples, type ExampleOperation } from './examples';
export type { LocalSandboxOptions } from './options';
export { CONTENT_SECURITY_POLICY } from './page';

/** Assets live under this path, relative to where the router is mounted. */
export const SANDBOX_ASSET_PREFIX = '/sandbox/assets';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * True for a browser navigating to the page. Same rule as Apollo's landing page:
 * HTML must be preferred over JSON, so curl (which accepts anything) and GraphQL clients
 * still get GraphQL.
 */
export function prefersHtml(req: Request): boolean {
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

export function useLocalSandbox(options: LocalSandboxOptions = {}): Router {
  const { endpoint, title, examples } = resolveOptions(options, defaultExamples);
  const assets = loadSandboxAssets();
  const clientExamples = examples.map(toClientExample);
  const router = express.Router();

  router.get(`${SANDBOX_ASSET_PREFIX}/:buildId/:name`, (req: Request, res: Response, next: NextFunction) => {
    const asset = req.params.buildId === assets.buildId ? assets.files.get(String(req.params.name)) : undefined;
    if (!asset) {
      notFound(res);
      return;
    }
    // The build id in the URL changes with any asset, so caching "forever" is safe.
    const headers = { 'Content-Type': asset.contentType, 'X-Content-Type-Options': 'nosniff' };
    if (asset.kind === 'inline') {
      res.set(headers).set('Cache-Control', `public, max-age=${ONE_YEAR_MS / 1000}, immutable`).send(asset.body);
      return;
    }
    res.sendFile(asset.path, { maxAge: ONE_YEAR_MS, immutable: true, headers }, (error?: Error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  // Anything else under the prefix is ours to refuse, not GraphQL's to misparse.
  router.use(SANDBOX_ASSET_PREFIX, (_req: Request, res: Response) => notFound(res));

  router.get('/', (req: Request, res: Response, next: NextFunction) => {
    if (!prefersHtml(req)) {
      next();
      return;
    }
    const base = req.baseUrl; // '' when mounted at the root
    const pageEndpoint = endpoint ?? (base || '/');
    const config: ClientConfig = { endpoint: pageEndpoint, examples: clientExamples };
    const html = renderSandboxPage({
      title,
      endpoint: pageEndpoint,
      assetBase: `${base}${SANDBOX_ASSET_PREFIX}/${assets.buildId}/`,
      config,
    });
    res.status(200).set(PAGE_HEADERS).vary('Accept').send(html);
  });

  return router;
}

function toClientExample(example: ExampleOperation): ClientConfig['examples'][number] {
  const { name, query, variables } = example;
  return variables === undefined ? { name, query } : { name, query, variables: JSON.stringify(variables, null, 2) };
}

function notFound(res: Response): void {
  res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not found');
}
