/**
 * The entry point of every regional subgraph: `node services/regional/main.ts <region>`,
 * e.g. `npm run start:nordjylland`. The region is a slug or code of the registry.
 */
import 'reflect-metadata';
import { allRegions } from '../../schema/contract';
import { regionalSubgraph } from './definition';
import { runRegionalService } from './service';

const region = process.argv[2];
if (!region || !allRegions().some((r) => r.slug === region || r.code === region)) {
  console.error(`usage: node services/regional/main.ts <${allRegions().map((r) => r.slug).join('|')}>`);
  process.exit(2);
}
void runRegionalService(regionalSubgraph(region));
