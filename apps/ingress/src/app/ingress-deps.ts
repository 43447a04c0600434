/** Everything the route services need, built once in create-ingress-app.ts. */
import type { EventIdentity } from '@hub/contracts';
import type { HubMetrics, Logger } from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import type { EventPublisher } from '../publishing/event-publisher';
import type { ReverseDirectionStore } from '../reverse-direction/reverse-direction-store';
import type { SystemsConfig } from './systems-setting';

export const INGRESS_DEPS = Symbol('INGRESS_DEPS');

export interface IngressDeps {
  readonly systems: SystemsConfig;
  readonly policy: OwnershipPolicy;
  readonly publisher: EventPublisher;
  readonly reverseDirection: ReverseDirectionStore;
  readonly metrics: HubMetrics;
  readonly logger: Logger;
  /** Items of one Business Central notification judged at most (INGRESS_BC_MAX_ITEMS). */
  readonly bcMaxItems: number;
  /** Freshness windows of BC notifications and SAP events (INGRESS_BC_MAX_AGE, INGRESS_SAP_MAX_AGE). */
  readonly freshness: { readonly bcMaxAgeMs: number; readonly sapMaxAgeMs: number };
  /** Clock and event ids; tests inject fixed ones. */
  readonly identity: EventIdentity;
}
