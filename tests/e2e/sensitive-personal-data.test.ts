/**
 * A hub started with PUBLISH_SENSITIVE_PERSONAL_DATA=false: no answer to any operation the
 * project shows (README, sandbox, benchmark) nor to a query asking for every field that can
 * carry them holds a party letter or a named person's absence from an agenda item — in the
 * typed fields or in the records the history carries as JSON.
 */
import { gatewayExampleOperations } from '../support/example-operations';
import { post } from '../support/graphql';
import { startTestHub, type TestHub } from '../support/hub';

const REGIONS = ['nordjylland', 'syddanmark'];

/** Every field that carries party letters or absences, with the records' history: per cluster and in parts (the cost limit). */
const PARTS = [
  'people { memberships { party } history { before after } }',
  'people { memberships { history { before after } } }',
  'bodies { memberships { party person { name } } }',
  'meetings { attendance { party person { name } } agendaItems { absentees { name } } }',
  'meetings { history { before after } }',
];

/** Where a value breaks the switch: a party that is not null, absentees or `…PersonIds` that are not empty. */
function exposures(value: unknown, path = '$', found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => exposures(v, `${path}[${i}]`, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'party' && v !== null) found.push(`${path}.party = ${JSON.stringify(v)}`);
      else if ((key === 'absentees' || key.endsWith('PersonIds')) && Array.isArray(v) && v.length > 0) found.push(`${path}.${key} = ${JSON.stringify(v)}`);
      else exposures(v, `${path}.${key}`, found);
    }
  }
  return found;
}

/** How many `party` and `absentees` fields a value holds: the probe must actually ask for them. */
const countKeys = (value: unknown, keys: string[]): number =>
  Array.isArray(value)
    ? value.reduce((n: number, v) => n + countKeys(v, keys), 0)
    : value !== null && typeof value === 'object'
      ? Object.entries(value).reduce((n, [k, v]) => n + (keys.includes(k) ? 1 : 0) + countKeys(v, keys), 0)
      : 0;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub('sensitive', { env: { PUBLISH_SENSITIVE_PERSONAL_DATA: 'false' } });
}, 180_000);
afterAll(async () => {
  await hub?.close();
});

describe('PUBLISH_SENSITIVE_PERSONAL_DATA=false', () => {
  it('answers every field that carries party letters or absences with null or empty', async () => {
    const clusters = await post(hub.gatewayUrl, `{ ${REGIONS.map((slug) => `${slug}: ${slug}Clusters { id }`).join(' ')} }`);
    expect(clusters.errors).toBeUndefined();
    const probes = REGIONS.flatMap((slug) =>
      (clusters.data![slug] as Array<{ id: string }>).flatMap(({ id }) => PARTS.map((fields) => `{ ${slug}Cluster(id: "${id}") { ${fields} } }`)),
    );
    // One after another: each probe asks for a cluster's whole history, and many at once on a
    // busy two-core machine can outlast the gateway's subgraph timeout.
    const answers = [];
    for (const query of probes) answers.push(await post(hub.gatewayUrl, query));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    const data = answers.map((a) => a.data);
    expect(countKeys(data, ['party'])).toBeGreaterThan(50);
    expect(countKeys(data, ['absentees'])).toBeGreaterThan(10);
    // The history's records are there, their sensitive fields emptied (the documents give party letters and absences).
    expect(JSON.stringify(data)).toContain('"absentPersonIds":[]');
    expect(exposures(data)).toEqual([]);
  });

  it.each(gatewayExampleOperations().map((op) => [op.name, op] as const))('%s exposes none', async (_name, op) => {
    const res = await post(hub.gatewayUrl, op.query, op.variables);
    expect(res.errors).toBeUndefined();
    expect(res.data).toBeDefined();
    expect(exposures(res.data)).toEqual([]);
  });
});
