/** The list query of /api/change-requests and the console page: filters and paging, checked. */
import { entityTypes } from '@hub/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { check } from '../api/request-schemas';
import { CHANGE_REQUEST_STATES, type ChangeRequestFilter } from './change-request-store';

const blankIsAbsent = (value: unknown): unknown => (value === '' ? undefined : value);

const querySchema = z
  .object({
    state: z.preprocess(blankIsAbsent, z.enum(CHANGE_REQUEST_STATES).optional()),
    entityType: z.preprocess(blankIsAbsent, z.enum(entityTypes).optional()),
    entityKey: z.preprocess(blankIsAbsent, z.string().max(500).optional()),
    page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100_000).default(1)),
    pageSize: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(200).default(50)),
  })
  .strict();

export interface ChangeRequestQuery {
  readonly filter: ChangeRequestFilter;
  readonly page: number;
  readonly pageSize: number;
}

/** Throws 400 (problem+json) naming every field that does not fit. */
export function parseChangeRequestQuery(raw: unknown): ChangeRequestQuery {
  const { page, pageSize, ...filter } = check(querySchema, raw ?? {});
  const defined = Object.fromEntries(
    // A blank form field parses to a key holding undefined: left out.
    Object.entries(filter as Record<string, unknown>).filter(([, value]) => value !== undefined),
  ) as ChangeRequestFilter;
  return { filter: defined, page, pageSize };
}

const queryDocs: readonly [string, string][] = [
  ['state', `delivery state: ${CHANGE_REQUEST_STATES.join(', ')}`],
  ['entityType', 'inventory-level, purchase-order or goods-receipt'],
  ['entityKey', 'exact entity key'],
  ['page', '1-based page, default 1'],
  ['pageSize', '1 to 200, default 50'],
];

/** The query's parameters in the OpenAPI document. */
export function ApiChangeRequestQuery(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...queryDocs.map(([name, description]) =>
      ApiQuery({ name, required: false, description, schema: { type: 'string' } }),
    ),
  );
}
