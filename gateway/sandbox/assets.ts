/**
 * The fixed set of files the sandbox page loads, served from node_modules.
 *
 * Why UMD builds: they run from a plain <script> tag with no bundler and no
 * network, which is the whole point of an offline sandbox. That pins the
 * versions: React 19 and GraphiQL 4+/5 no longer ship UMD builds, so this stays
 * on React 18 + GraphiQL 3 (see package.json).
 *
 * Only the names below are served; a request never reaches the file system
 * with a path taken from the URL, so there is no directory traversal to guard.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clientScript, clientStyles } from './client';

export type SandboxAsset =
  | { kind: 'file'; contentType: string; path: string }
  | { kind: 'inline'; contentType: string; body: string };

export interface SandboxAssets {
  /** URL segment that changes whenever any asset may have changed; makes long caching safe. */
  buildId: string;
  files: ReadonlyMap<string, SandboxAsset>;
}

const JS = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const MAP = 'application/json; charset=utf-8';

/** Asset names the page references, in load order. */
export const SCRIPT_NAMES = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'sandbox.js'] as const;
export const STYLESHEET_NAMES = ['graphiql.min.css', 'sandbox.css'] as const;

/**
 * Resolves a package's directory through its package.json: react and react-dom
 * do not list their umd/ files in "exports", so require.resolve of the file
 * itself fails.
 */
function packageDir(name: string): { dir: string; version: string } {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  return { dir: dirname(manifestPath), version: manifest.version };
}

function fileAsset(dir: string, relative: string, contentType: string): SandboxAsset {
  const path = join(dir, relative);
  if (!existsSync(path)) {
    throw new Error(
      `useLocalSandbox: ${path} is missing. The sandbox needs the UMD builds of React 18 and GraphiQL 3 ` +
        '(React 19 and GraphiQL 4+ ship none); check the installed versions.',
    );
  }
  return { kind: 'file', contentType, path };
}

let cached: SandboxAssets | undefined;

/** Resolved once per process: node_modules does not change while we run. */
export function loadSandboxAssets(): SandboxAssets {
  if (cached) return cached;
  const react = packageDir('react');
  const reactDom = packageDir('react-dom');
  const graphiql = packageDir('graphiql');

  const files = new Map<string, SandboxAsset>([
    ['react.production.min.js', fileAsset(react.dir, 'umd/react.production.min.js', JS)],
    ['react-dom.production.min.js', fileAsset(reactDom.dir, 'umd/react-dom.production.min.js', JS)],
    ['graphiql.min.js', fileAsset(graphiql.dir, 'graphiql.min.js', JS)],
    ['graphiql.min.css', fileAsset(graphiql.dir, 'graphiql.min.css', CSS)],
    // Source maps are only fetched by open developer tools; serving them avoids 404 noise there.
    ['graphiql.min.js.map', fileAsset(graphiql.dir, 'graphiql.min.js.map', MAP)],
    ['graphiql.min.css.map', fileAsset(graphiql.dir, 'graphiql.min.css.map', MAP)],
    ['sandbox.js', { kind: 'inline', contentType: JS, body: clientScript }],
    ['sandbox.css', { kind: 'inline', contentType: CSS, body: clientStyles }],
  ]);

  const buildId = createHash('sha256')
    .update([react.version, reactDom.version, graphiql.version, clientScript, clientStyles].join('\0'))
    .digest('hex')
    .slice(0, 12);

  cached = { buildId, files };
  return cached;
}
