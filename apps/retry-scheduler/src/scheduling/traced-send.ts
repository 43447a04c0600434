/**
 * The scheduler produces for many events at once; each row's messages get a producer span of
 * their own, child of the trace the row keeps (its intake span), and carry that span's
 * traceparent, so the connector's next attempt continues the event's trace.
 */
import { traceparentHeader } from '@hub/delivery-protocol';
import type { MessageSender, OutgoingMessage } from '@hub/messaging';
import {
  SpanKind,
  contextOfTraceparent,
  failSpan,
  startHubSpan,
  traceparentOfSpan,
} from '@hub/observability';
import type { ClaimedRow } from '../store/schedule-store';

export async function sendTraced(
  sender: MessageSender,
  name: 'scheduler.redeliver' | 'scheduler.dead-letter',
  rows: readonly ClaimedRow[],
  build: (row: ClaimedRow, traceparent: string | undefined) => Promise<OutgoingMessage[]>,
): Promise<void> {
  const traced = rows.map((row) => ({
    row,
    span: startHubSpan(name, {
      kind: SpanKind.PRODUCER,
      parent: contextOfTraceparent(traceparentHeader(row.headers)),
      attributes: {
        'hub.target': row.target,
        'hub.event_id': row.eventId,
        'hub.attempt': row.attempts,
      },
    }).span,
  }));
  try {
    const messages = await Promise.all(
      traced.map(({ row, span }) => build(row, traceparentOfSpan(span))),
    );
    await sender.send(messages.flat());
  } catch (error) {
    for (const { span } of traced) failSpan(span, error);
    throw error;
  } finally {
    for (const { span } of traced) span.end();
  }
}
