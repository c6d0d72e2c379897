// The require hook of tools/register.js: TypeScript (and the other files @swc-node/register
// handles) transpiled by @swc-node/register's own `compile`, its output kept on disk so that
// the next process loads it without loading @swc-node/register and the TypeScript compiler
// behind it (~0.25 s of CPU per process; a cold `npm start` runs five processes on two cores).
//
// An entry's key is a hash of the file's path and content and of everything that shapes
// @swc-node/register's output: the versions of @swc-node/register and @swc/core, the
// tsconfig.json it reads (path and content) and the environment variables it reads. A changed
// file, a changed tsconfig.json or an upgrade is a different key, so nothing stale is ever run.
//
// Where: TRANSPILE_CACHE_DIR, else node_modules/.cache/hub-transpile (git ignores node_modules),
// else, when that cannot be written (a container whose node_modules belongs to root), a folder
// of the user's in the system's temporary directory. TRANSPILE_CACHE=0 turns the cache off.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const { tmpdir } = require('node:os');

const ROOT = join(__dirname, '..');
/** Raised when the entries' layout changes: old entries are then never read. */
const FORMAT = 'hub-transpile-1';
/** The extensions @swc-node/register hooks (its DEFAULT_EXTENSIONS), so every file takes the same way as with it. */
const EXTENSIONS = ['.js', '.ts', '.jsx', '.tsx', '.mjs', '.mts', '.cjs', '.cts', '.es6', '.es'];
/** How a data-URL source map is appended to the code: @swc-node/register's format, and the usual one. */
const INLINE_MAP = '\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,';

/** @swc-node/register's own dependencies, resolved from where it is, as it resolves them. */
const registerDir = dirname(dirname(require.resolve('@swc-node/register/register'))); // …/lib/register.js
const fromRegister = (name) => require(require.resolve(name, { paths: [registerDir] }));

/**
 * How @swc-node/register treats source maps (its getSourceMapMode, which needs the TypeScript
 * compiler loaded): inline them in the code, and keep them for its stack-trace support unless
 * Node maps stack traces itself.
 */
function sourceMapMode() {
  switch (process.env.SWC_NODE_SOURCE_MAP_MODE?.trim().toLowerCase()) {
    case 'both':
      return { inline: true, store: true };
    case 'inline':
      return { inline: true, store: false };
    case 'store':
      return { inline: false, store: true };
    case 'none':
      return { inline: false, store: false };
  }
  return process.sourceMapsEnabled ? { inline: true, store: false } : { inline: true, store: true };
}

/** Everything besides a file's own path and content that shapes @swc-node/register's output. */
function salt() {
  const tsconfig = resolve(process.env.SWC_NODE_PROJECT ?? process.env.TS_NODE_PROJECT ?? join(process.cwd(), 'tsconfig.json'));
  let tsconfigText = '';
  try {
    tsconfigText = fs.readFileSync(tsconfig, 'utf8');
  } catch {
    // No tsconfig.json there: @swc-node/register uses its defaults, and the key says so.
  }
  const version = (packageJson) => JSON.parse(fs.readFileSync(packageJson, 'utf8')).version;
  return [
    FORMAT,
    `register:${version(join(registerDir, 'package.json'))}`,
    `core:${version(require.resolve('@swc/core/package.json', { paths: [registerDir] }))}`,
    `sourcemaps:${process.env.SWC_NODE_SOURCE_MAP_MODE ?? ''}:${process.env.SWC_NODE_INLINE_SOURCE_MAP ?? ''}`,
    `swcrc:${process.env.SWCRC ?? ''}:${process.env.SWC_CONFIG_FILE ?? ''}:${process.env.SWC_NODE_IGNORE_DYNAMIC ?? ''}`,
    tsconfig,
    tsconfigText,
  ].join('\0');
}

/** Where the cache may be, in order of preference. */
function cacheDirectoryCandidates() {
  if (process.env.TRANSPILE_CACHE_DIR) return [resolve(process.env.TRANSPILE_CACHE_DIR)];
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return [join(ROOT, 'node_modules', '.cache', 'hub-transpile'), join(tmpdir(), `hub-transpile-${uid}`)];
}

/** The cache folder, made if need be; null when none can be written. */
function cacheDirectory() {
  for (const dir of cacheDirectoryCandidates()) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // Not writable here: the next place, or no cache.
    }
  }
  return null;
}

/** Splits @swc-node/register's output into code and source map (null when it added none). */
function splitInlineMap(output) {
  const at = output.lastIndexOf(INLINE_MAP);
  if (at < 0) return { code: output, map: null };
  return { code: output.slice(0, at), map: Buffer.from(output.slice(at + INLINE_MAP.length), 'base64').toString('utf8') };
}

function installTranspileCache() {
  const { addHook } = fromRegister('pirates');
  const mode = sourceMapMode();
  const sourcemaps = mode.store ? fromRegister('@swc-node/sourcemap-support') : null;
  sourcemaps?.installSourceMapSupport();
  // Only output with its map inline can be split back into code and map: in the modes that
  // keep no inline map, every file is compiled as @swc-node/register would, uncached.
  const dir = process.env.TRANSPILE_CACHE === '0' || !mode.inline ? null : cacheDirectory();
  const keySalt = dir ? salt() : '';

  let swc; // @swc-node/register's compile and options, loaded at the first file not in the cache
  const compile = (code, filename) => {
    if (!swc) {
      const { compile: swcCompile } = require('@swc-node/register/register');
      const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig');
      const options = readDefaultTsConfig();
      options.module = 1; // ts.ModuleKind.CommonJS, as its register() sets it
      swc = { swcCompile, options };
    }
    return swc.swcCompile(code, filename, swc.options);
  };

  const load = (code, filename) => {
    if (!dir) return compile(code, filename);
    const key = createHash('sha256').update(keySalt).update('\0').update(filename).update('\0').update(code).digest('hex');
    const file = join(dir, `${key}.json`);
    let entry;
    try {
      entry = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // Not cached yet (or an entry cut short): compiled now, and kept.
      entry = splitInlineMap(compile(code, filename));
      // A unique name, then a rename: a reader never sees half an entry, and two processes
      // compiling the same file at once both write whole ones.
      const partial = `${file}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(partial, JSON.stringify(entry));
        fs.renameSync(partial, file);
      } catch {
        fs.rmSync(partial, { force: true });
      }
    }
    if (entry.map === null) return entry.code;
    sourcemaps?.SourcemapMap.set(filename, entry.map);
    return `${entry.code}${INLINE_MAP}${Buffer.from(entry.map, 'utf8').toString('base64')}`;
  };

  return addHook(load, { exts: EXTENSIONS });
}

module.exports = { installTranspileCache, cacheDirectoryCandidates };
