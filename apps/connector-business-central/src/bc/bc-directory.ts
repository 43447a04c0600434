/**
 * Names → ids, cached: companies (by id or name), a hub warehouse → its company and BC
 * location, an item number → the item's id. An unknown company, location or item is a
 * permanent failure naming what to fix.
 */
import { TtlCache } from '@hub/connector-runtime';
import { PermanentError, type Clock } from '@hub/resilience';
import { odataString, type BcClient, type BcRow } from './bc-client';

export interface BcWarehouseSettings {
  readonly company: string;
  readonly warehouses: Readonly<
    Record<string, { readonly company?: string; readonly location: string }>
  >;
}

export interface BcTarget {
  readonly companyId: string;
  readonly locationCode: string;
  readonly locationId: string;
}

export const BC_LOOKUP_ERROR_CODES = {
  unknownCompany: 'BC_UNKNOWN_COMPANY',
  unknownLocation: 'BC_UNKNOWN_LOCATION',
  unknownItem: 'BC_UNKNOWN_ITEM',
} as const;

/** `$filter=…` etc. with values percent-encoded (spaces as %20, which every OData server reads). */
export function withQuery(url: string, query: Readonly<Record<string, string>>): string {
  const parts = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return `${url}?${parts.join('&')}`;
}

export class BcDirectory {
  private readonly companies: TtlCache<readonly BcRow[]>;
  private readonly ids: TtlCache<string>;

  constructor(
    private readonly client: BcClient,
    private readonly settings: BcWarehouseSettings,
    private readonly systemId: string,
    ttlMs: number,
    clock: Clock,
  ) {
    this.companies = new TtlCache({ ttlMs, clock });
    this.ids = new TtlCache({ ttlMs, clock, maxEntries: 10_000 });
  }

  async companyId(idOrName: string, signal?: AbortSignal): Promise<string> {
    const rows = await this.companies.getOrLoad('all', () =>
      this.client.list(this.client.standard(undefined, 'companies'), 'companies', signal),
    );
    const found = rows.find((c) => c.id === idOrName || c.name === idOrName);
    if (typeof found?.id !== 'string')
      throw new PermanentError(
        BC_LOOKUP_ERROR_CODES.unknownCompany,
        `Business Central ${this.systemId} has no company "${idOrName}" the app can open (check BC_COMPANY / BC_WAREHOUSES and the app's permissions)`,
      );
    return found.id;
  }

  /** The company and location a hub warehouse maps to. */
  async target(warehouse: string, signal?: AbortSignal): Promise<BcTarget> {
    const mapped = this.settings.warehouses[warehouse];
    const companyId = await this.companyId(mapped?.company ?? this.settings.company, signal);
    const locationCode = mapped?.location ?? warehouse;
    const locationId = await this.ids.getOrLoad(
      `location:${companyId}:${locationCode}`,
      async () => {
        const url = withQuery(this.client.standard(companyId, 'locations'), {
          $filter: `code eq ${odataString(locationCode)}`,
        });
        const [row] = await this.client.list(url, 'locations', signal);
        if (typeof row?.id !== 'string')
          throw new PermanentError(
            BC_LOOKUP_ERROR_CODES.unknownLocation,
            `Warehouse ${warehouse}: Business Central ${this.systemId} has no location ${locationCode} in company ${companyId} (map it in BC_WAREHOUSES)`,
          );
        return row.id;
      },
    );
    return { companyId, locationCode, locationId };
  }

  async itemId(companyId: string, number: string, signal?: AbortSignal): Promise<string> {
    return this.ids.getOrLoad(`item:${companyId}:${number}`, async () => {
      const url = withQuery(this.client.standard(companyId, 'items'), {
        $filter: `number eq ${odataString(number)}`,
      });
      const [row] = await this.client.list(url, 'items', signal);
      if (typeof row?.id !== 'string')
        throw new PermanentError(
          BC_LOOKUP_ERROR_CODES.unknownItem,
          `Business Central ${this.systemId} has no item ${number} in company ${companyId}`,
        );
      return row.id;
    });
  }
}
