/** Decoding what the runtime published, for assertions on meaning rather than bytes. */
import type { DeadLetterEvent, DeliveryOutcomeEvent } from '@hub/contracts';
import { createSchemaRegistrySerde } from '@hub/messaging';
import { testEndpoints, type ConsumedMessage } from '@hub/testing';

export interface Decoders {
  outcome(message: ConsumedMessage): Promise<DeliveryOutcomeEvent>;
  deadLetter(message: ConsumedMessage): Promise<DeadLetterEvent>;
}

export function decoders(): Decoders {
  const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
  const decode = async (message: ConsumedMessage): Promise<unknown> => {
    if (message.value === null) throw new Error('message without value');
    return serde.decode(message.value);
  };
  return {
    outcome: async (message) => (await decode(message)) as DeliveryOutcomeEvent,
    deadLetter: async (message) => (await decode(message)) as DeadLetterEvent,
  };
}

/** Messages whose hub-correlation-id header is the given one. */
export function about(
  messages: readonly ConsumedMessage[],
  correlationId: string,
): ConsumedMessage[] {
  return messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
}
