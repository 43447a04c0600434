/**
 * Pure: a BC purchase order read with `$expand=purchaseOrderLines` → the canonical purchase
 * order. Status (API v2.0): Draft (BC "Open") and In Review (Pending Approval) → draft,
 * Open (Released) → confirmed, or closed once fullyReceived. Line numbers are BC's
 * `sequence` (Line No.), which a WMS receipt names back; only Item lines are published.
 * The record id is the resource path a webhook would name:
 * `api/v2.0/companies(<company>)/purchaseOrders(<id>)`.
 */
import type { PurchaseOrder, PurchaseOrderStatus } from '@hub/contracts';
import { PermanentError } from '@hub/resilience';
import type { BcRow } from '../bc/bc-client';

export interface MappedPurchaseOrder {
  readonly sourceRecordId: string;
  readonly sourceVersion: number;
  readonly payload: PurchaseOrder;
}

const DAY_MS = 86_400_000;

export function decimalText(value: unknown): string {
  const number = Number(value);
  return String(Number.isFinite(number) ? Number(number.toFixed(6)) : 0);
}

function daysSinceEpoch(date: unknown): number | null {
  if (typeof date !== 'string' || date.startsWith('0001-')) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

export function purchaseOrderResource(companyId: string, id: string): string {
  return `api/v2.0/companies(${companyId})/purchaseOrders(${id})`;
}

export function mapPurchaseOrder(
  row: BcRow,
  companyId: string,
  systemId: string,
): MappedPurchaseOrder {
  const poNumber = String(row.number);
  const invalid = (detail: string) =>
    new PermanentError(
      'BC_PO_UNMAPPABLE',
      `Purchase order ${poNumber} in Business Central ${systemId} cannot be published: ${detail}`,
    );
  let status: PurchaseOrderStatus;
  if (row.status === 'Draft' || row.status === 'In Review') status = 'draft';
  else if (row.status === 'Open') status = row.fullyReceived === true ? 'closed' : 'confirmed';
  else throw invalid(`unknown status "${String(row.status)}"`);
  if (typeof row.currencyCode !== 'string' || row.currencyCode === '')
    throw invalid('it has no currency code');
  if (typeof row.vendorNumber !== 'string' || row.vendorNumber === '')
    throw invalid('it has no vendor');
  const lines = ((row.purchaseOrderLines ?? []) as BcRow[])
    .filter((line) => line.lineType === 'Item')
    .map((line) => ({
      lineNumber: Number(line.sequence),
      sku: String(line.lineObjectNumber),
      quantityOrdered: decimalText(line.quantity),
      unitOfMeasure: String(line.unitOfMeasureCode),
      unitPrice: decimalText(line.directUnitCost),
      expectedDate: daysSinceEpoch(line.expectedReceiptDate),
    }))
    .sort((a, b) => a.lineNumber - b.lineNumber);
  return {
    sourceRecordId: purchaseOrderResource(companyId, String(row.id)),
    sourceVersion: Date.parse(String(row.lastModifiedDateTime)),
    payload: {
      poNumber,
      supplierId: row.vendorNumber,
      status,
      currency: row.currencyCode,
      lines,
      // The company's id: stable where its display name may change.
      company: companyId,
    },
  };
}
