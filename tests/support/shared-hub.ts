/**
 * One hub for every end-to-end suite that only reads through it (the "e2e" project of
 * jest.config.js): its globalSetup starts the hub once per run, on databases of its own,
 * and hands the URLs to the test workers through the environment; its globalTeardown
 * stops the hub and drops the databases. Suites that kill, slow down or reconfigure
 * processes start their own (tests/support/hub.ts, tools/hub.ts).
 */
import { startTestHub, type TestHub } from './hub';

const GATEWAY_URL = 'SHARED_HUB_GATEWAY_URL';
const SANDBOX_URL = 'SHARED_HUB_SANDBOX_URL';

export interface SharedHub {
  gatewayUrl: string;
  sandboxUrl: string;
}

/** The shared hub's URLs, in a suite of the "e2e" project. */
export function sharedHub(): SharedHub {
  const gatewayUrl = process.env[GATEWAY_URL];
  const sandboxUrl = process.env[SANDBOX_URL];
  if (!gatewayUrl || !sandboxUrl) {
    throw new Error(`${GATEWAY_URL} is not set: this suite runs on the shared hub, which the "e2e" project of jest.config.js starts (tests/support/shared-hub.setup.ts)`);
  }
  return { gatewayUrl, sandboxUrl };
}

const HANDLE = Symbol.for('sundhedsklynger.sharedHub');
type WithHandle = typeof globalThis & { [HANDLE]?: TestHub };

/** globalSetup: runs in Jest's main process, before any worker starts, so the workers inherit the variables. */
export async function startSharedHub(): Promise<void> {
  const hub = await startTestHub('shared');
  (globalThis as WithHandle)[HANDLE] = hub;
  process.env[GATEWAY_URL] = hub.gatewayUrl;
  process.env[SANDBOX_URL] = hub.sandboxUrl;
}

/** globalTeardown: the same process as globalSetup. */
export async function stopSharedHub(): Promise<void> {
  const hub = (globalThis as WithHandle)[HANDLE];
  delete (globalThis as WithHandle)[HANDLE];
  delete process.env[GATEWAY_URL];
  delete process.env[SANDBOX_URL];
  await hub?.close();
}
