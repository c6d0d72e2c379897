/**
 * `npm start`: the whole hub on this machine — every subgraph of the registry, the regions'
 * on embedded databases (unless <REGION>_DATABASE_URL points at PostgreSQL), and the
 * gateway on port 4000. Ctrl-C stops everything.
 */
import { envPort } from '../platform/config';
import { GATEWAY_DEFAULT_PORT, allSubgraphs } from '../schema/contract/registry';
import { startHub } from '../tools/hub';

async function main() {
  const subgraphs = allSubgraphs();
  console.log(`Starting the hub: the ${subgraphs.map((s) => s.name).join(', ')} subgraphs, then the gateway …`);
  const hub = await startHub({
    ports: {
      ...Object.fromEntries(subgraphs.map((s) => [s.name, envPort(`${s.name.toUpperCase()}_PORT`, s.defaultPort)])),
      gateway: envPort('GATEWAY_PORT', GATEWAY_DEFAULT_PORT),
    },
    log: (line) => console.error(line),
    // A crashed service is started again with backoff; the others keep serving meanwhile.
    supervise: { log: (message) => console.error(`[hub] ${message}`) },
  });
  console.log('');
  console.log(`  Gateway (one endpoint):  ${hub.gatewayUrl}`);
  console.log(`  Sandbox (in a browser):  ${hub.sandboxUrl}`);
  for (const { name } of subgraphs) {
    console.log(`  Subgraph ${name.padEnd(12)} ${hub.services[name].url}`);
  }
  console.log('\nPress Ctrl-C to stop.');

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await hub.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
