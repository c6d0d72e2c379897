/**
 * `npm start`: the whole hub on this machine — three subgraphs on embedded databases
 * (unless NORDJYLLAND_DATABASE_URL / SYDDANMARK_DATABASE_URL point at PostgreSQL) and the
 * gateway on port 4000. Ctrl-C stops everything.
 */
import { envPort } from '../services/shared/config';
import { startHub } from '../tools/hub';

async function main() {
  console.log('Starting the hub: nordjylland, syddanmark and councils subgraphs, then the gateway …');
  const hub = await startHub({
    ports: {
      nordjylland: envPort('NORDJYLLAND_PORT', 4001),
      syddanmark: envPort('SYDDANMARK_PORT', 4002),
      councils: envPort('COUNCILS_PORT', 4003),
      gateway: envPort('GATEWAY_PORT', 4000),
    },
    log: (line) => console.error(line),
  });
  console.log('');
  console.log(`  Gateway (one endpoint):  ${hub.gatewayUrl}`);
  console.log(`  Sandbox (in a browser):  ${hub.sandboxUrl}`);
  for (const name of ['nordjylland', 'syddanmark', 'councils'] as const) {
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
  for (const service of Object.values(hub.services)) {
    service.child.once('exit', (code) => {
      if (stopping) return;
      console.error(`${service.name} exited unexpectedly (code ${code}); stopping the hub`);
      void stop(1);
    });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
