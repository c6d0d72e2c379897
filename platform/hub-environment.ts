/**
 * A service started by the hub (tools/hub.ts) before everything it needs is known: the
 * gateway is spawned while the subgraphs are still opening their databases, so that it loads
 * its modules meanwhile, and learns the subgraphs' URLs over IPC once they serve. With
 * HUB_SENDS_ENVIRONMENT=1 the process waits for the parent's `{ type: 'environment', env }`
 * message and adds those variables to process.env before its configuration is read.
 * Started any other way (npm run start:gateway, a container), nothing waits.
 */

export const HUB_SENDS_ENVIRONMENT = 'HUB_SENDS_ENVIRONMENT';

export interface EnvironmentMessage {
  type: 'environment';
  env: Record<string, string>;
}

/** Resolves once the parent's environment has been applied (at once when none is awaited). */
export function awaitHubEnvironment(): Promise<void> {
  if (process.env[HUB_SENDS_ENVIRONMENT] !== '1' || !process.send) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onMessage = (message: Partial<EnvironmentMessage>) => {
      if (message?.type !== 'environment' || !message.env) return;
      process.off('message', onMessage);
      process.off('disconnect', onDisconnect);
      Object.assign(process.env, message.env);
      delete process.env[HUB_SENDS_ENVIRONMENT];
      resolve();
    };
    // A parent that went away will never send it: fail rather than wait for ever.
    const onDisconnect = () => {
      process.off('message', onMessage);
      reject(new Error('the hub that started this process went away before sending its environment'));
    };
    process.on('message', onMessage);
    process.once('disconnect', onDisconnect);
  });
}
