import { decideBegin } from './begin-policy';
import type { AppliedVersion, BeginRequest, RecordClaim, WriteRecord } from './write-types';

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
  return { version, correlationId, arrivalOrder: 0, appliedAt: now - 1000 };
}

const hold = 60 * 60 * 1000;

describe('decideBegin', () => {
  it('lets the caller race for the lease when nothing is stored', () => {
    expect(decideBegin({ record: null, guard: null, claim: null }, request, now, hold)).toEqual({
      kind: 'try-lease',
    });
  });

  it('answers already-done with the recorded result', () => {
    const done = record({ state: 'succeeded', result: { document: '4711' } });
    expect(decideBegin({ record: done, guard: null, claim: null }, request, now, hold)).toEqual({
      kind: 'already-done',
      result: { document: '4711' },
      recordPurged: false,
    });
  });

  it('answers already-done before superseded: the same event was applied, whatever came later', () => {
    const done = record({ state: 'succeeded', result: 'ok' });
    expect(
      decideBegin(
        { record: done, guard: guard(tenOClock + fiveMinutes), claim: null },
        request,
        now,
        hold,
      ).kind,
    ).toBe('already-done');
  });

  it('answers failed-permanently with the recorded error', () => {
    const failed = record({ state: 'failed-permanently', error: { code: 'UNKNOWN_PO' } });
    expect(decideBegin({ record: failed, guard: null, claim: null }, request, now, hold)).toEqual({
      kind: 'failed-permanently',
      error: { code: 'UNKNOWN_PO' },
    });
  });

  it('answers in-flight-elsewhere while another lease is live', () => {
    const leased = record({ leaseOwner: 'worker-a', leaseExpiresAt: now + 1 });
    expect(decideBegin({ record: leased, guard: null, claim: null }, request, now, hold)).toEqual({
      kind: 'in-flight-elsewhere',
      leaseOwner: 'worker-a',
      leaseExpiresAt: now + 1,
    });
  });

  it('never grants a live lease twice, even to the owner that holds it', () => {
    const leased = record({ leaseOwner: request.leaseOwner, leaseExpiresAt: now + 1 });
    expect(decideBegin({ record: leased, guard: null, claim: null }, request, now, hold).kind).toBe(
      'in-flight-elsewhere',
    );
  });

  it.each([
    ['expired', { leaseOwner: 'worker-a', leaseExpiresAt: now - 1 }],
    ['expiring at this instant', { leaseOwner: 'worker-a', leaseExpiresAt: now }],
    ['released', { leaseOwner: null, leaseExpiresAt: null }],
  ])('lets the caller take over an in-flight write whose lease is %s', (_case, lease) => {
    expect(
      decideBegin({ record: record(lease), guard: null, claim: null }, request, now, hold),
    ).toEqual({ kind: 'try-lease' });
  });

  it('answers superseded when a strictly newer version was applied', () => {
    expect(
      decideBegin(
        { record: null, guard: guard(tenOClock + fiveMinutes, 'c-10-05'), claim: null },
        request,
        now,
        hold,
      ),
    ).toEqual({
      kind: 'superseded',
      appliedVersion: tenOClock + fiveMinutes,
      appliedByCorrelationId: 'c-10-05',
    });
  });

  it('supersedes a released, half-done write too once a newer version was applied', () => {
    const halfDone = record({ steps: { create: '100000123' } });
    expect(
      decideBegin(
        { record: halfDone, guard: guard(tenOClock + 1), claim: null },
        request,
        now,
        hold,
      ).kind,
    ).toBe('superseded');
  });

  it('applies an equal version from a different event (same coarse timestamp)', () => {
    expect(
      decideBegin(
        { record: null, guard: guard(tenOClock, 'c-other-change'), claim: null },
        request,
        now,
        hold,
      ),
    ).toEqual({
      kind: 'try-lease',
    });
  });

  it('applies a newer version', () => {
    expect(
      decideBegin(
        { record: null, guard: guard(tenOClock - fiveMinutes), claim: null },
        request,
        now,
        hold,
      ),
    ).toEqual({
      kind: 'try-lease',
    });
  });

  it('answers already-done (record purged) when the guard shows this very event applied', () => {
    expect(
      decideBegin(
        { record: null, guard: guard(tenOClock, request.correlationId), claim: null },
        request,
        now,
        hold,
      ),
    ).toEqual({
      kind: 'already-done',
      result: null,
      recordPurged: true,
    });
  });

  it('does not mistake an in-flight record for a purged one', () => {
    const released = record({});
    expect(
      decideBegin(
        { record: released, guard: guard(tenOClock, request.correlationId), claim: null },
        request,
        now,
        hold,
      ),
    ).toEqual({
      kind: 'try-lease',
    });
  });

  describe('the record claim', () => {
    const claim = (change: Partial<RecordClaim>): RecordClaim => ({
      correlationId: 'c-10-30',
      version: tenOClock + 30_000,
      arrivalOrder: 7,
      leaseOwner: null,
      leaseExpiresAt: null,
      inDoubtSince: now - 1000,
      ...change,
    });
    const decide = (held: RecordClaim, change: Partial<BeginRequest> = {}) =>
      decideBegin({ record: null, guard: null, claim: held }, { ...request, ...change }, now, hold);

    it('makes another write of the record wait while its holder has a live lease', () => {
      const busy = decide(
        claim({ leaseOwner: 'worker-a', leaseExpiresAt: now + 5000, inDoubtSince: null }),
      );
      expect(busy).toEqual({
        kind: 'record-busy',
        correlationId: 'c-10-30',
        leaseOwner: 'worker-a',
        leaseExpiresAt: now + 5000,
      });
      // Newer or additive, it still waits: one write of a record at a time.
      expect(
        decide(claim({ leaseOwner: 'worker-a', leaseExpiresAt: now + 5000 }), {
          sourceVersion: tenOClock + 60_000,
          semantics: 'additive',
        }).kind,
      ).toBe('record-busy');
    });

    it('holds back an older write while a newer one is in doubt', () => {
      expect(decide(claim({}))).toEqual({
        kind: 'held-by-in-doubt',
        correlationId: 'c-10-30',
        version: tenOClock + 30_000,
        inDoubtSince: now - 1000,
      });
      // A holder that died counts as in doubt from its lease's expiry.
      expect(
        decide(claim({ leaseOwner: 'worker-a', leaseExpiresAt: now - 10, inDoubtSince: null }))
          .kind,
      ).toBe('held-by-in-doubt');
      // Equal source version that arrived earlier is older too.
      expect(decide(claim({}), { sourceVersion: tenOClock + 30_000, arrivalOrder: 6 }).kind).toBe(
        'held-by-in-doubt',
      );
    });

    it('lets a newer write go ahead of a write in doubt: once applied, it supersedes it', () => {
      expect(decide(claim({}), { sourceVersion: tenOClock + 60_000 })).toEqual({
        kind: 'try-lease',
      });
      expect(decide(claim({}), { sourceVersion: tenOClock + 30_000, arrivalOrder: 8 })).toEqual({
        kind: 'try-lease',
      });
    });

    it('stops holding once the doubt is older than the hold (the hub gave up on it)', () => {
      expect(decide(claim({ inDoubtSince: now - hold }))).toEqual({ kind: 'try-lease' });
    });

    it('never holds back additive facts, and never holds a write back from itself', () => {
      expect(decide(claim({}), { semantics: 'additive' })).toEqual({ kind: 'try-lease' });
      expect(decide(claim({ correlationId: request.correlationId }))).toEqual({
        kind: 'try-lease',
      });
    });

    it('orders equal source versions by arrival, for the guard too', () => {
      const applied = { ...guard(tenOClock), arrivalOrder: 9 };
      const at = (arrivalOrder: number) =>
        decideBegin(
          { record: null, guard: applied, claim: null },
          { ...request, arrivalOrder },
          now,
          hold,
        ).kind;
      expect(at(8)).toBe('superseded');
      expect(at(10)).toBe('try-lease');
    });
  });
});
