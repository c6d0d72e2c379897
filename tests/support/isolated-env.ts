/**
 * For suites that read configuration from process.env: the named variables are unset before
 * each test and restored after it, so a test sets only what it means and leaks nothing.
 * Call inside a describe (or at the top of a file).
 */
export function isolateEnv(names: readonly string[]): void {
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    for (const n of names) delete process.env[n];
  });
  afterEach(() => {
    for (const [n, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  });
}
