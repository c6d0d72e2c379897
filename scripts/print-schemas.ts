/**
 * Prints each subgraph's SDL into schema/ and composes schema/supergraph.graphql.
 *   npm run schema:print            write the files
 *   npm run schema:print -- --check fail if a checked-in file differs (what CI and the tests check)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSdls, composeSupergraph } from '../tools/compose';
import { SCHEMA_DIR } from '../schema/files';

async function main() {
  const check = process.argv.includes('--check');
  const subgraphs = await buildSubgraphSdls();
  const files: Array<[string, string]> = subgraphs.map((s: { name: string; sdl: string }) => [`${s.name}.graphql`, s.sdl]);
  files.push(['supergraph.graphql', composeSupergraph(subgraphs)]);
  let stale = 0;
  for (const [file, content] of files) {
    const path = join(SCHEMA_DIR, file);
    let current: string | null = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = null;
    }
    if (current === content) continue;
    if (check) {
      stale++;
      console.error(`schema/${file} is stale: run npm run schema:print`);
    } else {
      writeFileSync(path, content);
      console.log(`wrote schema/${file}`);
    }
  }
  if (check && stale > 0) process.exit(1);
  if (check) console.log(`schema/ is up to date (${files.length} files)`);
}
main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
