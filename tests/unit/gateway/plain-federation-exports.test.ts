/**
 * gateway/plain-federation-exports.ts puts a plain-data copy of @apollo/federation-internals'
 * exports in the place of the package's accessors, before @apollo/gateway loads. Jest's
 * module registry honours the replacement as Node's cache does, so this file runs as the
 * gateway does: imported first, it gives the gateway the copy, and the gateway still plans
 * and answers: entity joins across two subgraphs, lists, aliases, fragments, skipped and
 * included fields, and a value a subgraph should not have returned (null for a non-null
 * field), reported with federation-internals' own error.
 */
import { plainExports, usePlainFederationExports } from '../../../gateway/plain-federation-exports';
import * as internals from '@apollo/federation-internals';
import { startPlacesGateway, type PlacesGateway } from '../../support/places-gateway';

let gateway: PlacesGateway;

describe('federation-internals as plain data', () => {
  beforeAll(async () => {
    gateway = await startPlacesGateway();
  });
  afterAll(() => gateway?.stop());

  const send = (query: string, variables: Record<string, unknown> = {}) => gateway.send(query, variables);

  it('copies every export, accessors read once, as a data property with the same value, and keeps the ES module mark', () => {
    const source = { __esModule: true };
    let reads = 0;
    Object.defineProperty(source, 'isThing', { enumerable: true, get: () => (reads++, internals.isNonNullType) });
    Object.defineProperty(source, 'NAME', { enumerable: true, get: () => '__typename' });
    const copy = plainExports(source) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(copy, 'isThing')).toEqual({ value: internals.isNonNullType, writable: true, enumerable: true, configurable: true });
    expect(copy.NAME).toBe('__typename');
    expect(copy.__esModule).toBe(true);
    copy.isThing;
    expect(reads).toBe(1);
  });

  it('is what loads the package after it: every export a data property, once', () => {
    const loaded = require('@apollo/federation-internals') as Record<string, unknown>;
    expect(Object.keys(loaded).length).toBeGreaterThan(200);
    for (const key of Object.keys(loaded)) expect(Object.getOwnPropertyDescriptor(loaded, key)).toHaveProperty('value');
    expect(loaded).toBe(internals);
    expect(usePlainFederationExports()).toBe(false);
  });

  it('lets the gateway plan and answer across two subgraphs', async () => {
    expect(await send('{ places { id name } }')).toEqual({ data: { places: [{ id: 'p1', name: 'Aalborg' }, { id: 'p2', name: 'Odense' }] } });
    expect(await send('{ places { ...P } } fragment P on Place { id ... on Place { visits { note } } }')).toEqual({
      data: { places: [{ id: 'p1', visits: [{ note: 'første' }, { note: null }] }, { id: 'p2', visits: [] }] },
    });
  });

  it('shapes the answer: aliases, __typename, @include and @skip by variables', async () => {
    const query = 'query Q($all: Boolean!) { places { __typename n: name visits { note @include(if: $all) count @skip(if: $all) } } }';
    expect(await send(query, { all: false })).toEqual({
      data: { places: [{ __typename: 'Place', n: 'Aalborg', visits: [{ count: 3 }, { count: 0 }] }, { __typename: 'Place', n: 'Odense', visits: [] }] },
    });
    expect(await send(query, { all: true })).toEqual({
      data: { places: [{ __typename: 'Place', n: 'Aalborg', visits: [{ note: 'første' }, { note: null }] }, { __typename: 'Place', n: 'Odense', visits: [] }] },
    });
  });

  it('nulls what a subgraph answered null for a non-null field, and says why', async () => {
    const result = await send('{ places { name visits { day } } }');
    expect(result.data).toEqual({ places: [{ name: 'Aalborg', visits: [{ day: '2024-01-02' }, { day: '2024-02-03' }] }, null] });
    expect(JSON.stringify(result)).toMatch(/Cannot return null for non-nullable field Visit\.day/);
  });
});
