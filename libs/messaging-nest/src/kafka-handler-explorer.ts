import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { ConsumedMessage, HandlerContext, HubHeaders } from '@hub/messaging';
import { KAFKA_HANDLER_METADATA, type KafkaHandlerMetadata } from './kafka-handler.decorator';
import { MessagingNestError } from './messaging-nest-error';

export interface DiscoveredHandler {
  /** Class.method, for messages about wiring. */
  readonly where: string;
  readonly parse?: (value: unknown) => unknown;
  readonly invoke: (message: ConsumedMessage<unknown, HubHeaders>, context: HandlerContext) => Promise<void>;
}

type Handler = (this: object, message: ConsumedMessage<unknown, HubHeaders>, context: HandlerContext) => Promise<void>;

/** Finds every `@KafkaHandler(topic)` method on the app's providers and controllers: one per topic. */
@Injectable()
export class KafkaHandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  explore(): Map<string, DiscoveredHandler> {
    const handlers = new Map<string, DiscoveredHandler>();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance: unknown = wrapper.instance;
      // Request-scoped providers have no instance at bootstrap; a consumer cannot use them.
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
      const methods = instance as Record<string, unknown>;
      for (const methodName of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object | null)) {
        const method = methods[methodName];
        if (typeof method !== 'function') continue;
        const metadata = this.reflector.get<KafkaHandlerMetadata | undefined>(KAFKA_HANDLER_METADATA, method);
        if (!metadata) continue;
        const where = `${wrapper.name}.${methodName}`;
        const existing = handlers.get(metadata.topic);
        if (existing) {
          throw new MessagingNestError('KAFKA_HANDLER_DUPLICATE_TOPIC', `Topic ${metadata.topic} has two @KafkaHandler methods: ${existing.where} and ${where}`);
        }
        const handler = method as Handler;
        handlers.set(metadata.topic, {
          where,
          ...(metadata.parse ? { parse: metadata.parse } : {}),
          invoke: (message, context) => handler.call(instance, message, context),
        });
      }
    }
    return handlers;
  }
}
