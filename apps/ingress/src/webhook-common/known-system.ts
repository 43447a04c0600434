/**
 * A route's system must be declared in the ownership policy and have credentials for that
 * route. A caller without valid credentials must not learn which ids are configured, so an
 * unknown system is not refused up front: its request runs the same checks against random
 * stand-in secrets nobody holds and fails with the same answer as a wrong credential (same
 * status, problem type, detail, headers; about the same time). Only the log line and the
 * metric reason (`unknown-system`) tell the operator which case it was.
 */
import { randomBytes } from 'node:crypto';
import type { OwnershipPolicy } from '@hub/ownership';
import type { SystemCredentials, SystemsConfig } from '../app/systems-setting';
import type { IngressError } from '../problem/ingress-error';

/** Credentials that are secrets a caller presents (one, or two while rotating). */
export type SecretCredential =
  'webhookSecret' | 'token' | 'bearerToken' | 'clientState' | 'businessEventToken';

/** Every check compares against this many secrets, so the time does not say how many are set. */
const COMPARED_SECRETS = 2;

function standIn(credential: SecretCredential): string {
  const random = randomBytes(32).toString('base64');
  return credential === 'webhookSecret' ? `whsec_${random}` : random;
}

/** Per process, so no one can know them; never accepted anyway (see authenticate). */
const standIns: Readonly<Record<SecretCredential, readonly string[]>> = {
  webhookSecret: [standIn('webhookSecret'), standIn('webhookSecret')],
  token: [standIn('token'), standIn('token')],
  bearerToken: [standIn('bearerToken'), standIn('bearerToken')],
  clientState: [standIn('clientState'), standIn('clientState')],
  businessEventToken: [standIn('businessEventToken'), standIn('businessEventToken')],
};

export interface RouteSystem {
  /** False: not configured for this route; `secrets` are then the stand-ins. */
  readonly configured: boolean;
  /** Always COMPARED_SECRETS long (a single secret is compared twice). */
  readonly secrets: readonly string[];
}

/** The system's credentials when it is declared in the policy and in INGRESS_SYSTEMS. */
export function declaredCredentials(
  systems: SystemsConfig,
  policy: OwnershipPolicy,
  systemId: string,
): SystemCredentials | undefined {
  const declared = policy.systems.some((system) => system.id === systemId);
  return declared && Object.hasOwn(systems, systemId) ? systems[systemId] : undefined;
}

export function routeSystem(
  systems: SystemsConfig,
  policy: OwnershipPolicy,
  systemId: string,
  credential: SecretCredential,
): RouteSystem {
  const secrets = declaredCredentials(systems, policy, systemId)?.[credential];
  return { configured: secrets !== undefined, secrets: secretsOrStandIns(secrets, credential) };
}

/** The stand-ins of a credential the system has not configured (SAP's optional bearer token). */
export function secretsOrStandIns(
  secrets: readonly string[] | undefined,
  credential: SecretCredential,
): readonly string[] {
  if (secrets === undefined) return standIns[credential];
  return Array.from({ length: COMPARED_SECRETS }, (_, index) => secrets[index] ?? secrets[0] ?? '');
}

const fromUnconfiguredSystem = new WeakSet();

/** Marks a refusal as caused by an unknown system: the answer stays as is, the log and metric say so. */
export function markUnconfiguredSystem(error: IngressError): IngressError {
  fromUnconfiguredSystem.add(error);
  return error;
}

export function isFromUnconfiguredSystem(error: unknown): boolean {
  return typeof error === 'object' && error !== null && fromUnconfiguredSystem.has(error);
}

/**
 * Runs a route's credential check; `verify` may throw its own refusals (WMS: stale
 * timestamp) or return false, which throws `refusal()`. For an unconfigured system every
 * refusal is marked, and a check that somehow passed against a stand-in is refused too.
 */
export function authenticate(
  system: RouteSystem,
  refusal: () => IngressError,
  verify: (secrets: readonly string[]) => boolean,
): void {
  let verified: boolean;
  try {
    verified = verify(system.secrets);
  } catch (error) {
    if (!system.configured && typeof error === 'object' && error !== null)
      fromUnconfiguredSystem.add(error);
    throw error;
  }
  if (verified && system.configured) return;
  const refused = refusal();
  throw system.configured ? refused : markUnconfiguredSystem(refused);
}

/** Metric label for a system: only configured ids, never whatever a caller put in the URL. */
export function systemLabel(systems: SystemsConfig, systemId: string): string {
  return Object.hasOwn(systems, systemId) ? systemId : 'unknown';
}

/** Log fields naming the system: the id asked for is kept short (it is the caller's text). */
export function requestedSystemFields(
  systems: SystemsConfig,
  systemId: string,
): Readonly<Record<string, string>> {
  const system = systemLabel(systems, systemId);
  return system === systemId ? { system } : { system, requestedSystem: systemId.slice(0, 200) };
}
