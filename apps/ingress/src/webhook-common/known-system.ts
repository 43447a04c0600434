/**
 * A route's system must be declared in the ownership policy and have credentials for that
 * route; anything else is 404 (the same answer for both, so probing learns nothing).
 */
import type { OwnershipPolicy } from '@hub/ownership';
import type { SystemCredentials, SystemsConfig } from '../app/systems-setting';
import { refuse } from '../problem/ingress-error';

export function credentialsFor<K extends keyof SystemCredentials>(
  systems: SystemsConfig,
  policy: OwnershipPolicy,
  systemId: string,
  credential: K,
): NonNullable<SystemCredentials[K]> {
  const value = Object.hasOwn(systems, systemId) ? systems[systemId]?.[credential] : undefined;
  if (value === undefined || !policy.systems.some((system) => system.id === systemId))
    throw refuse('UNKNOWN_SYSTEM', `No system "${systemId}" is configured for this route.`);
  return value;
}

/** Metric label for a system: only configured ids, never whatever a caller put in the URL. */
export function systemLabel(systems: SystemsConfig, systemId: string): string {
  return Object.hasOwn(systems, systemId) ? systemId : 'unknown';
}
