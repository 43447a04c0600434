export {
  DIRECTIONS,
  ENTITY_TYPES,
  SYSTEM_KINDS,
  isEntityType,
  isSystemKind,
  scopeFieldsOf,
  type Direction,
  type EntityType,
  type SystemId,
  type SystemKind,
} from './vocabulary';
export type {
  OwnershipPolicy,
  EntityOwnership,
  OwnershipScope,
  PolicySystem,
} from './ownership-policy';
export type {
  OwnershipAllowed,
  OwnershipRefusal,
  OwnershipRefusalCode,
  OwnershipSubject,
  OwnershipVerdict,
  ScopeValue,
  WriteSubject,
} from './verdicts';
export { describeScope } from './verdicts';
export type { PolicyIssue } from './policy-issue';
export { parsePolicy } from './parse-policy';
export { DEFAULT_POLICY_PATH, loadPolicyFile } from './load-policy';
export {
  OWNERSHIP_ERROR_CODES,
  OwnershipPolicyInvalidError,
  OwnershipPolicyUnreadableError,
  OwnershipRefusedError,
  UnknownEntityTypeError,
  UnknownSystemError,
} from './errors';
