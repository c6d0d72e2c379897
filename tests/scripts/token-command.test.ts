/**
 * `npm run token` as a process: the token alone on stdout, accepted by a subgraph's verifier
 * in development; processes started at once agree on one key; bad arguments and production
 * are refused with one line and nothing on stdout.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBearerVerifier } from '../../platform/bearer-auth';
import { DEV_KEY_FILE } from '../../platform/dev-token';
import { runScript } from '../support/run-script';

const SCRIPT = 'scripts/token.ts';
const freshDir = () => join(mkdtempSync(join(tmpdir(), 'hub-token-')), '.data');

describe('npm run token', () => {
  it('prints only a token, made with one key by processes started at once, which a development subgraph accepts', async () => {
    const dir = freshDir();
    const runs = await Promise.all(
      ['nordjylland', 'NORDJYLLAND', 'syddanmark', 'nordjylland'].map((region, i) => runScript(SCRIPT, [region, '--subject', `dev-${i}`, '--ttl', '120'], { HUB_DATA_DIR: dir, NODE_ENV: undefined })),
    );
    const verify = createBearerVerifier({ production: false, devKeyDirectory: dir });
    for (const [i, run] of runs.entries()) {
      expect(run).toEqual({ code: 0, stdout: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+\n$/), stderr: '' });
      const principal = await verify(`Bearer ${run.stdout.trim()}`);
      expect(principal).toEqual({ subject: `dev-${i}`, scopes: new Set([i === 2 ? 'syddanmark:write' : 'nordjylland:write']) });
    }
  });

  it.each([
    ['no region', [], /^usage: npm run -s token -- <nordjylland\|syddanmark> \[--subject <name>\] \[--ttl <seconds>\]\n$/],
    ['a region the registry does not hold', ['fyn'], /^no region "fyn" \(known: nordjylland\|syddanmark\)\nusage:/],
    ['two regions', ['nordjylland', 'syddanmark'], /^usage:/],
    ['a lifetime that is no whole number', ['nordjylland', '--ttl', '1h'], /^--ttl must be a whole number of seconds from 1 to 999999999, got "1h"\nusage:/],
    ['an option it does not know', ['nordjylland', '--scope', 'all'], /^Unknown option '--scope'/],
    ['an empty subject', ['nordjylland', '--subject', ' '], /^--subject may not be empty\nusage:/],
  ])('exits 2 for %s, saying why on stderr', async (_name, args, message) => {
    const dir = freshDir();
    const run = await runScript(SCRIPT, args, { HUB_DATA_DIR: dir, NODE_ENV: undefined });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(dir, DEV_KEY_FILE))).toBe(false);
  });

  it('refuses in production with one line, and makes no key', async () => {
    const dir = freshDir();
    const run = await runScript(SCRIPT, ['nordjylland'], { HUB_DATA_DIR: dir, NODE_ENV: 'production' });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'npm run token makes development tokens, which no production service accepts: get a token from the identity provider (AUTH_ISSUER)\n',
    });
    expect(existsSync(dir)).toBe(false);
  });
});
