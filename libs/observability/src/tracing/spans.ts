/**
 * The hub's own spans and the W3C `traceparent` it carries in Kafka headers. Everything here
 * goes through @opentelemetry/api, so with tracing off (no provider started) a span costs a
 * no-op object, and a context that arrived in a header still travels on unchanged.
 */
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export { SpanKind };
export type { Attributes, Context, Span };

export const HUB_TRACER = '@hub/observability';

// Used directly rather than the global propagator, which is a no-op until tracing starts:
// the hub carries a traceparent it received even where it records nothing.
const w3c = new W3CTraceContextPropagator();

export function hubTracer(): ReturnType<typeof trace.getTracer> {
  return trace.getTracer(HUB_TRACER);
}

/** The context a traceparent names (the root context when there is none or it is malformed). */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  if (traceparent === undefined) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);
}

/**
 * The parent for work done on a message's behalf: the active span when there is one (tracing
 * on, inside the consumer's span), else the context the message's traceparent names.
 */
export function activeOr(traceparent: string | undefined): Context {
  const active = context.active();
  const spanContext = trace.getSpanContext(active);
  return spanContext !== undefined && trace.isSpanContextValid(spanContext)
    ? active
    : contextOfTraceparent(traceparent);
}

/** The traceparent of the span active in `of` (default: now); undefined outside any span. */
export function traceparentOf(of: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(of, carrier, defaultTextMapSetter);
  return carrier['traceparent'];
}

/** The span's traceparent, for a message produced on its behalf. */
export function traceparentOfSpan(span: Span): string | undefined {
  return traceparentOf(trace.setSpan(ROOT_CONTEXT, span));
}

/** The 32-hex trace id inside a traceparent. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const traceId = traceparent?.split('-')[1];
  return traceId !== undefined && /^[0-9a-f]{32}$/.test(traceId) ? traceId : undefined;
}

/** `traceId` and `spanId` of the active span for log lines; empty outside any span. */
export function activeTraceFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !trace.isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** The parent: a context (e.g. from `contextOfTraceparent`); the active one when omitted. */
  readonly parent?: Context;
}

/** Records the error on the span (status ERROR, exception event); the caller still throws it. */
export function failSpan(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}

/** A started span and the context it is active in, for work the caller ends itself (batches). */
export function startHubSpan(
  name: string,
  options: SpanOptions = {},
): { span: Span; context: Context } {
  const parent = options.parent ?? context.active();
  const span = hubTracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/**
 * Runs `work` in a new span (active across awaits when tracing is on), ends it when the work
 * settles, and marks it failed with the error when the work throws.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const started = startHubSpan(name, options);
  try {
    return await context.with(started.context, () => work(started.span));
  } catch (error) {
    failSpan(started.span, error);
    throw error;
  } finally {
    started.span.end();
  }
}
