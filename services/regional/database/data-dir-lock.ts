/**
 * One process at a time in an embedded database's data directory. PGlite keeps the database
 * in ordinary files and takes no lock of its own: two subgraphs pointed at one directory
 * (the generic DATA_DIR set for both) would both write them and corrupt the database.
 *
 * The lock is a file in the directory holding the owner's pid. It comes into being whole
 * (written under a temporary name, then hard-linked to the lock's name: like an O_EXCL
 * create, the link fails when the name exists, and no reader ever sees the file empty).
 * A lock whose process is gone (killed, crashed) is taken over. The owner removes it when
 * the database stops, and at the latest when the process exits.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StartupError } from '../../../platform/startup-error';

export const LOCK_FILE = 'embedded-database.lock';

export class EmbeddedDatabaseInUseError extends StartupError {
  constructor(
    readonly directory: string,
    readonly pid: number,
  ) {
    super(`the embedded database in ${directory} is in use by process ${pid}`);
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

export interface DirectoryLock {
  /** Removes the lock if this process still holds it; safe to call more than once. */
  release(): void;
}

/** Locks this process holds, by path: a lock naming our own pid is ours only if listed here. */
const held = new Set<string>();

/** What a lock file holds; undefined when there is none (released meanwhile). */
function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** "1234\n" → 1234; anything that is not a positive whole number → undefined. */
export function parseLockPid(text: string): number | undefined {
  const trimmed = text.trim();
  return /^[1-9]\d*$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Whether the process a lock names still runs. Our own pid counts only for a lock this
 * process holds: in a container the subgraph often has the same pid (1) on every start,
 * so a lock left by the previous start names the present process.
 */
function isHeldByAnother(path: string, pid: number): boolean {
  if (pid === process.pid) return held.has(path);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const OUR_LOCK = `${process.pid}\n`;

/** A file with our pid under a name of our own, complete before anyone can see it under `path`. */
function writeCandidate(path: string): string {
  const candidate = `${path}.${process.pid}.tmp`;
  writeFileSync(candidate, OUR_LOCK);
  return candidate;
}

/** Creates `path` holding our pid; false when it exists. */
function createExclusively(path: string): boolean {
  const candidate = writeCandidate(path);
  try {
    linkSync(candidate, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(candidate);
  }
}

/** Removes `path` if it still holds `content` (a lock replaced meanwhile is someone else's). */
function removeIfHolding(path: string, content: string): void {
  if (readLock(path) !== content) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** How long a starter waits for another's takeover (which takes microseconds) before giving up. */
const TAKEOVER_WAIT_MS = 2_000;

/**
 * Replaces a stale lock that still holds `stale` with ours, atomically (rename). Two
 * processes that found the same stale lock must not both take it over, so the check and
 * the replacement happen under a second lock, the takeover guard, held without a pause.
 */
async function takeOver(directory: string, path: string, stale: string): Promise<boolean> {
  const guard = `${path}.takeover`;
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  while (!createExclusively(guard)) {
    const found = readLock(guard);
    if (found === undefined) continue;
    const pid = parseLockPid(found);
    if (pid === undefined || !isHeldByAnother(guard, pid)) {
      // Left by a process that died inside its takeover.
      removeIfHolding(guard, found);
    } else if (Date.now() > deadline) {
      throw new EmbeddedDatabaseInUseError(directory, pid);
    } else {
      await sleep(10);
    }
  }
  try {
    if (readLock(path) !== stale) return false;
    renameSync(writeCandidate(path), path);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the lock of the data directory `directory` (which must exist), or refuses with
 * EmbeddedDatabaseInUseError naming the process that holds it.
 */
export async function lockDataDirectory(directory: string): Promise<DirectoryLock> {
  const path = join(resolve(directory), LOCK_FILE);
  while (!createExclusively(path)) {
    const found = readLock(path);
    // Released between our attempt and the read: try again.
    if (found === undefined) continue;
    const pid = parseLockPid(found);
    if (pid !== undefined && isHeldByAnother(path, pid)) throw new EmbeddedDatabaseInUseError(directory, pid);
    if (await takeOver(directory, path, found)) break;
  }
  held.add(path);
  const release = () => {
    if (!held.delete(path)) return;
    process.off('exit', release);
    removeIfHolding(path, OUR_LOCK);
  };
  process.on('exit', release);
  return { release };
}
