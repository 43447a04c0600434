/**
 * The deterministic correlation id of a change, reproducible by any system (recipe in the
 * README): the same delivery repeated yields the same id; two different changes of one
 * record that share a source version get different ids (Odoo's write_date has 1-second
 * precision, and a WMS batch may stamp many changes alike), because the payload digest
 * is part of the input.
 */
import { createHash } from 'node:crypto';
import type { EntityType } from './entity-types';
import { canonicalJson } from './canonical-json';

/** Recipe version 1; a changed recipe gets a new prefix so old and new ids never collide. */
export const correlationIdPrefix = 'c1-';

/** 32 hex digits (128 bits): with the prefix, 35 characters, the common ERP reference field size (e.g. Business Central's "Your Reference", Text[35]). */
const digestHexLength = 32;

export interface CorrelationInput {
  readonly sourceSystem: string;
  readonly entityType: EntityType;
  readonly sourceRecordId: string;
  /** The source's change timestamp, epoch milliseconds (UTC). */
  readonly sourceVersion: number;
  /** payloadDigest(payload) of the canonical payload. */
  readonly payloadDigest: string;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 (hex) of the payload's canonical JSON (sorted keys, no whitespace). */
export function payloadDigest(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

export function correlationId(input: CorrelationInput): string {
  // A JSON array, not a joined string: ('a:b', 'c') and ('a', 'b:c') must not collide.
  const material = JSON.stringify([
    input.sourceSystem,
    input.entityType,
    input.sourceRecordId,
    input.sourceVersion,
    input.payloadDigest,
  ]);
  return correlationIdPrefix + sha256Hex(material).slice(0, digestHexLength);
}

/** Prefix of a repair's id: never equal to a change's (`c1-`) id, so a repair is a write of its own. */
export const repairCorrelationIdPrefix = 'r1-';

/**
 * The id of a repair: the owner's change `original` written again by reconciliation run
 * `runId`. Deterministic, so the same run repairing the same change twice writes once;
 * another run repairs again (the receiver drifted again). Same length as a change's id.
 */
export function repairCorrelationId(original: string, runId: string): string {
  const material = JSON.stringify(['repair', original, runId]);
  return repairCorrelationIdPrefix + sha256Hex(material).slice(0, digestHexLength);
}
