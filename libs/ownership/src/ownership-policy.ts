/**
 * Queries and verdicts over a validated policy. Data flows one way: read from the owner of
 * an event's scope, write to that scope's receivers. Every enforcement point asks here
 * (the ingress routes, the connectors' write and read paths, start-up checks), so a rule
 * lives in one place. Everything is precomputed at load, so each verdict is a map lookup.
 */
import {
  OWNERSHIP_ERROR_CODES as CODES,
  UnknownEntityTypeError,
  UnknownSystemError,
} from './errors';
import {
  describeScope,
  type OwnershipRefusal,
  type OwnershipRefusalCode,
  type OwnershipSubject,
  type OwnershipVerdict,
  type ScopeValue,
  type WriteSubject,
} from './verdicts';
import { ENTITY_TYPES, type EntityType, type SystemId, type SystemKind } from './vocabulary';

export interface PolicySystem {
  readonly id: SystemId;
  readonly kind: SystemKind;
}

export interface OwnershipScope {
  /** The scope field's values this scope covers; `'*'`: every value no other scope names. */
  readonly values: readonly string[] | '*';
  readonly owner: SystemId;
  readonly receivers: readonly SystemId[];
}

export interface EntityOwnership {
  readonly type: EntityType;
  /** The payload field that picks the scope; undefined: one scope covers every event. */
  readonly scopeField: string | undefined;
  readonly scopes: readonly OwnershipScope[];
  /** Every scope's owner and receivers, each once. */
  readonly owners: readonly SystemId[];
  readonly receivers: readonly SystemId[];
  /** Whether a non-owner's change may be forwarded to the owner as a change request. */
  readonly changeRequests: boolean;
}

interface TypeIndex {
  readonly entry: EntityOwnership;
  readonly byValue: ReadonlyMap<string, OwnershipScope>;
  readonly everyOther: OwnershipScope | undefined;
}

export class OwnershipPolicy {
  private readonly kinds: ReadonlyMap<SystemId, SystemKind>;
  private readonly byType: ReadonlyMap<EntityType, TypeIndex>;

  /** Use parsePolicy or loadPolicyFile: they validate what this trusts. */
  constructor(
    readonly systems: readonly PolicySystem[],
    readonly entityTypes: readonly EntityOwnership[],
  ) {
    this.kinds = new Map(systems.map((system) => [system.id, system.kind]));
    this.byType = new Map(entityTypes.map((entry) => [entry.type, indexOf(entry)]));
  }

  kindOf(system: SystemId): SystemKind {
    const kind = this.kinds.get(system);
    if (kind === undefined) throw new UnknownSystemError(system, [...this.kinds.keys()]);
    return kind;
  }

  /** The scope an event falls in (field and value); undefined for an unscoped type. */
  scopeOf(subject: OwnershipSubject): ScopeValue {
    const { entry } = this.index(subject.entityType);
    if (entry.scopeField === undefined) return undefined;
    return { field: entry.scopeField, value: fieldOf(subject.payload, entry.scopeField) };
  }

  /** The owner of the event's scope; undefined when no scope covers it. */
  ownerOf(subject: OwnershipSubject): SystemId | undefined {
    return this.scopeFor(subject)?.owner;
  }

  /** The receivers of the event's scope (none when no scope covers it). */
  receiversOf(subject: OwnershipSubject): readonly SystemId[] {
    return this.scopeFor(subject)?.receivers ?? [];
  }

  /** Every system that owns the type in some scope. */
  ownersOf(type: EntityType): readonly SystemId[] {
    return this.index(type).entry.owners;
  }

  changeRequestsEnabled(type: EntityType): boolean {
    return this.index(type).entry.changeRequests;
  }

  /** Types this system owns in some scope (its connector's read side publishes them). */
  typesOwnedBy(system: SystemId): readonly EntityType[] {
    this.kindOf(system);
    return ENTITY_TYPES.filter((type) => this.owns(system, type));
  }

  /** Types written to this system in some scope (its connector's write side subscribes to them). */
  typesReceivedBy(system: SystemId): readonly EntityType[] {
    this.kindOf(system);
    return ENTITY_TYPES.filter((type) => this.receives(system, type));
  }

  /** Whether the system owns the type in some scope. Unknown systems and types give false. */
  owns(system: SystemId, type: EntityType): boolean {
    return this.byType.get(type)?.entry.owners.includes(system) === true;
  }

  /** Whether the system receives the type in some scope. Unknown systems and types give false. */
  receives(system: SystemId, type: EntityType): boolean {
    return this.byType.get(type)?.entry.receivers.includes(system) === true;
  }

  /** May `system` publish this event? Only the owner of its scope may. */
  sourceVerdict(system: string, subject: OwnershipSubject): OwnershipVerdict {
    const { entityType } = subject;
    const scope = this.scopeOf(subject);
    const refuse = refusal(system, entityType, scope);
    if (!this.kinds.has(system)) return refuse(CODES.unknownSystem, [], this.unknown(system));
    const owned = this.scopeFor(subject);
    if (owned === undefined) return refuse(CODES.outOfScope, [], this.outOfScope(subject));
    if (owned.owner !== system)
      return refuse(
        CODES.reverseDirectionWrite,
        [owned.owner],
        `reverse-direction write: ${system} may not source ${entityType}${describeScope(scope)}; its owner is ${owned.owner}`,
      );
    return { allowed: true, owner: owned.owner, scope };
  }

  /**
   * May `system` announce a change of this type? A notification carries no entity, so its
   * scope is unknown here: owning the type in some scope is enough, and the connector's read
   * side judges each record it reads with sourceVerdict.
   */
  notificationVerdict(system: string, entityType: EntityType): OwnershipVerdict {
    const refuse = refusal(system, entityType, undefined);
    if (!this.kinds.has(system)) return refuse(CODES.unknownSystem, [], this.unknown(system));
    const owners = this.ownersOf(entityType);
    if (owners.includes(system)) return { allowed: true, owner: system, scope: undefined };
    return refuse(
      CODES.reverseDirectionWrite,
      owners,
      `reverse-direction write: ${system} may not source ${entityType}; its owner is ${owners.join(', ')}`,
    );
  }

  /**
   * May this event be written to `target`? Refused: the target owns its scope, receives the
   * type in no scope, receives it only in other scopes (`OWNERSHIP_OTHER_SCOPE`: another
   * receiver's event, not an error), the scope is covered by no entry, or the event's source
   * is not the owner of its scope (misrouted or forged).
   */
  writeVerdict(target: string, subject: WriteSubject): OwnershipVerdict {
    const { entityType, sourceSystem } = subject;
    const scope = this.scopeOf(subject);
    const at = describeScope(scope);
    const refuse = refusal(target, entityType, scope);
    if (!this.kinds.has(target)) return refuse(CODES.unknownSystem, [], this.unknown(target));
    const owned = this.scopeFor(subject);
    if (owned === undefined) return refuse(CODES.outOfScope, [], this.outOfScope(subject));
    const owners = [owned.owner];
    if (owned.owner === target)
      return refuse(
        CODES.reverseDirectionWrite,
        owners,
        `reverse-direction write: ${entityType}${at} may not be written to ${target}, its owner`,
      );
    if (!owned.receivers.includes(target)) {
      const list = owned.receivers.join(', ') || 'none';
      return this.receives(target, entityType)
        ? refuse(
            CODES.otherScope,
            owners,
            `${target} does not receive ${entityType}${at}; that scope goes to ${list}`,
          )
        : refuse(
            CODES.notAReceiver,
            owners,
            `${target} does not receive ${entityType} (receivers: ${this.index(entityType).entry.receivers.join(', ') || 'none'})`,
          );
    }
    if (sourceSystem !== owned.owner)
      return refuse(
        CODES.sourceNotOwner,
        owners,
        `${sourceSystem} does not own ${entityType}${at} (the owner is ${owned.owner}); only the owner's events are written`,
      );
    return { allowed: true, owner: owned.owner, scope };
  }

  /** At start-up: may `system` be configured to receive this type at all (in some scope)? */
  receiverVerdict(system: string, entityType: EntityType): OwnershipVerdict {
    const refuse = refusal(system, entityType, undefined);
    if (!this.kinds.has(system)) return refuse(CODES.unknownSystem, [], this.unknown(system));
    const { owners, receivers } = this.index(entityType).entry;
    if (receivers.includes(system))
      return { allowed: true, owner: owners[0] ?? '', scope: undefined };
    return owners.includes(system)
      ? refuse(
          CODES.reverseDirectionWrite,
          owners,
          `reverse-direction write: ${system} owns ${entityType} and never receives it`,
        )
      : refuse(
          CODES.notAReceiver,
          owners,
          `${system} does not receive ${entityType} (receivers: ${receivers.join(', ') || 'none'})`,
        );
  }

  maySource(system: string, subject: OwnershipSubject): boolean {
    return this.sourceVerdict(system, subject).allowed;
  }

  mayWrite(target: string, subject: WriteSubject): boolean {
    return this.writeVerdict(target, subject).allowed;
  }

  private scopeFor(subject: OwnershipSubject): OwnershipScope | undefined {
    const { entry, byValue, everyOther } = this.index(subject.entityType);
    if (entry.scopeField === undefined) return entry.scopes[0];
    const value = fieldOf(subject.payload, entry.scopeField);
    if (value === undefined) return undefined;
    return byValue.get(value) ?? everyOther;
  }

  private outOfScope(subject: OwnershipSubject): string {
    const { entry, byValue } = this.index(subject.entityType);
    const scope = this.scopeOf(subject);
    const named = [...byValue.keys()].join(', ');
    return scope?.value === undefined
      ? `${subject.entityType} has no ${entry.scopeField ?? 'scope field'}, so no scope of the ownership policy covers it`
      : `${subject.entityType} ${scope.field} ${scope.value} is in no scope of the ownership policy (scopes cover ${named})`;
  }

  private unknown(system: string): string {
    return `unknown system "${system}" (declared: ${[...this.kinds.keys()].join(', ')})`;
  }

  private index(type: EntityType): TypeIndex {
    const index = this.byType.get(type);
    // Validation declares every known type, so only a value from outside the types lands here.
    if (index === undefined) throw new UnknownEntityTypeError(type);
    return index;
  }
}

function indexOf(entry: EntityOwnership): TypeIndex {
  const byValue = new Map<string, OwnershipScope>();
  let everyOther: OwnershipScope | undefined;
  for (const scope of entry.scopes) {
    if (scope.values === '*') everyOther = scope;
    else for (const value of scope.values) byValue.set(value, scope);
  }
  return { entry, byValue, everyOther };
}

function fieldOf(payload: unknown, field: string): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value: unknown = (payload as Readonly<Record<string, unknown>>)[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function refusal(
  system: string,
  entityType: EntityType,
  scope: ScopeValue,
): (code: OwnershipRefusalCode, owners: readonly SystemId[], message: string) => OwnershipRefusal {
  return (code, owners, message) => ({
    allowed: false,
    code,
    message,
    system,
    entityType,
    scope,
    owners,
  });
}
