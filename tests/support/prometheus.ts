/**
 * Reading a service's GET /metrics in tests: the text is parsed by
 * parse-prometheus-text-format (a parser of Prometheus' text exposition format; the hub
 * itself only writes the format, with prom-client, so the test reads it with a parser of
 * its own rather than trusting the writer), and samples are looked up by name and labels.
 *
 * Why this parser: it is the one npm package that parses the text format (no Prometheus
 * client for JavaScript reads it; Prometheus' own parser is Go). It is unmaintained since
 * 2020 and reads counters and gauges fully, but of a histogram with labels it keeps only the
 * buckets of one series, without labels, count or sum: tests read histograms for their type
 * and buckets only, and counts from counters.
 */
// The package ships no types: its one export, typed here for what the tests read.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheusTextFormat = require('parse-prometheus-text-format') as (text: string) => MetricFamily[];

export interface MetricFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: Array<{ labels?: Record<string, string>; value?: string; count?: string; sum?: string; buckets?: Record<string, string> }>;
}

export function parseMetrics(text: string): MetricFamily[] {
  return parsePrometheusTextFormat(text);
}

/** The sum of a counter's or gauge's samples whose labels include `labels` (0 when none). */
export function sampleSum(families: MetricFamily[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) return 0;
  return family.metrics
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? m.count ?? 0), 0);
}

/** GET <service>/metrics with the bearer token, parsed. */
export async function scrape(serviceUrl: string, token: string): Promise<MetricFamily[]> {
  const res = await fetch(new URL('/metrics', serviceUrl), { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}
