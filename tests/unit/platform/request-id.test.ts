/** The request-id middleware every service runs before anything answers. */
import { REQUEST_ID_HEADER, assignRequestId, requestIdFrom, requestIdOf } from '../../../platform/request-id';
import { FakeResponse, fakeRequest, run } from './fake-http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function assign(header?: string) {
  const { res, passedOn } = run(assignRequestId(), fakeRequest({ headers: header === undefined ? {} : { [REQUEST_ID_HEADER]: header } }));
  expect(passedOn).toBe(true);
  return res;
}

describe('request ids', () => {
  it.each(['dashboard-req-4711', 'a', 'trace:01HZ.abc_DEF-9', 'x'.repeat(128), '7f1d8a2e-4c1b-4e7a-9a43-0f6b2d1c5e88'])('accepts the sane id %s, echoes it and keeps it for later middleware', (id) => {
    const res = assign(id);
    expect(res.getHeader(REQUEST_ID_HEADER)).toBe(id);
    expect(res.locals.requestId).toBe(id);
    expect(requestIdOf(res)).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with a space', 'a b'],
    ['with a line break (header injection)', 'a\r\nset-cookie: x'],
    ['with quotes and markup', '"><script>'],
    ['with a slash', '../etc'],
    ['non-ASCII', 'rådhus'],
  ])('replaces an id that is %s with a new UUID', (_name, id) => {
    const res = assign(id);
    const chosen = res.getHeader(REQUEST_ID_HEADER);
    expect(chosen).toMatch(UUID);
    expect(requestIdOf(res)).toBe(chosen);
  });

  it('takes the first of repeated headers, and gives every request a different new id', () => {
    expect(requestIdFrom(['first-id', 'second-id'])).toBe('first-id');
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it('gives a response the middleware did not see an id of its own, and keeps it', () => {
    const res = new FakeResponse();
    const id = requestIdOf(res);
    expect(id).toMatch(UUID);
    expect(requestIdOf(res)).toBe(id);
  });
});
