/** Reading and writing OData V2 JSON: `{"d": …}` envelopes, `/Date(ms)/`, string literals in $filter. */
import { PermanentError } from '@hub/resilience';
import { SAP_ERROR_CODES } from './sap-errors';

export type ODataEntity = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const unexpected = (what: string) =>
  new PermanentError(
    SAP_ERROR_CODES.unexpectedAnswer,
    `SAP answered ${what} without the OData V2 envelope {"d": …}`,
  );

/** `{"d": {…}}` → the entity. */
export function entityOf(data: unknown, what: string): ODataEntity {
  if (!isObject(data) || !isObject(data.d)) throw unexpected(what);
  return data.d;
}

/** `{"d": {"results": […]}}` → the entities; also a navigation property's `{results: […]}`. */
export function resultsOf(data: unknown, what: string): ODataEntity[] {
  const container = isObject(data) && isObject(data.d) ? data.d : data;
  if (!isObject(container) || !Array.isArray(container.results)) throw unexpected(what);
  return container.results.filter(isObject);
}

export function stringOf(entity: ODataEntity, property: string): string {
  const value = entity[property];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** `/Date(1699142400000)/`, `/Date(1699142400000+0000)/` → epoch ms. */
export function dateOf(entity: ODataEntity, property: string): number | undefined {
  const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(stringOf(entity, property));
  return match ? Number(match[1]) : undefined;
}

/** Midnight UTC of the day, as an Edm.DateTime value. */
export function odataDay(ms: number): string {
  return `/Date(${ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000)})/`;
}

/** A string literal for $filter and key predicates: quotes doubled. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `datetimeoffset'2025-03-01T10:00:00.123Z'` for $filter. */
export function dateTimeOffsetLiteral(ms: number): string {
  return `datetimeoffset'${new Date(ms).toISOString()}'`;
}

/** "7.000" → "7", "130.50" → "130.5": the hub's decimal strings carry no trailing zeros. */
export function decimalText(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.includes('.')) return trimmed;
  return trimmed.replace(/0+$/, '').replace(/\.$/, '');
}
