import { withLogContext, type LogContext } from '../logging/log-context';
import {
  SpanKind,
  contextOfTraceparent,
  inSpan,
  traceIdOf,
  traceparentOfSpan,
  type Attributes,
  type Span,
} from './spans';

export interface ConsumedTrace {
  /** The traceparent the consumed message carries (undefined: a new trace). */
  readonly traceparent: string | undefined;
  readonly attributes?: Attributes;
  /** Log fields for the handling; `traceId` is added. */
  readonly logContext?: LogContext;
}

/**
 * Handles one consumed message in a consumer span, child of the context its traceparent
 * names, with the trace id in the log context, so every line logged meanwhile names the
 * trace (with tracing off too: the id is then the received one).
 */
export function inConsumerSpan<T>(
  name: string,
  consumed: ConsumedTrace,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return inSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      parent: contextOfTraceparent(consumed.traceparent),
      ...(consumed.attributes === undefined ? {} : { attributes: consumed.attributes }),
    },
    (span) => {
      const traceId = traceIdOf(traceparentOfSpan(span));
      return withLogContext(
        { ...consumed.logContext, ...(traceId === undefined ? {} : { traceId }) },
        () => work(span),
      );
    },
  );
}
