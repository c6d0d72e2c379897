/**
 * tools/register.js's transpile cache (tools/transpile-cache.js), in real processes: a file
 * is compiled once, served from the cache by the next process without loading
 * @swc-node/register, compiled again as soon as it changes (never stale code), with its
 * decorator metadata either way and the same code (a stack trace names the same place);
 * and the default cache folder is one git ignores.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const { cacheDirectoryCandidates } = require('../../tools/transpile-cache.js') as { cacheDirectoryCandidates(): string[] };

/** A module with a decorated property and an error made in it, printing what the test checks. */
// Reflect.getMetadata is there: tools/register.js loads reflect-metadata.
const source = (value: string) => `function field(): PropertyDecorator {
  return () => {};
}
class Holder {
  @field() name: string;
}
function where(): string {
  return new Error('here').stack!.split('\\n')[1];
}
console.log(JSON.stringify({
  value: '${value}',
  metadata: Reflect.getMetadata('design:type', Holder.prototype, 'name') === String,
  swcLoaded: Object.keys(require.cache).some((f) => f.includes('@swc-node/register/lib/register.js')),
  where: where(),
}));
`;

interface Run {
  value: string;
  metadata: boolean;
  swcLoaded: boolean;
  where: string;
}

function run(entry: string, cacheDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-r', join(ROOT, 'tools', 'register.js'), entry], { cwd: ROOT, env: { ...process.env, TRANSPILE_CACHE_DIR: cacheDir } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Run),
    );
  });
}

describe('the transpile cache of tools/register.js', () => {
  it('compiles a file once, serves it from the cache after, and compiles it again when it changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-transpile-test-'));
    const cacheDir = join(dir, 'cache');
    const entry = join(dir, 'entry.ts');

    writeFileSync(entry, source('first'));
    const compiled = await run(entry, cacheDir);
    expect(compiled).toEqual({ value: 'first', metadata: true, swcLoaded: true, where: expect.stringContaining(`at where (${entry}:`) });
    const entries = readdirSync(cacheDir);
    expect(entries.length).toBeGreaterThan(0);

    const cached = await run(entry, cacheDir);
    expect(cached).toEqual({ ...compiled, swcLoaded: false });
    expect(readdirSync(cacheDir)).toEqual(entries);

    writeFileSync(entry, source('second'));
    const changed = await run(entry, cacheDir);
    expect(changed).toEqual({ ...compiled, value: 'second' });
  });

  it('keeps its files, by default, in a folder git ignores', () => {
    const [preferred] = cacheDirectoryCandidates();
    const probe = relative(ROOT, join(preferred, 'entry.json'));
    expect(probe.startsWith('..')).toBe(false);
    // Asked of a new repository with the project's .gitignore: in a checkout, node_modules may
    // be a symbolic link, beyond which git answers nothing.
    const repo = mkdtempSync(join(tmpdir(), 'hub-transpile-git-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    copyFileSync(join(ROOT, '.gitignore'), join(repo, '.gitignore'));
    const ignored = (path: string) => spawnSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: repo }).status === 0;
    expect(ignored(probe)).toBe(true);
    expect(ignored('tools/entry.json')).toBe(false);
  });
});
