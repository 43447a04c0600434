/**
 * The read side's consumer: thin source notifications of this system become canonical
 * events. "Not visible yet" (Odoo 17 notifies before its commit) is fetched again after
 * each configured delay, then left to the sweep. A transient failure retries the
 * notification in place; a permanent one is logged and left to the sweep.
 */
import {
  canonicalize,
  formatFieldErrors,
  sourceNotificationEventSchema,
  type SourceNotificationEvent,
} from '@hub/contracts';
import {
  createConsumerRunner,
  hubHeaderNames,
  hubMessageDecoder,
  type ConsumerRunner,
  type KafkaClient,
  type LagGauge,
  type MessagingLogger,
  type ValueDeserializer,
} from '@hub/messaging';
import { inConsumerSpan, type Logger } from '@hub/observability';
import { withLinkedSignal } from '@hub/primitives';
import { classifyError, timerSleep, type Sleep } from '@hub/resilience';
import type { ReadAdapter } from '../adapter/erp-adapter';
import type { TargetGate } from '../write/target-gate';
import type { RecordPublisher } from './record-publisher';

export type NotificationResult = 'published' | 'skipped' | 'not-found' | 'failed' | 'ignored';

export interface NotificationHandlerDeps {
  readonly system: string;
  readonly adapter: ReadAdapter;
  readonly gate: Pick<TargetGate, 'call'>;
  readonly publisher: RecordPublisher;
  /** Delays before each further fetch of a record not visible yet. */
  readonly notFoundDelays: readonly number[];
  readonly logger: Logger;
  readonly sleep?: Sleep;
}

export async function handleNotification(
  deps: NotificationHandlerDeps,
  notification: SourceNotificationEvent,
  signal: AbortSignal,
): Promise<NotificationResult> {
  if (notification.sourceSystem !== deps.system) return 'ignored';
  const sleep = deps.sleep ?? timerSleep;
  const context = {
    resource: notification.payload.resource,
    correlationId: notification.correlationId,
  };
  for (let tries = 0; ; tries += 1) {
    let result;
    try {
      result = await deps.gate.call(
        'fetch',
        () => deps.adapter.fetch(notification, signal),
        signal,
      );
    } catch (error) {
      const failure = classifyError(error);
      if (failure.retriable || signal.aborted) throw error;
      deps.logger.error(
        { ...context, code: failure.code },
        `Fetching a notified record failed permanently; the sweep is the fallback: ${failure.message}`,
      );
      return 'failed';
    }
    if (result.kind === 'found') {
      await deps.publisher.publish(result.records, 'notification');
      return 'published';
    }
    if (result.kind === 'skip') {
      deps.logger.debug({ ...context, reason: result.reason }, 'Notification skipped');
      return 'skipped';
    }
    const delay = deps.notFoundDelays[tries];
    if (delay === undefined) {
      deps.logger.warn(
        { ...context, tries: tries + 1 },
        'Notified record still not visible; left to the sweep',
      );
      return 'not-found';
    }
    await sleep(delay, signal);
  }
}

export interface NotificationFlowOptions {
  readonly deps: NotificationHandlerDeps;
  readonly client: KafkaClient;
  readonly serde: ValueDeserializer;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly concurrency: number;
  readonly logger: MessagingLogger;
  readonly runtimeSignal: AbortSignal;
  readonly lagGauge?: LagGauge;
}

function parseNotification(value: unknown): SourceNotificationEvent {
  const checked = canonicalize(sourceNotificationEventSchema, value);
  if (!checked.ok)
    throw new Error(`Invalid source notification:\n${formatFieldErrors(checked.errors)}`);
  return checked.value;
}

export function createNotificationFlow(options: NotificationFlowOptions): ConsumerRunner {
  return createConsumerRunner(options.client, {
    groupId: `connector-${options.deps.system}-read`,
    topics: [options.topic],
    concurrency: options.concurrency,
    decode: hubMessageDecoder(options.serde, { parse: parseNotification }),
    deadLetter: { topic: options.deadLetterTopic },
    logger: options.logger,
    lagGauge: options.lagGauge,
    handler: async (message, { signal }) => {
      const notification = message.value;
      // A consumer span per notification, child of the ingress's publish: the ERP read and
      // the canonical events it yields stay in the webhook's trace.
      await inConsumerSpan(
        'connector.read',
        {
          traceparent: message.rawHeaders[hubHeaderNames.traceparent],
          attributes: {
            'messaging.destination.name': message.topic,
            'hub.correlation_id': notification.correlationId,
          },
          logContext: {
            correlationId: notification.correlationId,
            resource: notification.payload.resource,
          },
        },
        () =>
          withLinkedSignal([signal, options.runtimeSignal], (stopped) =>
            handleNotification(options.deps, notification, stopped),
          ),
      );
    },
  });
}
