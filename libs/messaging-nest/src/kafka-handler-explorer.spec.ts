import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { ConsumedMessage, HubHeaders } from '@hub/messaging';
import { KafkaHandler } from './kafka-handler.decorator';
import { KafkaHandlerExplorer } from './kafka-handler-explorer';

const seen: string[] = [];

@Injectable()
class LevelsConsumer {
  readonly name = 'levels';

  @KafkaHandler('erp.inventory-level.v1', { parse: (value) => ({ parsed: value }) })
  onLevel(message: ConsumedMessage<{ parsed: unknown }, HubHeaders>): Promise<void> {
    seen.push(`${this.name}:${message.offset}`);
    return Promise.resolve();
  }

  notAHandler(): string {
    return 'ignored';
  }
}

@Injectable()
class OrdersConsumer {
  @KafkaHandler('erp.purchase-order.v1')
  onOrder(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
class SecondLevelsConsumer {
  @KafkaHandler('erp.inventory-level.v1')
  alsoOnLevel(): Promise<void> {
    return Promise.resolve();
  }
}

async function explore(...providers: (new () => object)[]): Promise<ReturnType<KafkaHandlerExplorer['explore']>> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [KafkaHandlerExplorer, ...providers] }).compile();
  try {
    return moduleRef.get(KafkaHandlerExplorer).explore();
  } finally {
    await moduleRef.close();
  }
}

describe('KafkaHandlerExplorer', () => {
  it('finds each @KafkaHandler method by topic, bound to its instance, with its parse', async () => {
    const handlers = await explore(LevelsConsumer, OrdersConsumer);
    const level = handlers.get('erp.inventory-level.v1');

    await level?.invoke({ offset: '7' } as ConsumedMessage<unknown, HubHeaders>, { signal: new AbortController().signal });

    expect([...handlers.keys()].sort()).toEqual(['erp.inventory-level.v1', 'erp.purchase-order.v1']);
    expect(level?.where).toBe('LevelsConsumer.onLevel');
    expect(level?.parse?.(3)).toEqual({ parsed: 3 });
    expect(handlers.get('erp.purchase-order.v1')?.parse).toBeUndefined();
    expect(seen).toEqual(['levels:7']);
  });

  it('refuses two handlers for one topic, naming both', async () => {
    await expect(explore(LevelsConsumer, SecondLevelsConsumer)).rejects.toMatchObject({
      code: 'KAFKA_HANDLER_DUPLICATE_TOPIC',
      message: 'Topic erp.inventory-level.v1 has two @KafkaHandler methods: LevelsConsumer.onLevel and SecondLevelsConsumer.alsoOnLevel',
    });
  });
});
