/** The supervisor's restart policy, on fake processes and a fake clock. */
import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { supervise, type ServiceProcess } from '../../tools/supervise';

function fakeProcess(name = 'nordjylland'): ServiceProcess & { crash(): void } {
  const child = new EventEmitter() as unknown as ChildProcess;
  return {
    name,
    url: 'http://127.0.0.1:4001/graphql',
    child,
    stop: jest.fn(async () => 0),
    crash: () => child.emit('exit', null, 'SIGKILL'),
  };
}

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

describe('supervise', () => {
  it('starts a crashed service again, doubling the delay after quick failures', async () => {
    const log: string[] = [];
    const first = fakeProcess();
    const next = [fakeProcess(), fakeProcess()];
    const start = jest.fn(async () => next.shift()!);
    const supervisor = supervise(first, start, { log: (m) => log.push(m), minDelayMs: 500, stableMs: 60_000 });

    first.crash();
    expect(log[0]).toBe('nordjylland exited unexpectedly (SIGKILL); starting it again in 500 ms');
    await jest.advanceTimersByTimeAsync(499);
    expect(start).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(start).toHaveBeenCalledTimes(1);
    expect(supervisor.restarts()).toBe(1);

    // It crashes again at once: the next delay is twice as long.
    const second = supervisor.current() as ReturnType<typeof fakeProcess>;
    second.crash();
    expect(log.at(-1)).toBe('nordjylland exited unexpectedly (SIGKILL); starting it again in 1000 ms');
    await jest.advanceTimersByTimeAsync(1000);
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('goes back to the shortest delay after a run that lasted', async () => {
    const log: string[] = [];
    const first = fakeProcess();
    const second = fakeProcess();
    const supervisor = supervise(first, async () => second, { log: (m) => log.push(m), minDelayMs: 500, stableMs: 60_000 });
    first.crash();
    await jest.advanceTimersByTimeAsync(500);
    expect(supervisor.current()).toBe(second);
    await jest.advanceTimersByTimeAsync(60_000);
    second.crash();
    expect(log.at(-1)).toMatch(/starting it again in 500 ms$/);
  });

  it('keeps trying when a start fails, and never past the longest delay', async () => {
    const log: string[] = [];
    const first = fakeProcess();
    const start = jest.fn(async (): Promise<ServiceProcess> => {
      throw new Error('cannot reach PostgreSQL at db:5432\nstack');
    });
    supervise(first, start, { log: (m) => log.push(m), minDelayMs: 500, maxDelayMs: 2_000 });
    first.crash();
    await jest.advanceTimersByTimeAsync(500 + 1_000 + 2_000 + 2_000);
    expect(start).toHaveBeenCalledTimes(4);
    expect(log.slice(1)).toEqual([
      'nordjylland did not start: cannot reach PostgreSQL at db:5432; trying again in 1000 ms',
      'nordjylland did not start: cannot reach PostgreSQL at db:5432; trying again in 2000 ms',
      'nordjylland did not start: cannot reach PostgreSQL at db:5432; trying again in 2000 ms',
      'nordjylland did not start: cannot reach PostgreSQL at db:5432; trying again in 2000 ms',
    ]);
  });

  it('does not restart what it was asked to stop', async () => {
    const first = fakeProcess();
    const start = jest.fn(async () => fakeProcess());
    const supervisor = supervise(first, start, { log: () => {} });
    await supervisor.stop();
    expect(first.stop).toHaveBeenCalled();
    first.crash();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(start).not.toHaveBeenCalled();
  });
});
