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
const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : value === undefined || value === null
      ? ''
      : JSON.stringify(value);
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

/** Issue #20's targets, one line each: ✔ met, ✘ missed, ? not measured. */
function targetLines(summary: Json): string[] {
  return [
    'targets (issue #20):',
    ...list(at(summary, 'targets')).map((row) => {
      const met = at(row, 'met');
      const mark = met === true ? '✔' : met === false ? '✘' : '?';
      const value = at(row, 'value');
      const unit = text(at(row, 'unit'));
      if (text(at(row, 'name')).startsWith('soak'))
        return `  ${mark} ${text(at(row, 'name'))}: ${value === null ? 'n/a' : value === 1 ? 'held' : 'not held'}`;
      const shown = `${n(value, 2)}${unit}`;
      return `  ${mark} ${text(at(row, 'name'))}: ${shown} (target ${text(at(row, 'op'))} ${n(at(row, 'target'), 1)}${unit})`;
    }),
  ];
}

/** Baseline, simulator capacity, scale-out and the soak, beside the hub's own drain. */
function comparisonLines(summary: Json): string[] {
  const baseline = at(summary, 'baseline');
  const capacity = at(summary, 'simulatorCapacity');
  const scaleOut = at(summary, 'scaleOut');
  const halfPeak = at(summary, 'ingressHalfPeak');
  const soak = at(summary, 'soak');
  return [
    `baseline  plain kafkajs consumer, same Odoo calls, same backlog: ${n(at(baseline, 'firstToLastPerSecond'))}/s first to last (its own CPU ${n(at(baseline, 'cpuSecondsPer1000'), 2)} s / 1,000)`,
    `scale-out ${n(at(scaleOut, 'replicas'))} connector-odoo replicas: ${n(at(scaleOut, 'firstToLastPerSecond'))}/s first to last; the simulator alone, ${n(at(capacity, 'workers'))} direct clients: ${n(at(capacity, 'appliesPerSecond'))} applies/s`,
    `ingress   at half the peak (${n(at(halfPeak, 'offeredPerSecond'))}/s, autocannon overallRate): p50 ${n(at(halfPeak, 'p50Ms'), 1)} ms, p99 ${n(at(halfPeak, 'p99Ms'), 1)} ms`,
    soak === null || soak === undefined
      ? 'soak      none in bench/results (npm run soak -- --minutes 30)'
      : `soak      ${n(at(soak, 'minutes'))} min: ${at(at(soak, 'verdict'), 'held') === true ? 'held' : 'not held'} (${text(at(at(soak, 'verdict'), 'text'))}); plot ${text(at(soak, 'png'))}`,
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
    `ratios    ingress/bare Fastify ${n(at(ratios, 'ingressOverBareFastify'), 2)}; pipeline/raw Kafka ${n(at(ratios, 'pipelineOverRawKafka'), 4)}; hub/baseline ${n(at(ratios, 'hubOverBaseline'), 2)}; two replicas/one ${n(at(ratios, 'scaleOut'), 2)}`,
    ...comparisonLines(summary),
    'CPU seconds per 1,000 events, per process:',
    cpuLine('steady', at(cpu, 'steady')),
    cpuLine('drain', at(cpu, 'drain')),
    ...consoleLines(at(summary, 'dlqConsole')),
    ...targetLines(summary),
  ];
  return lines.join('\n');
}
