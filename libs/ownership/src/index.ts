export {
  DIRECTIONS,
  ENTITY_TYPES,
  SYSTEM_KINDS,
  isEntityType,
  isSystemKind,
  type Direction,
  type EntityType,
  type SystemId,
  type SystemKind,
} from './vocabulary';
export type { OwnershipPolicy, EntityOwnership, PolicySystem } from './ownership-policy';
export type { PolicyIssue } from './policy-issue';
export { parsePolicy } from './parse-policy';
export { DEFAULT_POLICY_PATH, loadPolicyFile } from './load-policy';
export {
  NotAReceiverError,
  OWNERSHIP_ERROR_CODES,
  OwnershipPolicyInvalidError,
  OwnershipPolicyUnreadableError,
  ReverseDirectionWriteError,
  UnknownEntityTypeError,
  UnknownSystemError,
} from './errors';
