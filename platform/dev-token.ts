/**
 * The development signing key and the tokens made with it, so a developer can write to a
 * regional subgraph without an identity provider: `npm run token -- <region>` signs a token
 * with the key, and a subgraph started without AUTH_ISSUER (and not in production) accepts
 * tokens signed with it (platform/bearer-auth.ts).
 *
 * The key is an Ed25519 pair (EdDSA), kept as a private JWK in `dev-token-key.json` under
 * one directory every region shares (HUB_DATA_DIR, by default `.data` in the working
 * directory, where the regions' embedded databases live too), mode 0600. Whichever starts
 * first, the token command or a subgraph, makes it; two processes starting at once agree on
 * one key: each writes its candidate to a file of its own and links it into place, which
 * fails for all but the first (EEXIST), and the others read the winner's. The link makes
 * the file appear whole, so nobody reads a half-written key.
 *
 * A production service never uses this key: bearer-auth.ts refuses every token in
 * production unless an issuer is configured, and the token command refuses to run there.
 */
import { generateKeyPairSync, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { regionWriteScope } from './scopes';
import { envString } from './config';

/** The issuer (`iss`) of development tokens. */
export const DEV_ISSUER = 'urn:sundhedsklynger-hub:dev';
/** The audience (`aud`) of development tokens. */
export const DEV_AUDIENCE = 'urn:sundhedsklynger-hub';
/** The one algorithm of the development key. */
export const DEV_ALGORITHM = 'EdDSA';
export const DEV_KEY_FILE = 'dev-token-key.json';
/** Where the key lives when HUB_DATA_DIR does not say: `.data` in the working directory, beside the regions' `.data/<region>`. */
export const DEFAULT_HUB_DATA_DIR = '.data';
export const DEFAULT_DEV_TOKEN_TTL_SECONDS = 3600;

/** The directory of the development key: HUB_DATA_DIR, or `.data` in the working directory. */
export function devKeyDirectoryFromEnv(): string {
  return resolve(envString('HUB_DATA_DIR', DEFAULT_HUB_DATA_DIR));
}

export interface DevSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The key file, for messages. */
  file: string;
}

function fromJwk(file: string, text: string): DevSigningKey {
  let privateKey: KeyObject;
  try {
    const jwk = JSON.parse(text) as { kty?: unknown; crv?: unknown; d?: unknown };
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') throw new Error('not an Ed25519 private JWK');
    privateKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
  } catch (error) {
    throw new Error(`the development signing key ${file} is unreadable (${error instanceof Error ? error.message : String(error)}); delete it to make a new one`);
  }
  return { privateKey, publicKey: createPublicKey(privateKey), file };
}

/** The development key under `directory`, made (mode 0600) if there is none yet. */
export function devSigningKey(directory: string): DevSigningKey {
  const file = join(directory, DEV_KEY_FILE);
  try {
    return fromJwk(file, readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const candidate = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(candidate, JSON.stringify(privateKey.export({ format: 'jwk' })), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(candidate, file);
    return { privateKey, publicKey: createPublicKey(privateKey), file };
  } catch (error) {
    // Another process made the key first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fromJwk(file, readFileSync(file, 'utf8'));
  } finally {
    unlinkSync(candidate);
  }
}

export interface DevTokenRequest {
  /** The key's directory (devKeyDirectoryFromEnv()). */
  dir: string;
  /** The region the token may write to: its scope is `<region>:write`. */
  region: string;
  /** Who the token stands for (`sub`). */
  subject: string;
  ttlSeconds?: number;
}

/** A compact JWT signed with the development key: sub, iss, aud, `scope: "<region>:write"`, iat, exp. */
export async function signDevToken({ dir, region, subject, ttlSeconds = DEFAULT_DEV_TOKEN_TTL_SECONDS }: DevTokenRequest): Promise<string> {
  if (subject === '') throw new Error('a token needs a subject');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new Error(`a token's lifetime is a whole number of seconds, at least 1 (got ${ttlSeconds})`);
  const { privateKey } = devSigningKey(dir);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: regionWriteScope(region) })
    .setProtectedHeader({ alg: DEV_ALGORITHM, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(privateKey);
}
