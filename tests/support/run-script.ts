/** Runs a script of the repository in a process of its own, as `npm run …` would, with the test's environment added. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ScriptOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `script` relative to the repository root; a variable set to undefined is left out of the child's environment. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ScriptOutcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', join(ROOT, 'tools', 'register.js'), join(ROOT, script), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
