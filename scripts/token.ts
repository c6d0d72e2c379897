/**
 * A development token for a region's writes, printed alone on stdout:
 *   TOKEN=$(npm run -s token -- nordjylland [--subject <name>] [--ttl <seconds>])
 *   curl -H "Authorization: Bearer $TOKEN" …
 * Signed with the development key under HUB_DATA_DIR (default `.data`), which a subgraph
 * started without AUTH_ISSUER outside production accepts (platform/dev-token.ts). In
 * production tokens come from the identity provider: the command refuses to run there.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_DEV_TOKEN_TTL_SECONDS, devKeyDirectoryFromEnv, signDevToken } from '../platform/dev-token';
import { allRegions } from '../schema/contract/registry';

const names = allRegions().map((r) => r.slug).join('|');
const usage = `usage: npm run -s token -- <${names}> [--subject <name>] [--ttl <seconds>]`;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** Who the token stands for when --subject does not say: the user running the command. */
function defaultSubject(): string {
  try {
    return userInfo().username || 'developer';
  } catch {
    return 'developer';
  }
}

function parse(argv: string[]): { region: string; subject: string; ttlSeconds: number } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { subject: { type: 'string' }, ttl: { type: 'string' } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`, 2);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) fail(usage, 2);
  // A region by its lower-case name or its code, as the other commands take it.
  const region = allRegions().find((r) => r.slug === positionals[0].toLowerCase());
  if (!region) fail(`no region "${positionals[0]}" (known: ${names})\n${usage}`, 2);
  if (values.ttl !== undefined && !/^[1-9]\d{0,8}$/.test(values.ttl)) fail(`--ttl must be a whole number of seconds from 1 to 999999999, got "${values.ttl}"\n${usage}`, 2);
  const ttlSeconds = values.ttl === undefined ? DEFAULT_DEV_TOKEN_TTL_SECONDS : Number(values.ttl);
  const subject = values.subject ?? defaultSubject();
  if (subject.trim() === '') fail(`--subject may not be empty\n${usage}`, 2);
  return { region: region.slug, subject, ttlSeconds };
}

async function main() {
  if (process.env.NODE_ENV === 'production') {
    fail('npm run token makes development tokens, which no production service accepts: get a token from the identity provider (AUTH_ISSUER)', 1);
  }
  const request = parse(process.argv.slice(2));
  process.stdout.write(`${await signDevToken({ dir: devKeyDirectoryFromEnv(), ...request })}\n`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error), 1));
