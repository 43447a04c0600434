import type { BeginRequest } from '../write-types';
import { bigintArrayLiteral, textArrayLiteral, textLiteral, timestampLiteral } from './sql';

/**
 * Where a begin statement reads its batch from: SQL expressions, either literals of one batch
 * (a statement that travels in a multi-statement query) or a prepared statement's parameters
 * (`parameterInput`, whose arguments `executeArguments` writes as literals). One statement text
 * serves both, so the prepared read and the one-off read cannot drift apart.
 */
export interface BeginInputSql {
  readonly target: string;
  readonly correlationIds: string;
  readonly entityTypes: string;
  readonly entityKeys: string;
  readonly versions: string;
  readonly leaseOwners: string;
  readonly leaseMs: string;
  readonly arrivals: string;
  readonly semantics: string;
  readonly now: string;
}

const order: readonly (keyof BeginInputSql)[] = [
  'target',
  'correlationIds',
  'entityTypes',
  'entityKeys',
  'versions',
  'leaseOwners',
  'leaseMs',
  'arrivals',
  'semantics',
  'now',
];

const types: Readonly<Record<keyof BeginInputSql, string>> = {
  target: 'text',
  correlationIds: 'text[]',
  entityTypes: 'text[]',
  entityKeys: 'text[]',
  versions: 'bigint[]',
  leaseOwners: 'text[]',
  leaseMs: 'bigint[]',
  arrivals: 'bigint[]',
  semantics: 'text[]',
  now: 'timestamptz',
};

/** A prepared statement's parameters, in `order`, typed. */
export const parameterInput = Object.fromEntries(
  order.map((name, index) => [name, `$${String(index + 1)}::${types[name]}`]),
) as unknown as BeginInputSql;

/** The parameter types of a statement written with `parameterInput`, for PREPARE. */
export const parameterTypes: string = order.map((name) => types[name]).join(', ');

/** One batch's input as literals; the requests share one target. */
export function literalInput(requests: readonly BeginRequest[], now: number): BeginInputSql {
  const texts = (pick: (request: BeginRequest) => string): string =>
    textArrayLiteral(requests.map(pick));
  const bigints = (pick: (request: BeginRequest) => number): string =>
    bigintArrayLiteral(requests.map(pick));
  return {
    target: textLiteral(requests[0]?.target ?? ''),
    correlationIds: texts((request) => request.correlationId),
    entityTypes: texts((request) => request.entityType),
    entityKeys: texts((request) => request.entityKey),
    versions: bigints((request) => request.sourceVersion),
    leaseOwners: texts((request) => request.leaseOwner),
    leaseMs: bigints((request) => request.leaseMs),
    arrivals: bigints((request) => request.arrivalOrder ?? 0),
    semantics: texts((request) => request.semantics ?? 'state'),
    now: timestampLiteral(now),
  };
}

/** The arguments of EXECUTE for a statement written with `parameterInput`. */
export function executeArguments(input: BeginInputSql): string {
  return order.map((name) => input[name]).join(', ');
}

/**
 * The requests of a batch as rows: `ord` is each one's place in the batch (1-based), as the
 * states statement numbers its keys.
 */
export function inputRows(input: BeginInputSql): string {
  return `SELECT * FROM unnest(${input.correlationIds}, ${input.entityTypes}, ${input.entityKeys}, ${input.versions},
                            ${input.leaseOwners}, ${input.leaseMs}, ${input.arrivals}, ${input.semantics})
                     WITH ORDINALITY AS u(cid, etype, ekey, version, owner, lease_ms, arrival, semantics, ord)`;
}
