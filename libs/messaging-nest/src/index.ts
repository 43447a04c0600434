// @hub/messaging-nest: a thin NestJS adapter over @hub/messaging's consumer runner.
export { MessagingModule } from './messaging.module';
export { KAFKA_CLIENT, MESSAGING_OPTIONS } from './messaging-module-options';
export type { MessagingModuleAsyncOptions, MessagingModuleOptions } from './messaging-module-options';
export { KafkaHandler } from './kafka-handler.decorator';
export type { KafkaHandlerMethod, KafkaHandlerOptions } from './kafka-handler.decorator';
export { KafkaConsumerHost } from './kafka-consumer-host';
export { MessagingNestError } from './messaging-nest-error';
export type { MessagingNestErrorCode } from './messaging-nest-error';
