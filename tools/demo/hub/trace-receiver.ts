/**
 * A tiny OTLP/HTTP receiver (JSON encoding) in the demo process, so `npm run demo` can show
 * one event's trace across the hub's processes without a collector. The apps export to it
 * with the standard variables (`traceEnvironment`); it keeps the spans in memory.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSpan {
  readonly traceId: string;
  readonly name: string;
  /** The exporting app's `service.name`. */
  readonly service: string;
}

export interface TraceReceiver {
  /** The OTLP endpoint for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly endpoint: string;
  spansOf(traceId: string): readonly ReceivedSpan[];
  stop(): Promise<void>;
}

interface OtlpJson {
  readonly resourceSpans?: readonly {
    readonly resource?: {
      readonly attributes?: readonly { key: string; value?: { stringValue?: string } }[];
    };
    readonly scopeSpans?: readonly {
      readonly spans?: readonly { traceId?: string; name?: string }[];
    }[];
  }[];
}

function spansIn(body: OtlpJson): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resource) => {
    const service =
      resource.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value
        ?.stringValue ?? '?';
    return (resource.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId ?? '',
        name: span.name ?? '?',
        service,
      })),
    );
  });
}

export async function startTraceReceiver(): Promise<TraceReceiver> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        spans.push(...spansIn(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJson));
      } catch {
        // A body that is not OTLP JSON is ignored: the demo only reads what it understands.
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${String(port)}`,
    spansOf: (traceId) => spans.filter((span) => span.traceId === traceId),
    stop: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

/** What a hub app needs to export its spans to the receiver, quickly. */
export function traceEnvironment(receiver: TraceReceiver): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
}
