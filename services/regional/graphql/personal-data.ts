/**
 * What a regional subgraph leaves out when it may not publish sensitive personal data
 * (PUBLISH_SENSITIVE_PERSONAL_DATA=false, docs/PRIVACY.md): party letters, which state a
 * named person's political opinion (GDPR art. 9), and the absences of named people from
 * single agenda items. The same rule serves the typed fields (Attendance.party,
 * Membership.party, AgendaItem.absentees) and the records in the data files' format that
 * history entries and import reports carry as JSON.
 */
const isPersonIdList = (key: string) => key === 'personIds' || key.endsWith('PersonIds');

/**
 * The value with every `party` null and every `…PersonIds` list (an agenda item's
 * `absentPersonIds`) empty, at any depth; the value itself when there is nothing to hide.
 */
export function withoutSensitivePersonalData<T>(value: T): T {
  if (Array.isArray(value)) {
    const mapped = value.map((v) => withoutSensitivePersonalData(v));
    return (mapped.every((m, i) => m === value[i]) ? value : mapped) as T;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'party') out[key] = null;
    else if (isPersonIdList(key) && Array.isArray(v)) out[key] = v.length === 0 ? v : [];
    else out[key] = withoutSensitivePersonalData(v);
    if (out[key] !== v) changed = true;
  }
  return (changed ? out : value) as T;
}
