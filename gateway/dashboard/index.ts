/**
 * The reference dashboard at /dashboard: one page that reads only the public GraphQL endpoint
 * (from the browser, with fetch), to show what a dashboard on the hub looks like: the
 * transition to health councils, each cluster's fund position as a chart, decision search,
 * and a meeting timeline with links to the calendar, Atom and CSV feeds.
 *
 * Its script and stylesheet are files of their own (client/), served under a build id like
 * the sandbox's assets (gateway/sandbox/assets.ts): no bundler, no internet, no CDN.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { DASHBOARD_HEADERS, renderDashboardPage } from './page';

export const DASHBOARD_PATH = '/dashboard';
const ASSET_PREFIX = `${DASHBOARD_PATH}/assets`;

interface Asset {
  contentType: string;
  body: string;
}

/** Read once per process: the files do not change while it runs. */
function loadAssets(): { buildId: string; files: Map<string, Asset> } {
  const read = (name: string) => readFileSync(join(__dirname, 'client', name), 'utf8');
  const files = new Map<string, Asset>([
    ['dashboard.js', { contentType: 'application/javascript; charset=utf-8', body: read('dashboard.js') }],
    ['dashboard.css', { contentType: 'text/css; charset=utf-8', body: read('dashboard.css') }],
  ]);
  const hash = createHash('sha256');
  for (const f of files.values()) hash.update(f.body).update('\0');
  return { buildId: hash.digest('hex').slice(0, 12), files };
}

export function useDashboard(): Router {
  const assets = loadAssets();
  const router = express.Router();

  router.get(`${ASSET_PREFIX}/:buildId/:name`, (req: Request, res: Response) => {
    const asset = req.params.buildId === assets.buildId ? assets.files.get(String(req.params.name)) : undefined;
    if (!asset) {
      res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not found\n');
      return;
    }
    // The build id changes with the files' content, so caching "forever" is safe.
    res.set({ 'Content-Type': asset.contentType, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=31536000, immutable' }).send(asset.body);
  });

  router.get([DASHBOARD_PATH, `${DASHBOARD_PATH}/`], (_req: Request, res: Response) => {
    const html = renderDashboardPage(`${ASSET_PREFIX}/${assets.buildId}/`, { endpoint: '/graphql', feedBase: '' });
    res.status(200).set(DASHBOARD_HEADERS).send(html);
  });

  return router;
}
