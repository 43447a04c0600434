/**
 * Value of `hub.target-control.v1` (compacted, keyed by target): the operator's standing
 * orders for one target, written by the DLQ reviewer and read by every connector runtime
 * and the retry scheduler. The latest record per key is the state; there is no envelope:
 * it is not an event about an entity. Encoded as plain Avro (no registry framing), so the
 * readers need nothing but this schema.
 */
import type { AvroRecordSchema } from '../../avro/avro-schema';
import { avroCodecFor } from '../../avro/avro-codec';
import type { AvroType } from '../../avro/avro-type';

/** The one topic of operator controls; compacted, one record per target. */
export const targetControlTopic = 'hub.target-control.v1';

export const targetControlSchema = {
  type: 'record',
  name: 'TargetControl',
  namespace: 'hub.control',
  doc: "An operator's standing orders for one target.",
  fields: [
    { name: 'target', type: { type: 'string', 'hub.format': 'system-id' }, doc: 'The target.' },
    {
      name: 'paused',
      type: 'boolean',
      doc: 'True: the connector makes no writes to the target (they wait in the retry queue) and the scheduler redelivers none.',
    },
    {
      name: 'breaker',
      doc: 'auto: the breakers decide; open: no call to the target; closed: calls go ahead whatever the breakers say.',
      type: { type: 'enum', name: 'BreakerForce', symbols: ['auto', 'open', 'closed'] },
    },
    {
      name: 'changedAt',
      type: { type: 'long', logicalType: 'timestamp-millis' },
      doc: 'When, epoch ms.',
    },
    { name: 'changedBy', type: 'string', doc: 'Who (the operator as the reviewer names them).' },
    {
      name: 'pullForwardBefore',
      type: ['null', { type: 'long', logicalType: 'timestamp-millis' }],
      default: null,
      doc: 'Pending retries of the target taken in before this time are due at it at the latest (the last pull-forward); null: none asked.',
    },
  ],
} as const satisfies AvroRecordSchema;

export type TargetControl = AvroType<typeof targetControlSchema>;
export type BreakerForce = TargetControl['breaker'];

/** No orders: what a target without a record has. */
export function defaultTargetControl(target: string): TargetControl {
  return {
    target,
    paused: false,
    breaker: 'auto',
    changedAt: 0,
    changedBy: '',
    pullForwardBefore: null,
  };
}

/**
 * The failure code of a write the connector held back because of an operator's control
 * (paused, breaker forced open). It waits in the retry queue and does not spend the
 * write's retry budget: the scheduler never dead-letters it for that.
 */
export const TARGET_HELD = 'TARGET_HELD';

export const targetControlCodec = avroCodecFor(targetControlSchema);
