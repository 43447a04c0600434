/** OpenAPI descriptions of the filters (there is no decorator metadata to infer them from). */
import { ApiQuery } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';

const filterDocs: readonly [string, string][] = [
  ['status', 'open, retrying, resolved or discarded; comma-separated or repeated for several'],
  ['target', 'system id the write was for, e.g. odoo'],
  ['entityType', 'inventory-level, purchase-order or goods-receipt'],
  ['entityKey', 'exact entity key'],
  ['errorClass', 'transient or permanent (of the last attempt)'],
  ['errorCode', "the last attempt's error code, e.g. ERP_VALIDATION"],
  ['from', 'dead-lettered at or after: 2026-12-04, 2026-12-04 13:30 (UTC) or ISO 8601'],
  ['to', 'dead-lettered before (same forms); after from'],
  ['q', 'text contained in the last error message (case-insensitive, literal)'],
];

export function ApiItemFilters(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...filterDocs.map(([name, description]) =>
      ApiQuery({ name, required: false, description, schema: { type: 'string' } }),
    ),
  );
}

export const filterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    filterDocs.map(([name, description]) => [name, { type: 'string', description }]),
  ),
} as const;

export const noteBody = (required: boolean) => ({
  schema: {
    type: 'object',
    additionalProperties: false,
    required: required ? ['note'] : [],
    properties: { note: { type: 'string', minLength: 1, maxLength: 2000 } },
  },
});

export const problemResponse = {
  description: 'RFC 9457 problem (application/problem+json)',
};
