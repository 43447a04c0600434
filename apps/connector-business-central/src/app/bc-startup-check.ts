/**
 * Runs before the runtime starts: the default company must open and the hub extension
 * (extensions/business-central) must answer in it. A missing extension or company refuses
 * the start at once, naming the fix; an unreachable Business Central is asked again until
 * the timeout, so a connector started just before it still comes up.
 */
import type { Logger } from '@hub/observability';
import { untilReachable } from '@hub/connector-runtime';
import { PermanentError, type HubError, type Sleep } from '@hub/resilience';
import { withQuery } from '../bc/bc-directory';
import type { BcClient } from '../bc/bc-client';
import type { BcDirectory } from '../bc/bc-directory';
import { BC_AUTH_ERROR_CODES } from '../bc/bc-token';

export class BcSetupError extends PermanentError {
  constructor(message: string) {
    super('BC_SETUP_INCOMPLETE', message);
  }
}

export interface BcStartupCheckOptions {
  readonly client: BcClient;
  readonly directory: BcDirectory;
  readonly system: string;
  readonly apiUrl: string;
  readonly company: string;
  readonly timeoutMs: number;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly retryDelayMs?: number;
  readonly sleep?: Sleep;
  readonly now?: () => number;
}

async function probe(options: BcStartupCheckOptions, signal: AbortSignal): Promise<void> {
  const { client, directory } = options;
  const companyId = await directory.companyId(options.company, signal);
  await client.get(
    withQuery(client.extension(companyId, 'hubInventoryWrites'), { $top: '1' }),
    'hubInventoryWrites',
    signal,
  );
}

export async function checkBcSetup(
  options: BcStartupCheckOptions,
  signal: AbortSignal,
): Promise<void> {
  const where = `Business Central ${options.system} (${options.apiUrl}, company ${options.company})`;
  await untilReachable(
    { ...options, target: where },
    () => probe(options, signal),
    (failure) => setupError(failure, where),
    signal,
  );
  options.logger.info({}, `${where} has the hub extension`);
}

function setupError(failure: HubError, where: string): BcSetupError {
  if (failure.code === 'BC_BadRequest_NotFound')
    return new BcSetupError(
      `connector-business-central cannot start: ${where} does not have the hub extension's API (api/hub/wms/v1.0). Install extensions/business-central (see its README) and give the Entra app its permission set. BC said: ${failure.message}`,
    );
  if (failure.code === BC_AUTH_ERROR_CODES.refused)
    return new BcSetupError(
      `connector-business-central cannot start: ${failure.message} (check BC_CLIENT_ID, BC_CLIENT_SECRET, BC_TENANT_ID, BC_SCOPE and the app's entry in "Microsoft Entra Applications")`,
    );
  return new BcSetupError(
    `connector-business-central cannot start: checking ${where} failed: ${failure.message}`,
  );
}
