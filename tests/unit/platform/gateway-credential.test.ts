/** The gateway's signature on subgraph calls: made, checked in constant time, refused when wrong or stale; required in production. */
import { createHash } from 'node:crypto';
import {
  GATEWAY_SIGNATURE_HEADER,
  MIN_SECRET_LENGTH,
  SIGNATURE_TOLERANCE_SECONDS,
  gatewayCredentialCheck,
  signGatewayCall,
  subgraphSecretFromEnv,
  verifyGatewayCall,
} from '../../../platform/gateway-credential';
import { ConfigurationError } from '../../../platform/config';
import { FakeResponse, fakeRequest, run } from './fake-http';
import { isolateEnv } from '../../support/isolated-env';

const SECRET = 'a-secret-of-the-hub-that-is-long-enough-0123';
const BODY = '{"query":"{ regions { code } }","variables":{}}';
const NOW = 1_800_000_000_000;

describe('the gateway’s signature', () => {
  it('verifies a call signed with the secret, over exactly that body, within the tolerance', () => {
    const header = signGatewayCall(SECRET, BODY, NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(header).not.toContain(SECRET);
    expect(verifyGatewayCall(SECRET, header, Buffer.from(BODY), NOW)).toBe(true);
    expect(verifyGatewayCall(SECRET, header, Buffer.from(BODY), NOW + SIGNATURE_TOLERANCE_SECONDS * 1000)).toBe(true);
  });

  it.each([
    ['no header', undefined, BODY, NOW],
    ['a header twice', [signGatewayCall(SECRET, BODY, NOW), signGatewayCall(SECRET, BODY, NOW)], BODY, NOW],
    ['the secret itself', SECRET, BODY, NOW],
    ['another secret’s signature', signGatewayCall(`${SECRET}x`, BODY, NOW), BODY, NOW],
    ['a signature of another body', signGatewayCall(SECRET, '{"query":"{ clusters { id } }"}', NOW), BODY, NOW],
    ['a stale signature (replayed later)', signGatewayCall(SECRET, BODY, NOW - (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000), BODY, NOW],
    ['a signature from the future', signGatewayCall(SECRET, BODY, NOW + (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000), BODY, NOW],
    ['a truncated signature', signGatewayCall(SECRET, BODY, NOW).slice(0, -2), BODY, NOW],
    ['a plain hash of the body', `t=${NOW / 1000},v1=${createHash('sha256').update(BODY).digest('hex')}`, BODY, NOW],
  ])('refuses %s', (_name, header, body, now) => {
    expect(verifyGatewayCall(SECRET, header as string | string[] | undefined, Buffer.from(body), now)).toBe(false);
  });

  it('answers an unsigned call 401 UNAUTHENTICATED without passing it on, and passes a signed one', () => {
    const { keepRawBody, check } = gatewayCredentialCheck(SECRET, () => NOW);
    const unsigned = fakeRequest({ body: JSON.parse(BODY) });
    keepRawBody(unsigned as never, undefined, Buffer.from(BODY));
    const fake = new FakeResponse() as FakeResponse & { json(body: unknown): FakeResponse };
    fake.json = (body: unknown) => fake.end(JSON.stringify(body));
    const refused = run(check, unsigned, undefined, fake);
    expect(refused.passedOn).toBe(false);
    expect(refused.res.statusCode).toBe(401);
    expect(JSON.parse(refused.res.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.res.text).not.toContain(SECRET);

    const signed = fakeRequest({ body: JSON.parse(BODY), headers: { [GATEWAY_SIGNATURE_HEADER]: signGatewayCall(SECRET, BODY, NOW) } });
    keepRawBody(signed as never, undefined, Buffer.from(BODY));
    expect(run(check, signed).passedOn).toBe(true);
  });
});

describe('SUBGRAPH_SECRET', () => {
  const NAMES = ['SUBGRAPH_SECRET', 'ALLOW_UNAUTHENTICATED_SUBGRAPH', 'NODE_ENV'];
  isolateEnv(NAMES);

  it('is optional outside production, and read when set', () => {
    expect(subgraphSecretFromEnv()).toBeUndefined();
    process.env.SUBGRAPH_SECRET = SECRET;
    expect(subgraphSecretFromEnv()).toBe(SECRET);
  });

  it(`is refused when shorter than ${MIN_SECRET_LENGTH} characters, without repeating it`, () => {
    process.env.SUBGRAPH_SECRET = 'short-secret';
    expect(() => subgraphSecretFromEnv()).toThrow(ConfigurationError);
    expect(() => subgraphSecretFromEnv()).not.toThrow(/short-secret/);
  });

  it('is required in production, unless ALLOW_UNAUTHENTICATED_SUBGRAPH=true says so explicitly', () => {
    process.env.NODE_ENV = 'production';
    expect(() => subgraphSecretFromEnv()).toThrow(/SUBGRAPH_SECRET is required with NODE_ENV=production/);
    process.env.ALLOW_UNAUTHENTICATED_SUBGRAPH = 'false';
    expect(() => subgraphSecretFromEnv()).toThrow(ConfigurationError);
    process.env.ALLOW_UNAUTHENTICATED_SUBGRAPH = 'true';
    expect(subgraphSecretFromEnv()).toBeUndefined();
  });
});
