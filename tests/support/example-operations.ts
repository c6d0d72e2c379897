/**
 * Every operation the project shows or measures: the README's ```graphql blocks, the
 * sandbox's tabs (gateway/sandbox/examples.ts) and the benchmark's queries
 * (scripts/bench-queries.ts). The operation limits must let all of them through.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultExamples } from '../../gateway/sandbox/examples';
import { BENCH_QUERIES } from '../../scripts/bench-queries';

export interface ExampleOperation {
  /** Where it comes from, for test names. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * The top-level operations of a block of GraphQL text that may hold several anonymous ones
 * side by side (as the README's blocks do): each `{ … }` at depth 0, with the `query …`
 * header and the `fragment`s that follow it. Comments and strings are skipped.
 */
export function splitOperations(text: string): string[] {
  const operations: string[] = [];
  let start = -1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (depth === 0 && start < 0 && !/\s|,/.test(c)) start = i;
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) {
      operations.push(text.slice(start, i + 1).trim());
      start = -1;
    }
  }
  return operations;
}

/** The operations of the README's ```graphql blocks. */
export function readmeOperations(readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8')): ExampleOperation[] {
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block, b) => splitOperations(block).map((query, i) => ({ name: `README block ${b + 1} operation ${i + 1}`, query })));
}

const isMutation = (op: ExampleOperation) => /^\s*mutation\b/m.test(op.query.replace(/^#.*$/gm, ''));

/** Every example operation of the README and the sandbox, reads and writes. */
function shownOperations(): ExampleOperation[] {
  return [...readmeOperations(), ...defaultExamples.map((e) => ({ name: `sandbox ${e.name}`, query: e.query, variables: e.variables }))];
}

/** The operations a dashboard sends to the gateway: reads, which need no token. */
export function gatewayExampleOperations(): ExampleOperation[] {
  return [...shownOperations().filter((op) => !isMutation(op)), ...BENCH_QUERIES.map((q) => ({ name: `bench ${q.name}`, query: q.gateway }))];
}

/** The example writes (mutations) of the README and the sandbox: they need a region's token. */
export function writeExampleOperations(): ExampleOperation[] {
  return shownOperations().filter(isMutation);
}

/** The benchmark's operations sent straight to the Nordjylland subgraph. */
export function directSubgraphOperations(): ExampleOperation[] {
  return BENCH_QUERIES.map((q) => ({ name: `bench direct ${q.name}`, query: q.direct }));
}
