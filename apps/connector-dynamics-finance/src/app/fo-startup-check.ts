/**
 * Runs before the runtime starts: Entra ID must issue a token for the app, F&O must accept
 * it (the app is registered under Microsoft Entra applications) and the legal entity must
 * exist. A refusal stops the start at once with the fix; an unreachable Entra ID or F&O is
 * asked again until the timeout.
 */
import { untilReachable, type CredentialCache } from '@hub/connector-runtime';
import type { Logger } from '@hub/observability';
import { PermanentError, type Sleep } from '@hub/resilience';
import { literal, type FoClient } from '../fo/fo-client';

export class FoSetupError extends PermanentError {
  constructor(message: string) {
    super('FO_SETUP_INCOMPLETE', message);
    this.name = 'FoSetupError';
  }
}

export interface FoStartupCheckOptions {
  readonly client: FoClient;
  readonly tokens: CredentialCache<string>;
  readonly system: string;
  readonly url: string;
  readonly timeoutMs: number;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly retryDelayMs?: number;
  readonly sleep?: Sleep;
  readonly now?: () => number;
}

async function legalEntityExists(client: FoClient, signal: AbortSignal): Promise<boolean> {
  const { rows } = await client.page(
    'LegalEntities',
    { filter: `LegalEntityId eq ${literal(client.legalEntity)}`, top: 1, company: false },
    signal,
  );
  return rows.length > 0;
}

export async function checkFoSetup(
  options: FoStartupCheckOptions,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  const { client, system, url, logger } = options;
  const prefix = `connector-dynamics-finance cannot start: F&O ${system} (${url})`;
  const exists = await untilReachable(
    { ...options, target: `F&O ${system} or Entra ID` },
    async () => {
      await options.tokens.get();
      return legalEntityExists(client, signal);
    },
    (failure) => new FoSetupError(`${prefix}: ${failure.message}`),
    signal,
  );
  if (!exists)
    throw new FoSetupError(
      `${prefix}: legal entity ${client.legalEntity} does not exist; set DYNAMICS_FINANCE_LEGAL_ENTITY to a dataAreaId of that environment`,
    );
  logger.info({ legalEntity: client.legalEntity }, 'F&O accepts the app and has the legal entity');
}
