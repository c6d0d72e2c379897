/** Apollo's cache of parsed operations, bounded by the source text each parsed document keeps. */
import { parse } from 'graphql';
import { boundedDocumentStore, documentSize } from '../../../platform/document-store';

describe('the parsed-operation cache', () => {
  it('counts the source text a document keeps, comments included', () => {
    const padded = parse(`# ${'x'.repeat(95_000)}\n{ regions { code } }`);
    const plain = parse('{ regions { code } }');
    expect(documentSize(padded)).toBeGreaterThan(95_000);
    expect(documentSize(padded) - documentSize(plain)).toBeGreaterThanOrEqual(95_000);
  });

  it('holds no more than its bound, however many distinct padded operations arrive', async () => {
    const maxBytes = 1024 * 1024;
    const store = boundedDocumentStore(maxBytes);
    for (let n = 0; n < 50; n++) await store.set(`k${n}`, parse(`# ${n} ${'x'.repeat(95_000)}\n{ regions { code } }`));
    expect(store.held().bytes).toBeLessThanOrEqual(maxBytes);
    expect(store.held().entries).toBe(10);
    expect(await store.get('k49')).toBeDefined();
    expect(await store.get('k0')).toBeUndefined();
  });
});
