import { retryTopic } from '@hub/contracts';
import { apiClient, listItems, type ApiClient } from '../testing/api-client';
import { deadLetterFixtures, type Fixtures } from '../testing/dead-letter-fixtures';
import {
  OPERATOR_TOKEN,
  VIEWER_TOKEN,
  eventually,
  startReviewer,
  type RunningReviewer,
} from '../testing/reviewer-harness';
import { startSimulatedConnector, type SimulatedConnector } from '../testing/simulated-connector';

interface Row {
  readonly target: string | null;
  readonly control: { paused: boolean; breaker: string; changedBy: string | null } | null;
  readonly flow: { lag: number; ratePerSecond: number | null } | null;
}

describe('target controls over the API: operator only, audited, seen in the per-target state', () => {
  let running: RunningReviewer;
  let fixtures: Fixtures;
  let connector: SimulatedConnector;
  let operator: ApiClient;
  let viewer: ApiClient;
  const started: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    running = await startReviewer();
    started.push(() => running.stop());
    fixtures = await deadLetterFixtures(running.deadLetterTopic);
    started.push(() => fixtures.close());
    connector = await startSimulatedConnector({
      retryTopic: retryTopic(running.target),
      outcomeTopics: [running.outcomeTopic],
      target: running.target,
      serde: fixtures.serde,
    });
    started.push(() => connector.stop());
    operator = apiClient(running.url, OPERATOR_TOKEN);
    viewer = apiClient(running.url, VIEWER_TOKEN);
  });

  afterAll(async () => {
    for (const stop of started.reverse()) await stop();
  });

  /** hub_target_control_actions_total of the target, as "action outcome" → count. */
  const controlCounts = async (target: string): Promise<Record<string, number>> => {
    const text = await (await fetch(`${running.adminUrl}/metrics`)).text();
    const counts: Record<string, number> = {};
    const line =
      /^hub_target_control_actions_total\{target="([^"]+)",action="([^"]+)",outcome="([^"]+)"\} (\d+)$/;
    for (const found of text.split('\n').map((l) => line.exec(l)))
      if (found?.[1] === target) counts[`${found[2]} ${found[3]}`] = Number(found[4]);
    return counts;
  };

  const rowOf = async (target: string): Promise<Row | undefined> => {
    const answer = await viewer.get('/api/targets');
    return (answer.body.targets as Row[]).find((row) => row.target === target);
  };

  it('pauses, forces the breaker and resumes; a viewer is refused; each change is audited and shown', async () => {
    const target = running.target;
    // A target has a row once it has dead letters (or the scheduler knows it).
    const letter = await fixtures.publishDeadLetter({ target });
    await eventually(
      'the item',
      async () =>
        (
          await listItems(operator, `entityKey=${encodeURIComponent(letter.original.entityKey)}`)
        )[0],
    );
    const refused = await viewer.post(`/api/targets/${target}/pause`, { note: 'no' });
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
    const bad = await operator.post(`/api/targets/${target}/breaker`, { force: 'half-open' });
    expect(bad.status).toBe(400);
    // The reviewer reads the control topic in the background; it answers 503 until it has.
    const paused = await eventually('the pause accepted', async () => {
      const answer = await operator.post(`/api/targets/${target}/pause`, { note: 'ERP upgrade' });
      return answer.status === 503 ? undefined : answer;
    });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      target,
      before: { paused: false, breaker: 'auto' },
      after: { paused: true, breaker: 'auto', changedBy: 'ops-bot' },
    });
    const shown = await eventually('the pause in the state', async () => {
      const row = await rowOf(target);
      return row?.control?.paused === true ? row : undefined;
    });
    expect(shown).toMatchObject({ control: { breaker: 'auto', changedBy: 'ops-bot' } });
    expect(shown.flow).toEqual({ lag: 0, ratePerSecond: null });

    const forced = await operator.post(`/api/targets/${target}/breaker`, { force: 'open' });
    expect(forced.body).toMatchObject({ after: { paused: true, breaker: 'open' } });
    await eventually('the force in the state', async () =>
      (await rowOf(target))?.control?.breaker === 'open' ? true : undefined,
    );
    const pulled = await operator.post(`/api/targets/${target}/pull-forward`);
    expect(pulled.status).toBe(200);
    expect((pulled.body.after as { pullForwardBefore: number }).pullForwardBefore).toBeGreaterThan(
      0,
    );
    await operator.post(`/api/targets/${target}/breaker`, { force: 'auto' });
    const resumed = await operator.post(`/api/targets/${target}/resume`, { note: 'done' });
    expect(resumed.body).toMatchObject({ after: { paused: false, breaker: 'auto' } });
    await eventually('the resume in the state', async () => {
      const row = await rowOf(target);
      return row?.control?.paused === false && row.control.breaker === 'auto' ? true : undefined;
    });

    const audit = await viewer.get('/api/audit?actor=ops-bot&limit=200');
    const mine = (
      audit.body.entries as { action: string; note: string | null; details: { target?: string } }[]
    )
      .filter((entry) => entry.details.target === target)
      .map((entry) => [entry.action, entry.note]);
    expect(mine.reverse()).toEqual([
      ['target-pause', 'ERP upgrade'],
      ['target-breaker', null],
      ['target-pull-forward', null],
      ['target-breaker', null],
      ['target-resume', 'done'],
    ]);
    // Counted where decided: the refusals at the edge (a viewer, a bad body) never got there.
    const counts = await controlCounts(target);
    expect({ ...counts, 'pause refused': undefined }).toEqual({
      'pause applied': 1,
      'pause refused': undefined,
      'breaker applied': 2,
      'pull-forward applied': 1,
      'resume applied': 1,
    });
  });

  it('replays the stored dead letters of one key, saying which the target already holds', async () => {
    const target = running.target;
    const first = await fixtures.publishDeadLetter({ target });
    const applied = await fixtures.publishDeadLetter({ target });
    for (const letter of [first, applied])
      await eventually(
        'the item',
        async () =>
          (
            await listItems(operator, `entityKey=${encodeURIComponent(letter.original.entityKey)}`)
          )[0],
      );
    await running.idempotency.query(
      `INSERT INTO "${running.idempotencySchema}"."applied_version" (target, entity_type, entity_key, source_version, correlation_id, applied_at)
       VALUES ($1, 'inventory-level', $2, $3, $4, now())`,
      [
        target,
        applied.original.entityKey,
        applied.original.sourceVersion,
        applied.original.correlationId,
      ],
    );
    expect((await viewer.post(`/api/targets/${target}/replay`, { entityKey: 'x' })).status).toBe(
      403,
    );
    expect(
      (await operator.post(`/api/targets/${target}/replay`, { entityKey: 'x', correlationId: 'y' }))
        .status,
    ).toBe(400);
    const none = await operator.post(`/api/targets/${target}/replay`, { entityKey: 'no-such-key' });
    expect([none.status, none.body.code]).toEqual([404, 'NOTHING_TO_REPLAY']);

    const byKey = await operator.post(`/api/targets/${target}/replay`, {
      entityKey: first.original.entityKey,
      note: 'replay after the fix',
    });
    expect(byKey.status).toBe(202);
    expect(byKey.body).toMatchObject({
      replayed: [
        { correlationId: first.original.correlationId, statusBefore: 'open', expected: 'write' },
      ],
      skipped: [],
    });
    const byCorrelation = await operator.post(`/api/targets/${target}/replay`, {
      correlationId: applied.original.correlationId,
    });
    expect(byCorrelation.body).toMatchObject({
      replayed: [{ entityKey: applied.original.entityKey, expected: 'no-op' }],
    });
    expect((byCorrelation.body.replayed as { why: string }[])[0]?.why).toContain('already applied');
    // Through the operator-retry path: the target's retry topic, and the outcomes close them.
    await eventually('both replays at the connector', () =>
      Promise.resolve(
        [first, applied].every((letter) =>
          connector.received.some(
            (message) => message.envelope.eventId === letter.original.eventId,
          ),
        )
          ? true
          : undefined,
      ),
    );
    await eventually('the replayed item resolved', async () => {
      const [item] = await listItems(
        operator,
        `entityKey=${encodeURIComponent(first.original.entityKey)}`,
      );
      return item?.status === 'resolved' ? item : undefined;
    });
    // A resolved item replays too (its statusBefore says so).
    const again = await operator.post(`/api/targets/${target}/replay`, {
      entityKey: first.original.entityKey,
    });
    expect(again.body).toMatchObject({ replayed: [{ statusBefore: 'resolved' }] });
    const audit = await viewer.get('/api/audit?action=target-replay&limit=20');
    expect(
      (audit.body.entries as { itemId: string | null; note: string | null }[]).filter(
        (entry) => entry.itemId === null,
      ),
    ).toHaveLength(3);
    const counts = await controlCounts(target);
    expect([counts['replay applied'], counts['replay refused']]).toEqual([3, 1]);
  });
});
