/**
 * Tracing of a service process with OpenTelemetry, on only when OTEL_EXPORTER_OTLP_ENDPOINT
 * (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: then a tracer provider is registered for
 * the process, with the W3C `traceparent` propagator, context kept across awaits
 * (AsyncLocalStorage), and spans sent in batches to the endpoint over OTLP/HTTP (JSON;
 * the exporter adds /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT). The SDK's own variables
 * apply as documented by OpenTelemetry (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_HEADERS,
 * OTEL_BSP_SCHEDULE_DELAY, …).
 *
 * Off, nothing is registered: @opentelemetry/api's no-op tracer answers @apollo/gateway's
 * span calls, and the hub's own hooks (trace-requests.ts, knex-spans.ts) are not installed
 * at all (tracingEnabled() is false), so an untraced service pays nothing per request.
 *
 * Versions: the SDK 2.x and the exporter 0.223 are the newest whose engines allow Node 20
 * (0.300 and later need Node 22); @opentelemetry/api 1.9, the newest the 2.x SDK accepts.
 */
import { envString } from '../config';

/** The tracer name of the hub's own spans (the gateway's come from @apollo/gateway's tracer). */
export const HUB_TRACER = 'sundhedsklynger-hub';

let enabled = false;

/** True once a tracer provider is registered in this process. */
export function tracingEnabled(): boolean {
  return enabled;
}

/** Where spans go, or undefined: tracing off. */
export function otlpEndpointFromEnv(): string | undefined {
  return envString('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? envString('OTEL_EXPORTER_OTLP_ENDPOINT');
}

export interface Tracing {
  /** Sends the spans still waiting, then stops; for a graceful stop. */
  shutdown(): Promise<void>;
}

/**
 * Registers the process's tracer provider when an OTLP endpoint is configured; the service's
 * name (OTEL_SERVICE_NAME if set) names its spans' resource. Undefined: tracing stays off.
 */
export function startTracingFromEnv(service: string): Tracing | undefined {
  if (otlpEndpointFromEnv() === undefined || enabled) return undefined;
  // Loaded only here: the SDK and its exporter take ~0.2 s of CPU to load, which every
  // untraced start (npm start's five processes among them) would pay for nothing.
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': envString('OTEL_SERVICE_NAME', service) }),
    // The exporter reads its URL, headers and timeout from the OTEL_EXPORTER_OTLP_* variables.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  enabled = true;
  return { shutdown: () => provider.shutdown() };
}
