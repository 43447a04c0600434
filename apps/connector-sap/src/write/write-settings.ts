/** What the write side needs of the settings: where a hub warehouse is in SAP, and the units. */
import { PermanentError } from '@hub/resilience';

export const WRITE_ERROR_CODES = {
  unknownWarehouse: 'SAP_UNKNOWN_WAREHOUSE',
  documentNotFound: 'SAP_DOCUMENT_NOT_FOUND',
} as const;

export interface SapWriteSettings {
  readonly systemId: string;
  readonly warehouses: Readonly<Record<string, { plant: string; storageLocation: string }>>;
  readonly uomMap: Readonly<Record<string, string>>;
}

export function locationOf(
  settings: SapWriteSettings,
  warehouse: string,
): { plant: string; storageLocation: string } {
  const location = Object.hasOwn(settings.warehouses, warehouse)
    ? settings.warehouses[warehouse]
    : undefined;
  if (location === undefined)
    throw new PermanentError(
      WRITE_ERROR_CODES.unknownWarehouse,
      `Warehouse ${warehouse} has no SAP plant and storage location in SAP_WAREHOUSES (SAP ${settings.systemId})`,
    );
  return location;
}

export function sapUnit(settings: SapWriteSettings, unit: string): string {
  return Object.hasOwn(settings.uomMap, unit) ? (settings.uomMap[unit] ?? unit) : unit;
}
