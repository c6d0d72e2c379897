import { waitFor } from '../../support/wait-for';

describe('waitFor', () => {
  it('resolves with the first truthy value of the condition', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { intervalMs: 1 })).resolves.toBe('after 3');
  });

  it('awaits asynchronous conditions', async () => {
    let calls = 0;
    await expect(waitFor(async () => ++calls === 2 && { calls }, { intervalMs: 1 })).resolves.toEqual({ calls: 2 });
  });

  it('treats a throwing condition as not met yet', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        if (++calls < 3) throw new Error('not yet');
        return calls;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
  });

  it('rejects after the timeout, naming what it waited for and the last error', async () => {
    await expect(waitFor(() => false, { timeoutMs: 30, intervalMs: 5, description: 'a log line' })).rejects.toThrow('waited 30 ms for a log line, in vain');
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/in vain \(last error: connection refused\)/);
  });
});
