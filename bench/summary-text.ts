/** The summary as a few readable lines, for the end of `npm run bench`. */
type Json = Record<string, unknown>;

const n = (value: unknown, digits = 0): string =>
  typeof value === 'number' && Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : 'n/a';
const at = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);

function cpuLine(phase: string, perApp: unknown): string {
  if (typeof perApp !== 'object' || perApp === null) return `  ${phase}: n/a`;
  const apps = Object.entries(perApp as Json)
    .sort(([, a], [, b]) => Number(b) - Number(a))
    .map(([app, seconds]) => `${app} ${n(seconds, 2)}`);
  return `  ${phase}: ${apps.join(', ')}`;
}

/** The reviewer console's page times, p50 / p95 ms, over its seeded dead letters. */
function consoleLines(reviewer: unknown): string[] {
  if (typeof reviewer !== 'object' || reviewer === null) return ['DLQ console: n/a'];
  const times = { ...(at(reviewer, 'pages') as Json), ...(at(reviewer, 'api') as Json) };
  return [
    `DLQ console over ${n(at(reviewer, 'items'))} dead letters, p50 / p95 ms:`,
    `  ${Object.entries(times)
      .map(
        ([page, timing]) => `${page} ${n(at(timing, 'p50Ms'), 1)} / ${n(at(timing, 'p95Ms'), 1)}`,
      )
      .join(', ')}`,
  ];
}

export function formatSummary(summary: Json): string {
  const ceiling = at(summary, 'ceiling');
  const raw = at(ceiling, 'rawKafkajs');
  const bare = at(ceiling, 'bareFastify');
  const ingress = at(summary, 'ingress');
  const closed = at(ingress, 'closedLoop');
  const pipeline = at(summary, 'pipeline');
  const backlog = at(pipeline, 'backlog');
  const ratios = at(summary, 'ratios');
  const cpu = at(summary, 'cpuSecondsPer1000EventsPerApp');
  const lines = [
    `ceiling   raw kafkajs produce ${n(at(raw, 'produceEventsPerSecond'))}/s, consume ${n(at(raw, 'consumeEventsPerSecond'))}/s; bare Fastify + produce ${n(at(bare, 'acceptedPerSecond'))} req/s (p50 ${n(at(bare, 'p50Ms'), 1)} ms, p99 ${n(at(bare, 'p99Ms'), 1)} ms)`,
    `ingress   closed loop ${n(at(closed, 'acceptedPerSecond'))} req/s (p50 ${n(at(closed, 'p50Ms'), 1)} ms, p99 ${n(at(closed, 'p99Ms'), 1)} ms); open loop, offered → accepted/s, p50/p99 ms:`,
    ...list(at(ingress, 'openLoop')).map(
      (run) =>
        `            ${n(at(run, 'offeredPerSecond'))}/s → ${n(at(run, 'acceptedPerSecond'))}/s, ${n(at(run, 'p50Ms'), 1)} / ${n(at(run, 'p99Ms'), 1)}`,
    ),
    `pipeline  WMS webhook → Odoo write, offered → writes/s, end-to-end p50/p99 ms:`,
    ...list(at(pipeline, 'steady')).map(
      (run) =>
        `            ${n(at(run, 'offeredPerSecond'))}/s → ${n(at(run, 'writesPerSecond'))}/s, ${n(at(run, 'p50Ms'), 1)} / ${n(at(run, 'p99Ms'), 1)}`,
    ),
    `          backlog of ${n(at(backlog, 'events'))}: drained in ${n(at(backlog, 'drainSeconds'), 1)} s = ${n(at(backlog, 'drainPerSecond'))}/s (first to last write ${n(at(backlog, 'firstToLastPerSecond'))}/s)`,
    `ratios    ingress/bare Fastify ${n(at(ratios, 'ingressOverBareFastify'), 2)}; pipeline/raw Kafka ${n(at(ratios, 'pipelineOverRawKafka'), 4)}`,
    'CPU seconds per 1,000 events, per process:',
    cpuLine('steady', at(cpu, 'steady')),
    cpuLine('drain', at(cpu, 'drain')),
    ...consoleLines(at(summary, 'dlqConsole')),
  ];
  return lines.join('\n');
}
