/**
 * Goods receipt → one material document (API_MATERIAL_DOCUMENT_SRV, deep insert of
 * A_MaterialDocumentHeader with to_MaterialDocumentItem): goods movement code 01 (goods
 * receipt for a purchase order), one item per receipt line with movement type 101 and the PO
 * and PO item as reference (GoodsMovementRefDocType B). The hub reference goes into
 * MaterialDocumentHeaderText (25 characters, see hub-reference.ts), the WMS receipt id (its
 * delivery note) into ReferenceDocument (16). Material documents cannot be changed: a
 * correction is a cancellation plus a new document, which the hub never does on its own.
 */
import type { WriteContext, WriteResult } from '@hub/connector-runtime';
import type { GoodsReceipt } from '@hub/contracts';
import {
  entityOf,
  literal,
  odataDay,
  resultsOf,
  stringOf,
  type ODataEntity,
} from '../client/odata-values';
import type { SapClient } from '../client/sap-client';
import { materialDocumentHeaderText, repeatabilityHeaders } from './hub-reference';
import { locationOf, sapUnit, type SapWriteSettings } from './write-settings';

export const MATERIAL_DOCUMENT_SERVICE = 'API_MATERIAL_DOCUMENT_SRV';
const REFERENCE_DOCUMENT_LENGTH = 16;

const targetReference = (document: ODataEntity) =>
  `material-document/${stringOf(document, 'MaterialDocumentYear')}/${stringOf(document, 'MaterialDocument')}`;

export function materialDocumentOf(
  settings: SapWriteSettings,
  receipt: GoodsReceipt,
  correlationId: string,
): Record<string, unknown> {
  const { plant, storageLocation } = locationOf(settings, receipt.warehouse);
  return {
    GoodsMovementCode: '01',
    PostingDate: odataDay(receipt.receivedAt),
    DocumentDate: odataDay(receipt.receivedAt),
    MaterialDocumentHeaderText: materialDocumentHeaderText(correlationId),
    ReferenceDocument: receipt.receiptId.slice(0, REFERENCE_DOCUMENT_LENGTH),
    to_MaterialDocumentItem: receipt.lines.map((line) => ({
      Material: line.sku,
      Plant: plant,
      StorageLocation: storageLocation,
      GoodsMovementType: '101',
      PurchaseOrder: receipt.poNumber,
      PurchaseOrderItem: String(line.poLineNumber),
      GoodsMovementRefDocType: 'B',
      QuantityInEntryUnit: line.quantityReceived,
      EntryUnit: sapUnit(settings, line.unitOfMeasure),
    })),
  };
}

export async function applyGoodsReceipt(
  client: SapClient,
  settings: SapWriteSettings,
  receipt: GoodsReceipt,
  context: WriteContext,
): Promise<WriteResult> {
  const answer = await client.request({
    service: MATERIAL_DOCUMENT_SERVICE,
    path: 'A_MaterialDocumentHeader',
    method: 'POST',
    headers: repeatabilityHeaders(context.correlationId, 'material-document', receipt.receivedAt),
    body: materialDocumentOf(settings, receipt, context.correlationId),
    signal: context.signal,
  });
  return {
    targetReference: targetReference(entityOf(answer.data, 'the created material document')),
  };
}

/** The material document with this correlation id's header text whose items are not cancelled. */
export async function findMaterialDocument(
  client: SapClient,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const answer = await client.request({
    service: MATERIAL_DOCUMENT_SERVICE,
    path: 'A_MaterialDocumentHeader',
    method: 'GET',
    query: {
      $filter: `MaterialDocumentHeaderText eq ${literal(materialDocumentHeaderText(correlationId))}`,
      $expand: 'to_MaterialDocumentItem',
    },
    signal,
  });
  const live = resultsOf(answer.data, 'the material documents').find((document) =>
    resultsOf(document.to_MaterialDocumentItem, 'the material document items').some(
      (item) => item.GoodsMovementIsCancelled !== true,
    ),
  );
  return live === undefined ? undefined : { targetReference: targetReference(live) };
}
