/**
 * Runs before the runtime starts: the communication user can log on and the three services
 * are there with what the connector uses (their `$metadata` names the entity sets and
 * function imports). A refused logon or a missing service refuses the start at once, with
 * the fix; an unreachable SAP is asked again until the timeout.
 */
import type { Logger } from '@hub/observability';
import { untilReachable } from '@hub/connector-runtime';
import { PermanentError, type Sleep } from '@hub/resilience';
import type { SapClient } from '../client/sap-client';

export class SapSetupError extends PermanentError {
  constructor(message: string) {
    super('SAP_SETUP_INCOMPLETE', message);
  }
}

/** Service → what its $metadata must declare, and the communication scenario that provides it. */
export function requiredServices(
  purchaseOrderService: string,
): Record<string, { names: string[]; scenario: string }> {
  return {
    API_PHYSICAL_INVENTORY_DOC_SRV: {
      names: ['A_PhysInventoryDocHeader', 'A_PhysInventoryDocItem', 'PostDifferences'],
      scenario: 'SAP_COM_0107 (Physical Inventory Document Integration)',
    },
    API_MATERIAL_DOCUMENT_SRV: {
      names: ['A_MaterialDocumentHeader', 'A_MaterialDocumentItem'],
      scenario: 'SAP_COM_0108 (Material Document Integration)',
    },
    [purchaseOrderService]: {
      names: ['A_PurchaseOrder', 'A_PurchaseOrderItem'],
      scenario: 'SAP_COM_0053 (Purchase Order Integration)',
    },
  };
}

export interface SapStartupCheckOptions {
  readonly client: SapClient;
  readonly url: string;
  readonly purchaseOrderService: string;
  readonly timeoutMs: number;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly retryDelayMs?: number;
  readonly sleep?: Sleep;
  readonly now?: () => number;
}

async function missingNames(
  client: SapClient,
  signal: AbortSignal,
  service: string,
  names: readonly string[],
): Promise<string[]> {
  const answer = await client.request({
    service,
    path: '$metadata',
    method: 'GET',
    headers: { accept: 'application/xml' },
    signal,
  });
  const xml = typeof answer.data === 'string' ? answer.data : '';
  return names.filter((name) => !new RegExp(`(EntitySet|FunctionImport) Name="${name}"`).test(xml));
}

export async function checkSapSetup(
  options: SapStartupCheckOptions,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  const { client, logger } = options;
  const where = `SAP ${client.systemId} (${options.url})`;
  for (const [service, { names, scenario }] of Object.entries(
    requiredServices(options.purchaseOrderService),
  )) {
    const missing = await untilReachable(
      { ...options, target: where },
      () => missingNames(client, signal, service, names),
      (failure) =>
        new SapSetupError(
          `connector-sap cannot start: reading the $metadata of ${service} on ${where} failed: ${failure.message}. The communication user needs a communication arrangement for ${scenario}`,
        ),
      signal,
    );
    if (missing.length > 0)
      throw new SapSetupError(
        `connector-sap cannot start: ${service} on ${where} lacks ${missing.join(', ')}; check the service version of communication scenario ${scenario}`,
      );
  }
  logger.info(
    { services: Object.keys(requiredServices(options.purchaseOrderService)) },
    'SAP has every service the connector uses',
  );
}
