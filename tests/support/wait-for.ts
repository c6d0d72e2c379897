/**
 * Waits for a condition instead of sleeping a fixed time: polls `condition` every
 * `intervalMs` until it returns a truthy value (which waitFor resolves with) or
 * `timeoutMs` has passed (then it rejects, naming what it waited for). A condition that
 * throws is treated as not yet met; its last error is in the timeout message.
 */
export interface WaitForOptions {
  /** How long to wait at most; default 5 000 ms. */
  timeoutMs?: number;
  /** How often to check; default 20 ms. */
  intervalMs?: number;
  /** What is waited for, for the timeout message. */
  description?: string;
}

export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 5_000, intervalMs = 20, description = 'the condition' }: WaitForOptions = {},
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waited ${timeoutMs} ms for ${description}, in vain${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}
