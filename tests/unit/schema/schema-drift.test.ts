/**
 * The checked-in SDL of each subgraph and the composed supergraph must be what the code
 * builds today: a schema change that was not printed and composed fails here, before it
 * reaches a gateway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSdls, composeSupergraph, type SubgraphSdl } from '../../../tools/compose';
import { SCHEMA_DIR } from '../../../schema/files';

let subgraphs: SubgraphSdl[];
beforeAll(async () => {
  subgraphs = await buildSubgraphSdls();
});

const checkedIn = (file: string) => readFileSync(join(SCHEMA_DIR, file), 'utf8');
const fix = 'run `npm run schema:print` and commit schema/';

describe('schema/', () => {
  it.each(['nordjylland', 'syddanmark', 'councils'])('holds the current SDL of the %s subgraph', (name) => {
    const built = subgraphs.find((s) => s.name === name)!.sdl;
    if (built !== checkedIn(`${name}.graphql`)) throw new Error(`schema/${name}.graphql is stale: ${fix}`);
  });

  it('holds a supergraph that composes without errors and is current', () => {
    const composed = composeSupergraph(subgraphs);
    if (composed !== checkedIn('supergraph.graphql')) throw new Error(`schema/supergraph.graphql is stale: ${fix}`);
  });

  it('fails composition when two subgraphs disagree', () => {
    // A regional subgraph that redefines a councils-owned root field must not compose silently.
    const broken = subgraphs.map((s) =>
      s.name === 'nordjylland' ? { ...s, sdl: `${s.sdl}\nextend type Query { healthCouncils: [String!]! }\n` } : s,
    );
    expect(() => composeSupergraph(broken)).toThrow(/composition failed/);
  });

  it('describes every type and field (Danish terms explained in English)', () => {
    const missing: string[] = [];
    for (const { name, sdl } of subgraphs) {
      const lines = sdl.split('\n');
      let current: string | null = null;
      lines.forEach((line, i) => {
        const previous = lines[i - 1]?.trim() ?? '';
        const described = previous.endsWith('"""') || previous.startsWith('"');
        const type = /^(type|interface|enum|scalar|input) (\w+)/.exec(line);
        if (type) {
          current = type[2];
          if (current !== 'Query' && current !== 'Mutation' && !described) missing.push(`${name}: ${type[1]} ${current}`);
          return;
        }
        if (/^schema|^extend schema/.test(line)) current = null;
        const field = /^ {2}(\w+)(\(|:)/.exec(line);
        if (current && field && !described) missing.push(`${name}: ${current}.${field[1]}`);
      });
    }
    expect(missing).toEqual([]);
  });
});
