/**
 * A WriteAdapter made of one writer per entity type, so a connector writes only its
 * protocol's two functions per type (apply, findPriorWrite) and never the dispatch. An event
 * of a type it has no writer for is refused (permanent): the runtime consumes only the types
 * the adapter declares, so this means a misrouted event.
 */
import type { CanonicalEvent, EntityType } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import type {
  AnyCanonicalEvent,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from '../../adapter/erp-adapter';

export interface EntityWriter<T extends EntityType> {
  apply(payload: CanonicalEvent<T>['payload'], context: WriteContext): Promise<WriteResult>;
  findPriorWrite(
    payload: CanonicalEvent<T>['payload'],
    context: WriteContext,
  ): Promise<WriteResult | undefined>;
}

export type EntityWriters = { readonly [T in EntityType]?: EntityWriter<T> };

export const UNSUPPORTED_ENTITY_TYPE = 'UNSUPPORTED_ENTITY_TYPE';

type AnyWriter = EntityWriter<EntityType> & {
  apply(payload: AnyCanonicalEvent['payload'], context: WriteContext): Promise<WriteResult>;
  findPriorWrite(
    payload: AnyCanonicalEvent['payload'],
    context: WriteContext,
  ): Promise<WriteResult | undefined>;
};

export class EntityWriteAdapter implements WriteAdapter {
  readonly writes: readonly EntityType[];

  /** `target` names the system in messages, e.g. `SAP s4-prod`. */
  constructor(
    private readonly target: string,
    private readonly writers: EntityWriters,
  ) {
    this.writes = (Object.keys(writers) as EntityType[]).filter(
      (type) => writers[type] !== undefined,
    );
  }

  apply(event: AnyCanonicalEvent, context: WriteContext): Promise<WriteResult> {
    return this.writerOf(event).then((writer) => writer.apply(event.payload, context));
  }

  findPriorWrite(
    event: AnyCanonicalEvent,
    context: WriteContext,
  ): Promise<WriteResult | undefined> {
    return this.writerOf(event).then((writer) => writer.findPriorWrite(event.payload, context));
  }

  private writerOf(event: AnyCanonicalEvent): Promise<AnyWriter> {
    // Each writer takes its own type's payload; the event's type picked it.
    const writer = this.writers[event.entityType];
    return writer === undefined
      ? Promise.reject(
          new PermanentError(
            UNSUPPORTED_ENTITY_TYPE,
            `This connector does not write ${event.entityType} events to ${this.target}`,
          ),
        )
      : Promise.resolve(writer);
  }
}
