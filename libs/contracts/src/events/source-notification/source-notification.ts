import type { AvroType } from '../../avro/avro-type';
import type {
  sourceNotificationEventSchema,
  sourceNotificationSchema,
} from './source-notification.schema';

export type SourceNotification = AvroType<typeof sourceNotificationSchema>;
export type ChangeKind = SourceNotification['changeKind'];
export type SourceNotificationEvent = AvroType<typeof sourceNotificationEventSchema>;
