import { decideBegin } from './begin-policy';
import type { AppliedVersion, BeginRequest, WriteRecord } from './write-types';

const now = Date.UTC(2025, 10, 27, 10, 10);
const tenOClock = Date.UTC(2025, 10, 27, 10, 0);
const fiveMinutes = 5 * 60 * 1000;

const request: BeginRequest = {
  target: 'sap',
  correlationId: 'c-10-00',
  entityType: 'inventory-level',
  entityKey: 'WH1:SKU-42',
  sourceVersion: tenOClock,
  leaseOwner: 'worker-b',
  leaseMs: 30_000,
};

function record(change: Partial<WriteRecord>): WriteRecord {
  return {
    target: request.target,
    correlationId: request.correlationId,
    entityType: request.entityType,
    entityKey: request.entityKey,
    sourceVersion: request.sourceVersion,
    state: 'in-flight',
    leaseOwner: null,
    leaseExpiresAt: null,
    attempts: 1,
    steps: {},
    result: null,
    error: null,
    createdAt: now - 60_000,
    updatedAt: now - 60_000,
    ...change,
  };
}

function guard(version: number, correlationId = 'c-other'): AppliedVersion {
  return { version, correlationId, appliedAt: now - 1000 };
}

describe('decideBegin', () => {
  it('lets the caller race for the lease when nothing is stored', () => {
    expect(decideBegin(null, null, request, now)).toEqual({ kind: 'try-lease' });
  });

  it('answers already-done with the recorded result', () => {
    const done = record({ state: 'succeeded', result: { document: '4711' } });
    expect(decideBegin(done, null, request, now)).toEqual({
      kind: 'already-done',
      result: { document: '4711' },
      recordPurged: false,
    });
  });

  it('answers already-done before superseded: the same event was applied, whatever came later', () => {
    const done = record({ state: 'succeeded', result: 'ok' });
    expect(decideBegin(done, guard(tenOClock + fiveMinutes), request, now).kind).toBe(
      'already-done',
    );
  });

  it('answers failed-permanently with the recorded error', () => {
    const failed = record({ state: 'failed-permanently', error: { code: 'UNKNOWN_PO' } });
    expect(decideBegin(failed, null, request, now)).toEqual({
      kind: 'failed-permanently',
      error: { code: 'UNKNOWN_PO' },
    });
  });

  it('answers in-flight-elsewhere while another lease is live', () => {
    const leased = record({ leaseOwner: 'worker-a', leaseExpiresAt: now + 1 });
    expect(decideBegin(leased, null, request, now)).toEqual({
      kind: 'in-flight-elsewhere',
      leaseOwner: 'worker-a',
      leaseExpiresAt: now + 1,
    });
  });

  it('never grants a live lease twice, even to the owner that holds it', () => {
    const leased = record({ leaseOwner: request.leaseOwner, leaseExpiresAt: now + 1 });
    expect(decideBegin(leased, null, request, now).kind).toBe('in-flight-elsewhere');
  });

  it.each([
    ['expired', { leaseOwner: 'worker-a', leaseExpiresAt: now - 1 }],
    ['expiring at this instant', { leaseOwner: 'worker-a', leaseExpiresAt: now }],
    ['released', { leaseOwner: null, leaseExpiresAt: null }],
  ])('lets the caller take over an in-flight write whose lease is %s', (_case, lease) => {
    expect(decideBegin(record(lease), null, request, now)).toEqual({ kind: 'try-lease' });
  });

  it('answers superseded when a strictly newer version was applied', () => {
    expect(decideBegin(null, guard(tenOClock + fiveMinutes, 'c-10-05'), request, now)).toEqual({
      kind: 'superseded',
      appliedVersion: tenOClock + fiveMinutes,
      appliedByCorrelationId: 'c-10-05',
    });
  });

  it('supersedes a released, half-done write too once a newer version was applied', () => {
    const halfDone = record({ steps: { create: '100000123' } });
    expect(decideBegin(halfDone, guard(tenOClock + 1), request, now).kind).toBe('superseded');
  });

  it('applies an equal version from a different event (same coarse timestamp)', () => {
    expect(decideBegin(null, guard(tenOClock, 'c-other-change'), request, now)).toEqual({
      kind: 'try-lease',
    });
  });

  it('applies a newer version', () => {
    expect(decideBegin(null, guard(tenOClock - fiveMinutes), request, now)).toEqual({
      kind: 'try-lease',
    });
  });

  it('answers already-done (record purged) when the guard shows this very event applied', () => {
    expect(decideBegin(null, guard(tenOClock, request.correlationId), request, now)).toEqual({
      kind: 'already-done',
      result: null,
      recordPurged: true,
    });
  });

  it('does not mistake an in-flight record for a purged one', () => {
    const released = record({});
    expect(decideBegin(released, guard(tenOClock, request.correlationId), request, now)).toEqual({
      kind: 'try-lease',
    });
  });
});
