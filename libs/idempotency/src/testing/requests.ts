import { uniqueName } from '@hub/testing';
import type { BeginRequest } from '../write-types';

export const tenOClock = Date.UTC(2025, 10, 27, 10, 0);
export const minutes = (n: number): number => n * 60 * 1000;

/** A begin() request for a fresh event of a fresh entity unless told otherwise. */
export function beginRequest(change: Partial<BeginRequest> = {}): BeginRequest {
  return {
    target: 'sap',
    correlationId: uniqueName('corr'),
    entityType: 'inventory-level',
    entityKey: uniqueName('WH1:SKU'),
    sourceVersion: tenOClock,
    leaseOwner: 'worker-a',
    leaseMs: 30_000,
    ...change,
  };
}
