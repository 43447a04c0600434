import type { AvroType } from '../../avro/avro-type';
import type { changeRequestEventSchema, changeRequestSchema } from './change-request.schema';

export type ChangeRequest = AvroType<typeof changeRequestSchema>;
export type ChangeRequestEvent = AvroType<typeof changeRequestEventSchema>;
