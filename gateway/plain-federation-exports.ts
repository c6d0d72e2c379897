/**
 * @apollo/federation-internals re-exports its 300-odd functions and classes from its index
 * the way TypeScript compiles `export * from …`: each one an accessor (`get: () => m[k]`,
 * neither writable nor configurable). @apollo/gateway reads them through that index on every
 * use, e.g. `(0, federation_internals_1.assert)(…)` and `isNonNullType`, `isListType`,
 * `typenameFieldName` for every value of every answer it shapes (resultShaping.js): in a
 * CPU profile of the gateway under the benchmark's 160 KB meeting timeline, the accessor
 * alone was 9 to 10 % of the gateway's CPU time.
 *
 * So before @apollo/gateway is loaded, this module loads federation-internals and puts a
 * plain-data copy of its exports (the same functions, classes and values) in their place in
 * the module cache, which every later `require('@apollo/federation-internals')` then gets:
 * the gateway's, the query planner's, the hub's own. That is safe because the package never
 * changes an export after it has loaded (each module assigns its exports once, at load time;
 * an enum's object is filled in place), so a copy made after loading holds what the
 * accessors would return. Two of its own modules (precompute.js,
 * extractSubgraphsFromSupergraph.js) load the index while it loads and keep the original
 * object: they go on working through its accessors, as before.
 *
 * Import it before anything that imports @apollo/gateway (gateway/main.ts and
 * gateway/service.ts do, first); imported later, it still serves whatever loads after it.
 */
const FEDERATION_INTERNALS = '@apollo/federation-internals';

/** A plain object with the same own enumerable exports as `exports`, read once, and its `__esModule` mark. */
export function plainExports<T extends object>(exports: T): T {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(exports)) copy[key] = (exports as Record<string, unknown>)[key];
  Object.defineProperty(copy, '__esModule', { value: true });
  return copy as T;
}

/** Replaces federation-internals' exports in the module cache by their plain copy; false when there is nothing to replace (done already). */
export function usePlainFederationExports(): boolean {
  const loaded = require(FEDERATION_INTERNALS) as Record<string, unknown>;
  const cached = require.cache[require.resolve(FEDERATION_INTERNALS)];
  const accessors = Object.keys(loaded).some((key) => Object.getOwnPropertyDescriptor(loaded, key)?.get !== undefined);
  if (!cached || cached.exports !== loaded || !accessors) return false;
  cached.exports = plainExports(loaded);
  return true;
}

usePlainFederationExports();
