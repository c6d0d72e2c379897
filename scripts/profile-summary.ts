/**
 * `node -r ./tools/register.js scripts/profile-summary.ts FILE.cpuprofile [SKIP_SECONDS] [TOP]`:
 * the functions with the most self time in a V8 CPU profile (`node --cpu-prof`), and the
 * same summed per package (or file of this project), as Markdown tables. SKIP_SECONDS leaves
 * out the profile's first seconds (start-up and warm-up), so the figures are of the load.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package> (with its scope), a file of this project, or V8's own entries as they are. */
function owner(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return 'node (built-in)';
  if (!url) return '(V8, native)';
  return url.replace(/^file:\/\//, '').replace(/^.*?\/(gateway|services|platform|schema|tools|scripts)\//, '$1/');
}

function main() {
  const [file, skip = '0', top = '25'] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [SKIP_SECONDS] [TOP]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const perFunction = new Map<string, number>();
  const perOwner = new Map<string, number>();
  let elapsed = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsed += delta;
    if (elapsed < Number(skip) * 1e6) continue;
    const node = byId.get(profile.samples[i])!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    const key = `${functionName || '(anonymous)'} | ${owner(url)}${url ? `:${lineNumber + 1}` : ''}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + delta);
    perOwner.set(owner(url), (perOwner.get(owner(url)) ?? 0) + delta);
    total += delta;
  }
  const table = (title: string, rows: Map<string, number>) => {
    console.log(`\n| ${title} | self ms | % of busy time |\n|---|---:|---:|`);
    for (const [key, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
      console.log(`| ${key.replace(/\|/g, '·')} | ${(us / 1000).toFixed(0)} | ${((us / total) * 100).toFixed(1)} |`);
    }
  };
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy (idle left out) after the first ${skip} s`);
  table('function · where', perFunction);
  table('package or file', perOwner);
}

main();
