/**
 * Queries and guards over a validated policy. Data flows one way: read from the owner,
 * write to receivers. Everything is precomputed at load, so each check is a map lookup.
 */
import {
  NotAReceiverError,
  ReverseDirectionWriteError,
  UnknownEntityTypeError,
  UnknownSystemError,
} from './errors';
import { ENTITY_TYPES, type EntityType, type SystemId, type SystemKind } from './vocabulary';

export interface PolicySystem {
  readonly id: SystemId;
  readonly kind: SystemKind;
}

export interface EntityOwnership {
  readonly type: EntityType;
  readonly owner: SystemId;
  readonly receivers: readonly SystemId[];
  /** Whether a non-owner's change may be forwarded to the owner as a change request. */
  readonly changeRequests: boolean;
}

export class OwnershipPolicy {
  private readonly kinds: ReadonlyMap<SystemId, SystemKind>;
  private readonly byType: ReadonlyMap<EntityType, EntityOwnership>;

  /** Use parsePolicy or loadPolicyFile: they validate what this trusts. */
  constructor(
    readonly systems: readonly PolicySystem[],
    readonly entityTypes: readonly EntityOwnership[],
  ) {
    this.kinds = new Map(systems.map((system) => [system.id, system.kind]));
    this.byType = new Map(entityTypes.map((entry) => [entry.type, entry]));
  }

  kindOf(system: SystemId): SystemKind {
    const kind = this.kinds.get(system);
    if (kind === undefined) throw new UnknownSystemError(system, [...this.kinds.keys()]);
    return kind;
  }

  ownerOf(type: EntityType): SystemId {
    return this.entry(type).owner;
  }

  receiversOf(type: EntityType): readonly SystemId[] {
    return this.entry(type).receivers;
  }

  changeRequestsEnabled(type: EntityType): boolean {
    return this.entry(type).changeRequests;
  }

  /** Types this system is the source of truth for (its connector's read side publishes them). */
  typesOwnedBy(system: SystemId): readonly EntityType[] {
    this.kindOf(system);
    return ENTITY_TYPES.filter((type) => this.byType.get(type)?.owner === system);
  }

  /** Types written to this system (its connector's write side subscribes to them). */
  typesReceivedBy(system: SystemId): readonly EntityType[] {
    this.kindOf(system);
    return ENTITY_TYPES.filter(
      (type) => this.byType.get(type)?.receivers.includes(system) === true,
    );
  }

  /** True only for the owner. Unknown systems and types give false. */
  maySource(system: SystemId, type: EntityType): boolean {
    return this.byType.get(type)?.owner === system;
  }

  /** True only for a declared receiver. Unknown systems and types give false. */
  mayWrite(target: SystemId, type: EntityType): boolean {
    return this.byType.get(type)?.receivers.includes(target) === true;
  }

  assertMaySource(system: SystemId, type: EntityType): void {
    this.kindOf(system);
    const { owner } = this.entry(type);
    if (system !== owner) throw new ReverseDirectionWriteError(system, type, owner, 'source');
  }

  assertMayWrite(target: SystemId, type: EntityType): void {
    this.kindOf(target);
    const { owner, receivers } = this.entry(type);
    if (target === owner) throw new ReverseDirectionWriteError(target, type, owner, 'write');
    if (!receivers.includes(target)) throw new NotAReceiverError(target, type, receivers);
  }

  private entry(type: EntityType): EntityOwnership {
    const entry = this.byType.get(type);
    // Validation declares every known type, so only a value from outside the types lands here.
    if (entry === undefined) throw new UnknownEntityTypeError(type);
    return entry;
  }
}
