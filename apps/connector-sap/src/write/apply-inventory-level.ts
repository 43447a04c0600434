/**
 * Inventory level ("set stock to N") → a physical inventory document (API_PHYSICAL_INVENTORY_DOC_SRV)
 * for the warehouse's plant and storage location, in three resumable steps (the kit's
 * runSteps records each step's result, so a retry resumes at the step that failed):
 *   1. create the document with the material as its one item, the hub reference in
 *      PhysInventoryReferenceNumber, no book-quantity snapshot (the count is compared with the
 *      book quantity when it is entered). A document of this reference that is not posted yet
 *      (its create answered but not recorded) is taken over instead of creating another;
 *   2. enter the count on the item (PATCH with the item's ETag; a zero count sets
 *      PhysicalInventoryItemIsZero);
 *   3. post the difference (`PostDifferences`) unless the item's PhysInvtryDifferenceIsPosted
 *      says it was posted already: SAP books 701/702 for the difference, once.
 */
import type { WriteContext, WriteResult } from '@hub/connector-runtime';
import { runSteps } from '@hub/connector-runtime';
import type { InventoryLevel } from '@hub/contracts';
import type { JsonValue } from '@hub/idempotency';
import { PermanentError } from '@hub/resilience';
import {
  entityOf,
  literal,
  odataDay,
  resultsOf,
  stringOf,
  type ODataEntity,
} from '../client/odata-values';
import type { SapClient } from '../client/sap-client';
import { physInventoryReference, repeatabilityHeaders } from './hub-reference';
import { WRITE_ERROR_CODES, locationOf, sapUnit, type SapWriteSettings } from './write-settings';

export const PI_SERVICE = 'API_PHYSICAL_INVENTORY_DOC_SRV';

interface DocumentKey {
  readonly FiscalYear: string;
  readonly PhysicalInventoryDocument: string;
}

const targetReference = (key: DocumentKey) =>
  `physical-inventory/${key.FiscalYear}/${key.PhysicalInventoryDocument}`;

function keyOf(value: JsonValue | undefined): DocumentKey {
  const record = (
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}
  ) as Record<string, JsonValue>;
  const textOf = (field: JsonValue | undefined) => (typeof field === 'string' ? field : '');
  return {
    FiscalYear: textOf(record.FiscalYear),
    PhysicalInventoryDocument: textOf(record.PhysicalInventoryDocument),
  };
}

const itemPath = (key: DocumentKey) =>
  `A_PhysInventoryDocItem(FiscalYear=${literal(key.FiscalYear)},PhysicalInventoryDocument=${literal(key.PhysicalInventoryDocument)},PhysicalInventoryDocumentItem='1')`;

/** The documents carrying this reference, with their items. */
export async function physInventoryDocumentsOf(
  client: SapClient,
  reference: string,
  signal: AbortSignal,
): Promise<ODataEntity[]> {
  const answer = await client.request({
    service: PI_SERVICE,
    path: 'A_PhysInventoryDocHeader',
    method: 'GET',
    query: {
      $filter: `PhysInventoryReferenceNumber eq ${literal(reference)}`,
      $expand: 'to_PhysicalInventoryDocumentItem',
    },
    signal,
  });
  return resultsOf(answer.data, 'the physical inventory documents');
}

const itemsOf = (document: ODataEntity) =>
  resultsOf(document.to_PhysicalInventoryDocumentItem, 'the document items');
const posted = (document: ODataEntity) => {
  const items = itemsOf(document);
  return items.length > 0 && items.every((item) => item.PhysInvtryDifferenceIsPosted === true);
};
const documentKey = (document: ODataEntity): DocumentKey => ({
  FiscalYear: stringOf(document, 'FiscalYear'),
  PhysicalInventoryDocument: stringOf(document, 'PhysicalInventoryDocument'),
});

export async function applyInventoryLevel(
  client: SapClient,
  settings: SapWriteSettings,
  level: InventoryLevel,
  context: WriteContext,
): Promise<WriteResult> {
  const { signal, correlationId } = context;
  const { plant, storageLocation } = locationOf(settings, level.warehouse);
  const reference = physInventoryReference(correlationId);
  const results = await runSteps(context, [
    {
      name: 'create-document',
      run: async () => {
        const open = (await physInventoryDocumentsOf(client, reference, signal)).find(
          (d) => !posted(d),
        );
        if (open !== undefined) return { ...documentKey(open) };
        const answer = await client.request({
          service: PI_SERVICE,
          path: 'A_PhysInventoryDocHeader',
          method: 'POST',
          headers: repeatabilityHeaders(correlationId, 'create-document', level.asOf),
          body: {
            Plant: plant,
            StorageLocation: storageLocation,
            DocumentDate: odataDay(level.asOf),
            PhysInventoryPlannedCountDate: odataDay(level.asOf),
            PhysInventoryReferenceNumber: reference,
            PhysInvtryDocHasQtySnapshot: false,
            to_PhysicalInventoryDocumentItem: [{ Material: level.sku }],
          },
          signal,
        });
        return { ...documentKey(entityOf(answer.data, 'the created physical inventory document')) };
      },
    },
    {
      name: 'enter-count',
      run: async (previous) => {
        const key = keyOf(previous['create-document']);
        const item = await client.request({
          service: PI_SERVICE,
          path: itemPath(key),
          method: 'GET',
          signal,
        });
        if (entityOf(item.data, 'the document item').PhysInvtryDifferenceIsPosted === true)
          return { counted: true };
        const zero = Number(level.quantityOnHand) === 0;
        await client.request({
          service: PI_SERVICE,
          path: itemPath(key),
          method: 'PATCH',
          headers: { 'if-match': item.headers.etag ?? '*' },
          body: zero
            ? { PhysicalInventoryItemIsZero: true }
            : {
                QuantityInUnitOfEntry: level.quantityOnHand,
                UnitOfEntry: sapUnit(settings, level.unitOfMeasure),
              },
          signal,
        });
        return { counted: true };
      },
    },
    {
      name: 'post-difference',
      run: async (previous) => {
        const key = keyOf(previous['create-document']);
        const item = entityOf(
          (
            await client.request({
              service: PI_SERVICE,
              path: itemPath(key),
              method: 'GET',
              signal,
            })
          ).data,
          'the document item',
        );
        if (item.PhysInvtryDifferenceIsPosted !== true)
          await client.request({
            service: PI_SERVICE,
            path: 'PostDifferences',
            method: 'POST',
            query: {
              FiscalYear: literal(key.FiscalYear),
              PhysicalInventoryDocument: literal(key.PhysicalInventoryDocument),
            },
            headers: repeatabilityHeaders(correlationId, 'post-difference', level.asOf),
            signal,
          });
        return { ...key };
      },
    },
  ]);
  const key = keyOf(results['post-difference']);
  if (key.PhysicalInventoryDocument === '')
    throw new PermanentError(
      WRITE_ERROR_CODES.documentNotFound,
      `SAP ${settings.systemId}: the physical inventory steps left no document number`,
    );
  return { targetReference: targetReference(key) };
}

/** A posted document with this correlation id's reference is the write; an unposted one is resumed by apply. */
export async function findPostedInventoryLevel(
  client: SapClient,
  correlationId: string,
  signal: AbortSignal,
): Promise<WriteResult | undefined> {
  const documents = await physInventoryDocumentsOf(
    client,
    physInventoryReference(correlationId),
    signal,
  );
  const done = documents.find(posted);
  return done === undefined ? undefined : { targetReference: targetReference(documentKey(done)) };
}
