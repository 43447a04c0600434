/**
 * The admin port's rules. Equal to the public port it can never work (two listeners on one
 * port). In production mode it is required wherever the public port faces callers who must
 * not read the probes, /metrics or the API description (the ingress: every ERP reaches it).
 */
import { ConfigError, type ConfigProblem } from '@hub/config';

export interface AdminPortSettings {
  /** The public port and its variable (e.g. INGRESS_PORT). */
  readonly port: { readonly env: string; readonly value: number };
  /** The admin port and its variable (e.g. INGRESS_ADMIN_PORT); undefined when not set. */
  readonly adminPort: { readonly env: string; readonly value: number | undefined };
  /** What moves to the admin port, for the message (e.g. "/healthz, /readyz, /metrics"). */
  readonly served: string;
}

/** What is wrong with the two ports; `productionReason` is why production mode is on (undefined: off). */
export function adminPortProblems(
  settings: AdminPortSettings,
  productionReason: string | undefined,
): ConfigProblem[] {
  const { port, adminPort, served } = settings;
  if (adminPort.value === port.value)
    return [
      {
        variable: adminPort.env,
        reason: `must differ from ${port.env} (both are ${String(port.value)}): it is a second listener, for ${served}`,
      },
    ];
  if (adminPort.value !== undefined || productionReason === undefined) return [];
  return [
    {
      variable: adminPort.env,
      reason:
        `production mode refuses to serve ${served} on the public port ${port.env} (${String(port.value)}): ` +
        `set ${adminPort.env} to a port other than ${port.env}, reachable only by the kubelet and monitoring. ` +
        `Production mode is on because ${productionReason}.`,
    },
  ];
}

/** Throws a ConfigError naming every problem `adminPortProblems` finds. */
export function refuseUnsafeAdminPort(
  settings: AdminPortSettings,
  productionReason: string | undefined,
): void {
  const problems = adminPortProblems(settings, productionReason);
  if (problems.length > 0) throw new ConfigError('CONFIG_INVALID', problems);
}
