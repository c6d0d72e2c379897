/**
 * Where a person occurs in a record in the data files' format, found generically so that a
 * reference added to the format later is covered without a change here: a field `personId`
 * (a membership's, an attendance entry's, a presenter's) or a field whose name ends in
 * `PersonId`, and an array of ids whose name ends in `PersonIds` (an agenda item's
 * `absentPersonIds`). Used by the removal of a person (remove-person.ts) and by imports,
 * which drop removed people (import-document.ts).
 */
import { createHash } from 'node:crypto';

const isIdField = (key: string) => key === 'personId' || key.endsWith('PersonId');
const isIdList = (key: string) => key === 'personIds' || key.endsWith('PersonIds');

/** What replaces a removed person's name in free text (a decision naming who sent apologies). */
export const REMOVED_NAME = '[navn fjernet]';

/**
 * The hash a removed person is known by afterwards (suppression list, history): SHA-256 of
 * the id. Ids are made from names, so this hides the name from a casual reader of the table,
 * not from someone who guesses the name.
 */
export function personHash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Every person id a value references (not a person record's own `id`). */
export function personIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) personIdsIn(v, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (isIdField(key) && typeof v === 'string') {
        found.add(v);
      } else if (isIdList(key) && Array.isArray(v)) {
        for (const id of v) if (typeof id === 'string') found.add(id);
      } else {
        personIdsIn(v, found);
      }
    }
  }
  return found;
}

/** Whether `value` is an object that stands for the person (its `personId` is theirs): it goes as a whole. */
function standsFor(value: unknown, ids: ReadonlySet<string>): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const own = (value as Record<string, unknown>).personId;
  return typeof own === 'string' && ids.has(own);
}

export interface PersonToRemove {
  id: string;
  /** The name as written; its occurrences in free text are replaced by REMOVED_NAME. Null: ids only. */
  name: string | null;
}

/**
 * The value without the people: an object standing for one of them (`personId`) is dropped
 * from its array, or becomes null outside one; their ids leave `…PersonIds` arrays; a
 * `…PersonId` field naming one becomes null; their names in text become REMOVED_NAME.
 * Returns the value itself (same reference) when nothing changed, so callers can tell.
 */
export function withoutPeople<T>(value: T, people: readonly PersonToRemove[]): T {
  const ids = new Set(people.map((p) => p.id));
  const names = people.map((p) => p.name).filter((n): n is string => n !== null && n.trim() !== '');
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string') {
      if (key !== null && isIdField(key)) return ids.has(v) ? null : v;
      return names.reduce((text, name) => text.split(name).join(REMOVED_NAME), v);
    }
    if (Array.isArray(v)) {
      const kept = key !== null && isIdList(key) ? v.filter((id) => !(typeof id === 'string' && ids.has(id))) : v.filter((item) => !standsFor(item, ids));
      const mapped = kept.map((item) => walk(item, null));
      return kept.length === v.length && mapped.every((m, i) => m === v[i]) ? v : mapped;
    }
    if (v !== null && typeof v === 'object') {
      if (standsFor(v, ids)) return null;
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        out[k] = walk(item, k);
        if (out[k] !== item) changed = true;
      }
      return changed ? out : v;
    }
    return v;
  };
  return walk(value, null) as T;
}
