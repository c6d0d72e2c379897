/**
 * Bearer tokens: which are accepted and which refused, with keys made in temporary folders
 * and a JWKS served by a server on 127.0.0.1 in this process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { SignJWT, exportJWK, type JWTPayload } from 'jose';
import {
  AuthenticationError,
  AuthorisationError,
  bearerAuthConfigFromEnv,
  createBearerVerifier,
  requireScope,
  type BearerAuthConfig,
  type Principal,
} from '../../../platform/bearer-auth';
import { ConfigurationError } from '../../../platform/config';
import { DEV_AUDIENCE, DEV_ISSUER, devSigningKey, signDevToken } from '../../../platform/dev-token';
import { regionWriteScope } from '../../../platform/scopes';
import { isolateEnv } from '../../support/isolated-env';

const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `hub-${label}-`));
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token of `claims` (dev issuer, audience, a subject and an hour's lifetime unless overridden) signed with `key`. */
function sign(key: KeyObject, claims: JWTPayload = {}, header: { alg: string; kid?: string } = { alg: 'EdDSA' }): Promise<string> {
  return new SignJWT({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'anna', iat: now(), exp: now() + 3600, scope: 'nordjylland:write', ...claims })
    .setProtectedHeader(header)
    .sign(key);
}

/** What a verifier does with a header: the principal, or the error it threw, with the reasons it logged. */
async function outcome(config: BearerAuthConfig, authorization: string | undefined) {
  const logged: string[] = [];
  const verify = createBearerVerifier(config, (reason) => logged.push(reason));
  try {
    return { principal: await verify(authorization), logged };
  } catch (error) {
    return { error, logged };
  }
}

/** The refusal every bad token gets: UNAUTHENTICATED with a message that names no check, the reason logged. */
function expectRefused(result: Awaited<ReturnType<typeof outcome>>, reason: RegExp) {
  expect(result.error).toBeInstanceOf(AuthenticationError);
  expect(result.error).toBeInstanceOf(GraphQLError);
  expect((result.error as GraphQLError).toJSON()).toEqual({ message: 'A valid bearer token is required.', extensions: { code: 'UNAUTHENTICATED' } });
  expect(result.logged.join('\n')).toMatch(reason);
}

describe('development tokens (no issuer configured, not production)', () => {
  const dir = tempDir('dev-key');
  const config: BearerAuthConfig = { production: false, devKeyDirectory: dir };
  const devKey = () => devSigningKey(dir).privateKey;

  it('accepts a token of `npm run token`: its subject and the region’s write scope', async () => {
    const token = await signDevToken({ dir, region: 'nordjylland', subject: 'anna@rn.dk' });
    const { principal } = await outcome(config, `Bearer ${token}`);
    expect(principal).toEqual({ subject: 'anna@rn.dk', scopes: new Set([regionWriteScope('nordjylland')]) });
    expect(regionWriteScope('NORDJYLLAND')).toBe('nordjylland:write');
    // The scheme is case-insensitive (RFC 6750).
    expect((await outcome(config, `bearer ${token}`)).principal?.subject).toBe('anna@rn.dk');
  });

  it('answers null when there is no Authorization header', async () => {
    expect(await outcome(config, undefined)).toEqual({ principal: null, logged: [] });
  });

  it('refuses an expired token, beyond the clock tolerance', async () => {
    expectRefused(await outcome(config, `Bearer ${await sign(devKey(), { iat: now() - 3600, exp: now() - 60 })}`), /ERR_JWT_EXPIRED/);
    // Within the tolerance it is still good: clocks differ.
    expect((await outcome(config, `Bearer ${await sign(devKey(), { exp: now() - 5 })}`)).principal).not.toBeNull();
  });

  it('refuses a token signed by another Ed25519 key', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    expectRefused(await outcome(config, `Bearer ${await sign(other)}`), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'anna', exp: now() + 3600, scope: 'nordjylland:write' })}.`;
    expectRefused(await outcome(config, `Bearer ${unsigned}`), /ERR_JOSE_ALG_NOT_ALLOWED/);
  });

  it.each([
    ['no compact JWT', 'Bearer abc'],
    ['parts that are not base64url JSON', 'Bearer a.b.c'],
    ['another scheme', `Basic ${Buffer.from('anna:secret').toString('base64')}`],
    ['an empty header', ''],
    ['"Bearer" alone', 'Bearer '],
    ['a token with spaces in it', 'Bearer a b.c.d'],
    ['an overlong header', `Bearer ${'a'.repeat(9000)}.b.c`],
  ])('refuses a malformed header: %s', async (_name, header) => {
    expectRefused(await outcome(config, header), /bearer token refused/);
  });

  it.each([
    ['another audience', { aud: 'urn:some-other-service' }, /ERR_JWT_CLAIM_VALIDATION_FAILED.*aud/],
    ['another issuer', { iss: 'https://idp.example' }, /ERR_JWT_CLAIM_VALIDATION_FAILED.*iss/],
    ['no subject', { sub: undefined }, /ERR_JWT_CLAIM_VALIDATION_FAILED.*sub/],
    ['an empty subject', { sub: '' }, /"sub" is empty/],
    ['no expiry', { exp: undefined }, /ERR_JWT_CLAIM_VALIDATION_FAILED.*exp/],
  ])('refuses a token with %s', async (_name, claims, reason) => {
    expectRefused(await outcome(config, `Bearer ${await sign(devKey(), claims)}`), reason);
  });

  it('refuses an ES256 token even when it is signed correctly: the development key is EdDSA only', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expectRefused(await outcome(config, `Bearer ${await sign(ec, {}, { alg: 'ES256' })}`), /ERR_JOSE_ALG_NOT_ALLOWED/);
  });

  it.each([
    ['scope, space-separated', { scope: 'nordjylland:write  syddanmark:write' }, ['nordjylland:write', 'syddanmark:write']],
    ['scp, an array', { scope: undefined, scp: ['nordjylland:write', 'read', 7] }, ['nordjylland:write', 'read']],
    ['scp, a string', { scope: undefined, scp: 'nordjylland:write read' }, ['nordjylland:write', 'read']],
    ['both', { scope: 'a', scp: ['b'] }, ['a', 'b']],
    ['neither', { scope: undefined }, []],
  ])('reads scopes from %s', async (_name, claims, scopes) => {
    const { principal } = await outcome(config, `Bearer ${await sign(devKey(), claims)}`);
    expect(principal).toEqual({ subject: 'anna', scopes: new Set(scopes) });
  });
});

describe('production without an issuer', () => {
  it('refuses every token, a development token too, even when the development key file exists', async () => {
    const dir = tempDir('prod-key');
    const token = await signDevToken({ dir, region: 'nordjylland', subject: 'anna' });
    expect(existsSync(join(dir, 'dev-token-key.json'))).toBe(true);
    const result = await outcome({ production: true, devKeyDirectory: dir }, `Bearer ${token}`);
    expectRefused(result, /no issuer is configured/);
    expect((await outcome({ production: true, devKeyDirectory: dir }, undefined)).principal).toBeNull();
  });

  it('never makes or reads a development key', async () => {
    const dir = tempDir('prod-nokey');
    createBearerVerifier({ production: true, devKeyDirectory: dir });
    expect(existsSync(join(dir, 'dev-token-key.json'))).toBe(false);
  });
});

describe('a configured issuer with AUTH_PUBLIC_KEY_FILE', () => {
  const ISSUER = 'https://login.region.example';
  const AUDIENCE = 'urn:sundhedsklynger-hub';

  function keyFile(type: 'ed25519' | 'ec' | 'rsa', namedCurve = 'P-256') {
    const pair = type === 'ed25519' ? generateKeyPairSync('ed25519') : type === 'ec' ? generateKeyPairSync('ec', { namedCurve }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = join(tempDir('pem'), 'issuer.pem');
    writeFileSync(file, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    return { privateKey: pair.privateKey, file, config: { production: true, issuer: ISSUER, audience: AUDIENCE, publicKeyFile: file } satisfies BearerAuthConfig };
  }

  it.each([
    ['ed25519', 'EdDSA'],
    ['ec', 'ES256'],
    ['rsa', 'RS256'],
  ] as const)('accepts tokens of the issuer signed with its %s key (%s), in production', async (type, alg) => {
    const { privateKey, config } = keyFile(type);
    const token = await sign(privateKey, { iss: ISSUER, aud: AUDIENCE, sub: 'svc-nordjylland', scope: 'nordjylland:write' }, { alg });
    expect((await outcome(config, `Bearer ${token}`)).principal).toEqual({ subject: 'svc-nordjylland', scopes: new Set(['nordjylland:write']) });
  });

  it('refuses development tokens, and tokens of its own key under another algorithm or HMAC with the public key as secret', async () => {
    const { privateKey, file, config } = keyFile('rsa');
    const dev = await signDevToken({ dir: tempDir('dev-vs-issuer'), region: 'nordjylland', subject: 'anna' });
    expectRefused(await outcome(config, `Bearer ${dev}`), /ERR_JOSE_ALG_NOT_ALLOWED/);
    const ps256 = await sign(privateKey, { iss: ISSUER, aud: AUDIENCE }, { alg: 'PS256' });
    expectRefused(await outcome(config, `Bearer ${ps256}`), /ERR_JOSE_ALG_NOT_ALLOWED/);
    const confused = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'mallory', exp: now() + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(readFileSync(file)));
    expectRefused(await outcome(config, `Bearer ${confused}`), /ERR_JOSE_ALG_NOT_ALLOWED/);
    expectRefused(await outcome(config, `Bearer ${await sign(privateKey, { iss: DEV_ISSUER, aud: AUDIENCE }, { alg: 'RS256' })}`), /iss/);
  });

  it('stops the start-up with one line for a key file that is missing, private, or of another curve', () => {
    const dir = tempDir('bad-pem');
    const base = { production: false, issuer: ISSUER, audience: AUDIENCE };
    expect(() => createBearerVerifier({ ...base, publicKeyFile: join(dir, 'missing.pem') })).toThrow(/AUTH_PUBLIC_KEY_FILE .*missing\.pem cannot be read \(ENOENT\)/);
    const privatePem = join(dir, 'private.pem');
    writeFileSync(privatePem, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => createBearerVerifier({ ...base, publicKeyFile: privatePem })).toThrow(/holds a private key/);
    const p384 = keyFile('ec', 'P-384').file;
    expect(() => createBearerVerifier({ ...base, publicKeyFile: p384 })).toThrow(ConfigurationError);
    expect(() => createBearerVerifier({ ...base, publicKeyFile: p384 })).toThrow(/ec secp384r1 key; supported: Ed25519 \(EdDSA\), P-256 \(ES256\), RSA \(RS256\)/);
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a key');
    expect(() => createBearerVerifier({ ...base, publicKeyFile: garbage })).toThrow(/is not a PEM public key/);
    expect(() => createBearerVerifier({ ...base, audience: undefined, publicKeyFile: garbage })).toThrow(/needs an audience/);
    expect(() => createBearerVerifier(base)).toThrow(/needs its keys/);
  });
});

describe('a configured issuer with AUTH_JWKS_URL', () => {
  const ISSUER = 'https://login.region.example';
  const AUDIENCE = 'urn:sundhedsklynger-hub';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let server: Server;
  let jwksUrl: string;
  let answer: { status: number; body: unknown };
  let fetches = 0;

  beforeAll(async () => {
    answer = { status: 200, body: { keys: [{ ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' }] } };
    server = createServer((_req, res) => {
      fetches++;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const config = (): BearerAuthConfig => ({ production: true, issuer: ISSUER, audience: AUDIENCE, jwksUrl });
  const issuerToken = (key: KeyObject, kid: string, claims: JWTPayload = {}) => sign(key, { iss: ISSUER, aud: AUDIENCE, scp: ['syddanmark:write'], scope: undefined, ...claims }, { alg: 'ES256', kid });

  it('accepts a token signed with a key of the set, fetching the set once for several tokens', async () => {
    const verify = createBearerVerifier(config());
    const before = fetches;
    const first: Principal | null = await verify(`Bearer ${await issuerToken(privateKey, 'key-1')}`);
    const second = await verify(`Bearer ${await issuerToken(privateKey, 'key-1', { sub: 'bo' })}`);
    expect(first).toEqual({ subject: 'anna', scopes: new Set(['syddanmark:write']) });
    expect(second?.subject).toBe('bo');
    expect(fetches - before).toBe(1);
  });

  it('refuses a token signed with another key under a known kid, one with an unknown kid, and a development token', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expectRefused(await outcome(config(), `Bearer ${await issuerToken(other, 'key-1')}`), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    expectRefused(await outcome(config(), `Bearer ${await issuerToken(privateKey, 'key-2')}`), /ERR_JWKS_NO_MATCHING_KEY/);
    const dev = await signDevToken({ dir: tempDir('dev-vs-jwks'), region: 'syddanmark', subject: 'anna' });
    expectRefused(await outcome(config(), `Bearer ${dev}`), /bearer token refused/);
  });

  it('does not blame the token when the key set cannot be had: an internal error, not UNAUTHENTICATED', async () => {
    const saved = answer;
    answer = { status: 500, body: { error: 'down' } };
    try {
      const result = await outcome(config(), `Bearer ${await issuerToken(privateKey, 'key-1')}`);
      expect(result.error).toBeInstanceOf(Error);
      expect(result.error).not.toBeInstanceOf(GraphQLError);
      expect((result.error as Error).message).toBe('the signing keys of bearer tokens could not be used');
      expect(result.logged).toEqual([]);
    } finally {
      answer = saved;
    }
  });
});

describe('requireScope', () => {
  const principal: Principal = { subject: 'anna', scopes: new Set(['nordjylland:write']) };

  it('gives the principal back when it holds the scope', () => {
    expect(requireScope(principal, 'nordjylland:write')).toBe(principal);
  });

  it('is UNAUTHENTICATED without a principal and FORBIDDEN without the scope, saying neither which scope nor whose, except to the log', () => {
    const logged: string[] = [];
    const missing = (() => {
      try {
        return requireScope(null, 'nordjylland:write', (r) => logged.push(r));
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(AuthenticationError);
    const forbidden = (() => {
      try {
        return requireScope(principal, 'syddanmark:write', (r) => logged.push(r));
      } catch (error) {
        return error;
      }
    })();
    expect(forbidden).toBeInstanceOf(AuthorisationError);
    expect((forbidden as GraphQLError).toJSON()).toEqual({ message: 'The token does not allow this operation.', extensions: { code: 'FORBIDDEN' } });
    expect(logged).toEqual(['write refused: no bearer token (needs scope nordjylland:write)', 'write refused: subject anna lacks scope syddanmark:write (has nordjylland:write)']);
  });
});

describe('bearerAuthConfigFromEnv', () => {
  isolateEnv(['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY_FILE', 'NODE_ENV']);

  it('is development tokens from the given directory when nothing is set, and production with NODE_ENV=production', () => {
    expect(bearerAuthConfigFromEnv('/srv/hub/.data')).toEqual({ production: false, devKeyDirectory: '/srv/hub/.data' });
    process.env.NODE_ENV = 'production';
    expect(bearerAuthConfigFromEnv('/srv/hub/.data').production).toBe(true);
  });

  it('reads an issuer with its audience and one key source', () => {
    Object.assign(process.env, { AUTH_ISSUER: 'https://login.rn.dk', AUTH_AUDIENCE: 'urn:sundhedsklynger-hub', AUTH_JWKS_URL: 'https://login.rn.dk/jwks' });
    expect(bearerAuthConfigFromEnv('.data')).toEqual({ production: false, issuer: 'https://login.rn.dk', audience: 'urn:sundhedsklynger-hub', jwksUrl: 'https://login.rn.dk/jwks' });
    delete process.env.AUTH_JWKS_URL;
    process.env.AUTH_PUBLIC_KEY_FILE = 'keys/issuer.pem';
    expect(bearerAuthConfigFromEnv('.data').publicKeyFile).toBe(join(process.cwd(), 'keys', 'issuer.pem'));
  });

  it.each([
    ['an issuer without keys', { AUTH_ISSUER: 'https://login.rn.dk', AUTH_AUDIENCE: 'urn:hub' }, 'configuration error: AUTH_ISSUER is set but neither AUTH_JWKS_URL nor AUTH_PUBLIC_KEY_FILE: the issuer\'s signing keys are needed'],
    ['an issuer without an audience', { AUTH_ISSUER: 'https://login.rn.dk', AUTH_JWKS_URL: 'https://login.rn.dk/jwks' }, 'configuration error: AUTH_ISSUER is set but AUTH_AUDIENCE is not: tokens must name this hub as their audience'],
    ['two key sources', { AUTH_ISSUER: 'https://i', AUTH_AUDIENCE: 'urn:hub', AUTH_JWKS_URL: 'https://i/jwks', AUTH_PUBLIC_KEY_FILE: 'k.pem' }, 'configuration error: set AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE, not both'],
    ['keys without an issuer', { AUTH_AUDIENCE: 'urn:hub', AUTH_JWKS_URL: 'https://i/jwks' }, 'configuration error: AUTH_AUDIENCE and AUTH_JWKS_URL are set but AUTH_ISSUER is not: set AUTH_ISSUER too, or unset AUTH_AUDIENCE and AUTH_JWKS_URL'],
    ['a JWKS over http to another machine', { AUTH_ISSUER: 'https://i', AUTH_AUDIENCE: 'urn:hub', AUTH_JWKS_URL: 'http://idp.internal/jwks' }, 'configuration error: AUTH_JWKS_URL must be an https URL (http only to this machine), got "http://idp.internal/jwks"'],
    ['a JWKS URL that is no URL', { AUTH_ISSUER: 'https://i', AUTH_AUDIENCE: 'urn:hub', AUTH_JWKS_URL: 'jwks.json' }, 'configuration error: AUTH_JWKS_URL must be a URL, got "jwks.json"'],
    ['the development issuer in production', { NODE_ENV: 'production', AUTH_ISSUER: DEV_ISSUER, AUTH_AUDIENCE: DEV_AUDIENCE, AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks' }, `configuration error: AUTH_ISSUER may not be the development issuer ${DEV_ISSUER} with NODE_ENV=production`],
  ])('refuses %s with one line', (_name, env, message) => {
    Object.assign(process.env, env);
    expect(() => bearerAuthConfigFromEnv('.data')).toThrow(new ConfigurationError(message.replace('configuration error: ', '')));
  });
});
