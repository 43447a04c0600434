import type { AvroType } from '../../avro/avro-type';
import type { deadLetterEventSchema, deadLetterSchema } from './dead-letter.schema';

export type DeadLetter = AvroType<typeof deadLetterSchema>;
export type DeadLetterReason = DeadLetter['reason'];
export type DeliveryAttempt = DeadLetter['attempts'][number];
export type DeadLetterEvent = AvroType<typeof deadLetterEventSchema>;
