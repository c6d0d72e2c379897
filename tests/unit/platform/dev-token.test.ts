/** The development signing key and its tokens, in temporary folders. */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_KEY_FILE, devKeyDirectoryFromEnv, devSigningKey, signDevToken } from '../../../platform/dev-token';
import { isolateEnv } from '../../support/isolated-env';

const tempDir = () => mkdtempSync(join(tmpdir(), 'hub-dev-token-'));
const publicJwk = (dir: string) => devSigningKey(dir).publicKey.export({ format: 'jwk' });

describe('the development signing key', () => {
  it('is made once, as an Ed25519 private JWK only its owner may read, and read back after', () => {
    const dir = join(tempDir(), 'nested', '.data');
    const made = devSigningKey(dir);
    const file = join(dir, DEV_KEY_FILE);
    expect(made.file).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String), x: expect.any(String) });
    expect(publicJwk(dir)).toEqual(made.publicKey.export({ format: 'jwk' }));
    expect(readdirSync(dir)).toEqual([DEV_KEY_FILE]);
  });

  it('uses the key of a process that made it first, between its own look and its own write', () => {
    const dir = tempDir();
    const file = join(dir, DEV_KEY_FILE);
    const theirs = generateKeyPairSync('ed25519').privateKey;
    const read = jest.spyOn(fs, 'readFileSync').mockImplementationOnce(() => {
      // The other process links its key into place just after this one found none.
      writeFileSync(file, JSON.stringify(theirs.export({ format: 'jwk' })), { mode: 0o600 });
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
    });
    try {
      const key = devSigningKey(dir);
      expect(key.publicKey.export({ format: 'jwk' })).toEqual(createPublicKey(theirs).export({ format: 'jwk' }));
    } finally {
      read.mockRestore();
    }
    // Theirs stays in place, and this process's candidate is gone.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(theirs.export({ format: 'jwk' }));
    expect(readdirSync(dir)).toEqual([DEV_KEY_FILE]);
  });

  it('says which file is unreadable and how to start afresh', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DEV_KEY_FILE), '{"kty":"RSA"}');
    expect(() => devSigningKey(dir)).toThrow(`the development signing key ${join(dir, DEV_KEY_FILE)} is unreadable (not an Ed25519 private JWK); delete it to make a new one`);
  });
});

describe('signDevToken', () => {
  it('signs sub, the development issuer and audience, the region’s write scope, iat and exp with EdDSA', async () => {
    const dir = tempDir();
    const before = Math.floor(Date.now() / 1000);
    const token = await signDevToken({ dir, region: 'syddanmark', subject: 'bo@rsyd.dk', ttlSeconds: 600 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toEqual({ sub: 'bo@rsyd.dk', iss: DEV_ISSUER, aud: DEV_AUDIENCE, scope: 'syddanmark:write', iat: expect.any(Number), exp: claims.iat! + 600 });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(decodeJwt(await signDevToken({ dir, region: 'nordjylland', subject: 'a' }))).toMatchObject({ exp: expect.any(Number), scope: 'nordjylland:write' });
    const hour = decodeJwt(await signDevToken({ dir, region: 'nordjylland', subject: 'a' }));
    expect(hour.exp! - hour.iat!).toBe(3600);
  });

  it.each([
    ['an empty subject', { subject: '' }, 'a token needs a subject'],
    ['a lifetime of 0', { ttlSeconds: 0 }, "a token's lifetime is a whole number of seconds, at least 1 (got 0)"],
    ['a fractional lifetime', { ttlSeconds: 1.5 }, "a token's lifetime is a whole number of seconds, at least 1 (got 1.5)"],
  ])('refuses %s', async (_name, request, message) => {
    await expect(signDevToken({ dir: tempDir(), region: 'nordjylland', subject: 'a', ...request })).rejects.toThrow(message);
  });
});

describe('devKeyDirectoryFromEnv', () => {
  isolateEnv(['HUB_DATA_DIR']);

  it('is HUB_DATA_DIR, or .data in the working directory', () => {
    expect(devKeyDirectoryFromEnv()).toBe(join(process.cwd(), '.data'));
    process.env.HUB_DATA_DIR = '/var/lib/hub';
    expect(devKeyDirectoryFromEnv()).toBe('/var/lib/hub');
  });
});
