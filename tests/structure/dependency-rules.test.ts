/**
 * The layer rules (.dependency-cruiser.cjs) hold for the whole tree, and they do bite: a
 * small tree with an upward import, written to a temporary folder, is refused with the
 * rule's name. `npm run lint:deps` runs the same check on its own.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const run = promisify(execFile);

async function cruise(cwd: string, folders: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [DEPCRUISE, '--config', CONFIG, ...folders], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-layers-'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs' } }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('layer rules', () => {
  it('hold for the repository', async () => {
    const { code, output } = await cruise(ROOT, ['platform', 'schema', 'services', 'gateway', 'tools', 'scripts', 'tests']);
    expect(output).toMatch(/no dependency violations found/);
    expect(code).toBe(0);
  }, 60_000);

  it.each([
    ['platform-is-the-bottom', { 'platform/logger.ts': "import '../gateway/config';\n", 'gateway/config.ts': 'export {};\n' }],
    ['subgraphs-side-by-side', { 'services/councils/schema.ts': "import '../regional/ids';\n", 'services/regional/ids.ts': 'export {};\n' }],
    ['gateway-knows-no-subgraph-code', { 'gateway/service.ts': "import '../schema/contract/meeting';\n", 'schema/contract/meeting.ts': 'export {};\n' }],
    ['contract-above-platform-only', { 'schema/contract/regions.ts': "import '../../services/regional/model';\n", 'services/regional/model.ts': 'export {};\n' }],
  ])('refuse an upward import (%s)', async (rule, files) => {
    const dir = tree(files);
    const { code, output } = await cruise(dir, [...new Set(Object.keys(files).map((f) => f.split('/')[0]))]);
    expect(code).not.toBe(0);
    expect(output).toContain(`error ${rule}:`);
  }, 60_000);
});
