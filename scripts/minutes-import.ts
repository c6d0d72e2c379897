/**
 * Imports a set of minutes (referat) as a draft data set in the repository's file format:
 *   npm run minutes:import -- <file.txt|.pdf|.docx> --cluster <cluster-id> [--out draft.json] [--publish]
 * Without --out it prints a summary: records per type and the lines it could not place.
 * --out writes the draft (pretty JSON, UTF-8). --publish sends it through the gateway's
 * publish mutation (`<region>PublishDataSet`) at HUB_URL (default the local gateway) with the
 * write token in HUB_TOKEN (`npm run -s token -- <region>`).
 * A refused file, a missing token or an error of the gateway: one line on stderr, exit code 1,
 * nothing written and nothing published (the draft is complete before anything leaves).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GATEWAY_DEFAULT_PORT } from '../schema/contract/registry';
import { importMinutesFile, MinutesRefusedError, type MinutesImport } from '../services/regional/minutes/import-minutes';
import { regionOfCluster } from '../services/regional/minutes/region-records';

const usage = 'usage: npm run minutes:import -- <file.txt|.pdf|.docx> --cluster <cluster-id> [--out draft.json] [--publish]';

function fail(message: string, code = 1): never {
  console.error(message.replace(/\s*\n\s*/g, ' '));
  process.exit(code);
}

function parse(argv: string[]): { file: string; cluster: string; out: string | null; publish: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { cluster: { type: 'string' }, out: { type: 'string' }, publish: { type: 'boolean' } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`, 2);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || !values.cluster) fail(usage, 2);
  return { file: positionals[0], cluster: values.cluster, out: values.out ?? null, publish: values.publish === true };
}

function summary(result: MinutesImport): string {
  const data = result.dataSet;
  const meeting = data.meetings[0];
  const lines = [
    `${data.document}: ${result.layout} layout, meeting ${meeting.id} (${meeting.date}${meeting.startsAt ? ` ${meeting.startsAt.slice(11, 16)}` : ''})`,
    `  bodies ${data.bodies.length}, people ${data.people.length}, memberships ${data.memberships.length}, meetings ${data.meetings.length}`,
    `  attendance ${meeting.attendance.length}, agenda items ${meeting.agendaItems.length}, proposals ${meeting.agendaItems.reduce((n, i) => n + i.recommendations.length, 0)}, ` +
      `decisions ${meeting.agendaItems.filter((i) => i.decision !== null).length}, attachments ${meeting.agendaItems.reduce((n, i) => n + i.attachments.length, 0)}`,
    `  not placed: ${result.unplaced.length}`,
    ...result.unplaced.map((u) => `    line ${u.line}: ${u.text} (${u.reason})`),
  ];
  return lines.join('\n');
}

/** Sends the draft through the gateway's publish mutation; the report's one line, or throws with one. */
async function publish(result: MinutesImport, cluster: string): Promise<string> {
  const token = process.env.HUB_TOKEN;
  if (!token) throw new Error('HUB_TOKEN is not set: a write token is needed to publish (npm run -s token -- <region>)');
  const region = regionOfCluster(cluster)!;
  const url = process.env.HUB_URL || `http://127.0.0.1:${GATEWAY_DEFAULT_PORT}/graphql`;
  const query = `mutation Publish($dataSet: JSON!) { ${region}PublishDataSet(dataSet: $dataSet) { document created updated unchanged withdrawn conflicts { __typename } } }`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { dataSet: result.dataSet } }),
    });
  } catch (error) {
    throw new Error(`cannot reach the gateway at ${url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  }
  const text = await response.text();
  let body: { data?: Record<string, { document: string; created: number; updated: number; unchanged: number; withdrawn: number; conflicts: unknown[] } | null>; errors?: Array<{ message: string }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`the gateway at ${url} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length) throw new Error(`publishing refused: ${body.errors.map((e) => e.message).join('; ')}`);
  if (!response.ok) throw new Error(`the gateway at ${url} answered HTTP ${response.status}`);
  const report = body.data?.[`${region}PublishDataSet`];
  if (!report) throw new Error(`the gateway at ${url} answered without a publish report`);
  return `published ${report.document}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.withdrawn} withdrawn, ${report.conflicts.length} conflicts`;
}

async function main() {
  const args = parse(process.argv.slice(2));
  if (regionOfCluster(args.cluster) === null) fail(`unknown cluster "${args.cluster}": a cluster id starts with its region (e.g. nordjylland-syd)`, 2);
  let result: MinutesImport;
  try {
    result = await importMinutesFile(args.file, { clusterId: args.cluster });
  } catch (error) {
    if (error instanceof MinutesRefusedError) fail(`${args.file}: refused: ${error.message}`);
    throw error;
  }
  if (args.publish && !process.env.HUB_TOKEN) fail('HUB_TOKEN is not set: a write token is needed to publish (npm run -s token -- <region>)');
  if (args.out) {
    writeFileSync(args.out, `${JSON.stringify(result.dataSet, null, 2)}\n`, 'utf8');
    console.log(`${args.out}: draft of ${result.dataSet.document} written (${result.dataSet.meetings[0].agendaItems.length} agenda items, ${result.unplaced.length} lines not placed)`);
  } else {
    console.log(summary(result));
  }
  if (args.publish) {
    try {
      console.log(await publish(result, args.cluster));
    } catch (error) {
      fail((error as Error).message);
    }
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
