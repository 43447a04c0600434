import type { AvroType } from '../../avro/avro-type';
import type { deliveryOutcomeEventSchema, deliveryOutcomeSchema } from './delivery-outcome.schema';

export type DeliveryOutcome = AvroType<typeof deliveryOutcomeSchema>;
export type DeliveryOutcomeKind = DeliveryOutcome['outcome'];
export type Failure = NonNullable<DeliveryOutcome['failure']>;
export type ErrorClass = Failure['errorClass'];
export type DeliveryOutcomeEvent = AvroType<typeof deliveryOutcomeEventSchema>;
