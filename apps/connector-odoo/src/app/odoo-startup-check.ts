/**
 * Runs before the runtime starts: Odoo must have every field the connector writes. A
 * missing field refuses the start at once, with the fix; an unreachable Odoo is asked
 * again until the timeout, so a connector started just before Odoo still comes up.
 */
import type { Logger } from '@hub/observability';
import { untilReachable } from '@hub/connector-runtime';
import type { Sleep } from '@hub/resilience';
import type { OdooClient } from '../odoo/odoo-client';
import {
  OdooSetupError,
  findMissingFields,
  missingFieldsMessage,
  requiredOdooFields,
} from '../odoo/required-fields';

export interface OdooStartupCheckOptions {
  readonly client: OdooClient;
  readonly system: string;
  readonly odoo: { readonly url: string; readonly db: string; readonly referenceField: string };
  readonly timeoutMs: number;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly retryDelayMs?: number;
  readonly sleep?: Sleep;
  readonly now?: () => number;
}

export async function checkOdooSetup(
  options: OdooStartupCheckOptions,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  const { client, system, odoo, logger } = options;
  const required = requiredOdooFields(odoo.referenceField);
  const missing = await untilReachable(
    { ...options, target: `Odoo ${system}` },
    () => findMissingFields(client, required, signal),
    (failure) =>
      new OdooSetupError(
        `connector-odoo cannot start: checking that Odoo ${system} (${odoo.url}, database ${odoo.db}) has the fields it writes failed: ${failure.message}`,
      ),
    signal,
  );
  if (missing.length > 0) throw new OdooSetupError(missingFieldsMessage(system, odoo, missing));
  logger.info(
    { fields: required.map((r) => `${r.model}.${r.field}`) },
    'Odoo has every field the connector writes',
  );
}
