/**
 * An F&O purchase order (PurchaseOrderHeadersV2 with its PurchaseOrderLinesV2) → the
 * canonical purchase order. Status: PurchaseOrderStatus Canceled → cancelled, Received or
 * Invoiced → closed, an open order (Backorder) whose DocumentApprovalStatus is Confirmed →
 * confirmed, anything else → draft (not published). F&O writes an empty date as
 * 1900-01-01, which maps to no date. The source version is HubModifiedDateTime (the
 * extension adds it: PurchTable's modifiedDateTime).
 */
import type { PurchaseOrder, PurchaseOrderStatus } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import type { FoRow } from '../fo/fo-client';

export interface MappedPurchaseOrder {
  readonly sourceRecordId: string;
  readonly sourceVersion: number;
  readonly payload: PurchaseOrder;
}

const DAY_MS = 86_400_000;

export function statusOf(header: FoRow): PurchaseOrderStatus {
  const status = header.PurchaseOrderStatus;
  if (status === 'Canceled') return 'cancelled';
  if (status === 'Received' || status === 'Invoiced') return 'closed';
  return header.DocumentApprovalStatus === 'Confirmed' ? 'confirmed' : 'draft';
}

/** Epoch ms of an OData DateTimeOffset; undefined when absent or F&O's empty date (1900-01-01). */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) || new Date(time).getUTCFullYear() <= 1900 ? undefined : time;
}

export function poRecordId(legalEntity: string, poNumber: string): string {
  return `${legalEntity}/${poNumber}`;
}

export function mapPurchaseOrder(
  header: FoRow,
  lines: readonly FoRow[],
  legalEntity: string,
  systemId: string,
): MappedPurchaseOrder {
  const poNumber = String(header.PurchaseOrderNumber ?? '');
  const invalid = (detail: string) =>
    new PermanentError(
      'FO_PO_UNMAPPABLE',
      `Purchase order ${poNumber} in F&O ${systemId} (legal entity ${legalEntity}) cannot be published: ${detail}`,
    );
  const version = timeOf(header.HubModifiedDateTime);
  if (version === undefined)
    throw invalid('it has no HubModifiedDateTime (is the hub extension installed?)');
  if (typeof header.CurrencyCode !== 'string' || header.CurrencyCode === '')
    throw invalid('it has no currency');
  if (typeof header.OrderVendorAccountNumber !== 'string' || header.OrderVendorAccountNumber === '')
    throw invalid('it has no vendor account');
  const mapped = [...lines]
    .sort((a, b) => Number(a.LineNumber) - Number(b.LineNumber))
    .map((line) => {
      const lineNumber = Number(line.LineNumber);
      if (!Number.isInteger(lineNumber) || lineNumber <= 0)
        throw invalid(`line number ${String(line.LineNumber)} is not a positive whole number`);
      if (typeof line.ItemNumber !== 'string' || line.ItemNumber === '')
        throw invalid(`line ${lineNumber} has no item number`);
      const expected = timeOf(line.ConfirmedDeliveryDate) ?? timeOf(line.RequestedDeliveryDate);
      return {
        lineNumber,
        sku: line.ItemNumber,
        quantityOrdered: String(line.OrderedPurchaseQuantity ?? 0),
        unitOfMeasure: String(line.PurchaseUnitSymbol ?? ''),
        unitPrice: String(line.PurchasePrice ?? 0),
        expectedDate: expected === undefined ? null : Math.floor(expected / DAY_MS),
      };
    });
  return {
    sourceRecordId: poRecordId(legalEntity, poNumber),
    sourceVersion: version,
    payload: {
      poNumber,
      supplierId: header.OrderVendorAccountNumber,
      status: statusOf(header),
      currency: header.CurrencyCode,
      lines: mapped,
      company: legalEntity,
    },
  };
}
